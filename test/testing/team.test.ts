// spectrocloud_team and the role / user / project data sources on raw Terraform JSON against the offline
// provider (real terraform), each behaviour named in docs/FIDELITY.md beside the v0.29.9 source it ports.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadTesting, scratch, terraform, terraformAvailable, tfOk, writeJson } from "./helpers";

const run = terraformAvailable() ? describe : describe.skip;
const testing = loadTesting();
const cacheDir = scratch("team-cache");
const cleanups: string[] = [cacheDir];
afterAll(() => {
  for (const d of cleanups) fs.rmSync(d, { recursive: true, force: true });
});

interface Shape {
  name?: string;
  roles?: string[];
  members?: string[];
}

function config(s: Shape = {}): unknown {
  const roles = s.roles ?? ["Cluster Viewer", "Virtual Machine Viewer"];
  const members = s.members ?? ["bob@example.com"];
  const key = (x: string) => x.replace(/[^A-Za-z0-9]/g, "_");
  return {
    terraform: { required_providers: { spectrocloud: { source: "spectrocloud/spectrocloud", version: "0.29.9" } } },
    provider: { spectrocloud: [{ project_name: "Dev" }] },
    data: {
      spectrocloud_project: { dev: { name: "Dev" } },
      spectrocloud_role: Object.fromEntries(roles.map((r) => [key(r), { name: r }])),
      ...(members.length ? { spectrocloud_user: Object.fromEntries(members.map((m) => [key(m), { email: m }])) } : {}),
    },
    resource: {
      spectrocloud_team: {
        t: {
          name: s.name ?? "vmo-auditors",
          users: members.map((m) => `\${data.spectrocloud_user.${key(m)}.id}`),
          project_role_mapping: [{ id: "${data.spectrocloud_project.dev.id}", roles: roles.map((r) => `\${data.spectrocloud_role.${key(r)}.id}`) }],
        },
      },
    },
    output: { team_id: { value: "${spectrocloud_team.t.id}" } },
  };
}

function setup(name: string, cfg: unknown) {
  const workDir = scratch(`team-${name}`);
  cleanups.push(workDir);
  const dir = path.join(workDir, "cfg");
  writeJson(path.join(dir, "main.tf.json"), cfg);
  const offline = testing.prepareOfflineTerraform({ workDir, cacheDir });
  tfOk(["init", "-input=false", "-no-color"], dir, offline.env);
  return { dir, offline, env: offline.env };
}

const palette = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const inventory = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

run("spectrocloud_team offline", () => {
  test("create, re-plan empty; update re-sends every project role mapping (a role added in Palette is dropped); destroy deletes the team", () => {
    const { dir, offline, env } = setup("cycle", config());
    tfOk(["apply", "-input=false", "-auto-approve", "-no-color"], dir, env);
    const inv = inventory(offline.inventoryFile);
    const uid = (kind: "roles" | "users", key: "name" | "email", v: string) => inv[kind].find((x: any) => x[key] === v).uid;
    const id = JSON.parse(tfOk(["output", "-json"], dir, env).stdout).team_id.value;
    const stored = palette(offline.stateFile).teams.find((t: any) => t.uid === id);
    expect(stored).toEqual({
      uid: id,
      name: "vmo-auditors",
      users: [uid("users", "email", "bob@example.com")],
      projectRoles: [
        { project: "adcecf367eaaa976880bc957", roles: [uid("roles", "name", "Cluster Viewer"), uid("roles", "name", "Virtual Machine Viewer")].sort() },
      ],
      tenantRoles: [],
      workspaceRoles: [],
    });
    expect(tfOk(["plan", "-input=false", "-no-color", "-detailed-exitcode"], dir, env).stdout).toContain("No changes.");

    // Someone grants the team another role in the Palette UI: refresh shows it, and the next apply removes it
    // again, because Update sends all project role mappings (toTeamProjectRoleMapping).
    const s = palette(offline.stateFile);
    s.teams[0].projectRoles[0].roles.push(uid("roles", "name", "Project Admin"));
    fs.writeFileSync(offline.stateFile, JSON.stringify(s));
    const drift = tfOk(["plan", "-input=false", "-no-color"], dir, env, 0);
    expect(drift.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    tfOk(["apply", "-input=false", "-auto-approve", "-no-color"], dir, env);
    expect(palette(offline.stateFile).teams[0].projectRoles[0].roles).toHaveLength(2);

    // A member added in config is an in-place update; the name is ForceNew.
    writeJson(path.join(dir, "main.tf.json"), config({ members: ["bob@example.com", "carol@example.com"] }));
    expect(tfOk(["plan", "-input=false", "-no-color"], dir, env).stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    tfOk(["apply", "-input=false", "-auto-approve", "-no-color"], dir, env);
    expect(palette(offline.stateFile).teams[0].users).toHaveLength(2);
    writeJson(path.join(dir, "main.tf.json"), config({ name: "vmo-auditors-2", members: ["bob@example.com", "carol@example.com"] }));
    expect(tfOk(["plan", "-input=false", "-no-color"], dir, env).stdout).toMatch(/~ name\s+= "vmo-auditors" -> "vmo-auditors-2" # forces replacement/);

    tfOk(["destroy", "-input=false", "-auto-approve", "-no-color"], dir, env);
    expect(palette(offline.stateFile).teams).toEqual([]);
  });

  test("a team deleted in Palette is planned for create again (GetTeam 404 clears the id)", () => {
    const { dir, offline, env } = setup("gone", config());
    tfOk(["apply", "-input=false", "-auto-approve", "-no-color"], dir, env);
    const s = palette(offline.stateFile);
    s.teams = [];
    fs.writeFileSync(offline.stateFile, JSON.stringify(s));
    expect(tfOk(["plan", "-input=false", "-no-color"], dir, env).stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
  });

  test("creating a team whose name exists in the tenant fails; unknown roles and users fail with the provider's wording", () => {
    const { dir, env } = setup("taken", config({ name: "platform-admins" }));
    const taken = terraform(["apply", "-input=false", "-auto-approve", "-no-color"], dir, env);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/Error: team 'platform-admins' already exists/);

    writeJson(path.join(dir, "main.tf.json"), config({ roles: ["Virtual Machine Viewers"], members: ["nobody@example.com"] }));
    const missing = terraform(["plan", "-input=false", "-no-color"], dir, env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Error: role 'Virtual Machine Viewers' not found");
    expect(missing.stderr).toContain("Error: user with email 'nobody@example.com' not found");
  });

  test("import by team UID reads the team made elsewhere, its mappings as Palette has them", () => {
    const { dir, offline, env } = setup("import", config({ name: "platform-admins", roles: ["Project Admin"], members: ["alice@example.com"] }));
    const made = inventory(offline.inventoryFile).teams.find((t: any) => t.name === "platform-admins");
    tfOk(["import", "-input=false", "-no-color", "spectrocloud_team.t", made.uid], dir, env);
    // The inventory's team maps Project Admin in Default; this config maps it in Dev: an update, not a no-op.
    const plan = tfOk(["plan", "-input=false", "-no-color"], dir, env).stdout;
    expect(plan).toMatch(/- id\s+= "d9baf151417ada42c49f608d" -> null/);
    expect(plan).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    tfOk(["state", "rm", "spectrocloud_team.t"], dir, env);
    const bad = terraform(["import", "-input=false", "-no-color", "spectrocloud_team.t", "000000000000000000000000"], dir, env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("could not retrieve team for import: team '000000000000000000000000' not found");
  });
});
