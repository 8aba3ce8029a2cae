// Palette teams in environment files: located errors, one owner per team name across files, and the stack's
// teams taking their VM role from the bindings that name their group (issue 11).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "../../lib/cdktf";
import { synthesize } from "../../stacks/app";
import { ConfigError, parseEnvironment } from "../../stacks/config/load";
import { toProjectConfig } from "../../stacks/config/to-project-config";
import { loadEnvironments } from "../../stacks/environments";
import { VmoProjectStack } from "../../stacks/vmo-project-stack";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-teams-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const bound =
  "project: {name: Dev}\nprofiles:\n  - name: vmo\n    roleBindings:\n      bindings:\n        - role: spectro-vm-viewer\n          subjects: [{kind: Group, name: auditors}]\n";

function refusal(files: Record<string, string>, run: "load" | "synth" = "load"): string[] {
  const dir = path.join(tmp, String(n++));
  fs.mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  try {
    if (run === "load") loadEnvironments(dir, "cfg");
    else synthesize({ configDir: dir, outdir: path.join(dir, "out") });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.message.split(path.relative(process.cwd(), dir)).join("cfg").split("\n");
  }
  throw new Error("expected a refusal");
}

describe("teams: in an environment file", () => {
  test("an unknown key, a member that is no e-mail and an unknown Palette role are located, with hints", () => {
    expect(refusal({ "dev.yaml": `${bound}teams:\n  - name: auditors\n    member: [a@example.com]\n` })).toEqual([
      expect.stringMatching(
        /^cfg\/dev\.yaml:10:5: teams\[0\]\.member: unknown key "member" \(did you mean "members"\?\); allowed here: name, members, roles, suppressions\.$/,
      ),
    ]);
    expect(refusal({ "dev.yaml": `${bound}teams:\n  - name: auditors\n    members: [alice]\n` })).toEqual([
      expect.stringMatching(/^cfg\/dev\.yaml:10:15: teams\[0\]\.members\[0\]: expected a Palette login e-mail/),
    ]);
    expect(refusal({ "dev.yaml": `${bound}teams:\n  - name: auditors\n    roles: [Virtual Machine Viewers]\n` })).toEqual([
      expect.stringMatching(/^cfg\/dev\.yaml:10:13: teams\[0\]\.roles\[0\]: expected one of .* \(did you mean "Virtual Machine Viewer"\?\)/),
    ]);
  });

  test("a team name twice in one file", () => {
    expect(refusal({ "dev.yaml": `${bound}teams:\n  - name: auditors\n  - name: auditors\n` })).toEqual([
      'cfg/dev.yaml:10:11: teams[1].name: duplicate team name "auditors" (also teams[0]); a team is owned once.',
    ]);
  });

  test("two environment files owning one team (names are tenant-wide, even across projects)", () => {
    const prod = bound.replace("name: Dev", "name: Production");
    expect(refusal({ "dev.yaml": `${bound}teams:\n  - name: auditors\n`, "prod.yaml": `${prod}teams:\n  - name: auditors\n` })).toEqual([
      'cfg/prod.yaml:9:11: teams[0].name: team "auditors" (tenant-wide) is also used by environment "dev" (cfg/dev.yaml:9:11); each environment needs its own, so a change to one can never plan against another.',
    ]);
  });

  test("a team no binding names, and a role override without the pairing (VMO-018), point at the team", () => {
    expect(refusal({ "dev.yaml": `${bound}teams:\n  - name: nobody\n` }, "synth")).toEqual([
      'cfg/dev.yaml:9:11: teams[0].name: no VM role binding names Group "nobody", so the team would get no VM role. Bind Group "nobody" to a spectro-vm-* role in the profile\'s (or a cluster\'s) roleBindings, or remove the team.',
    ]);
    expect(refusal({ "dev.yaml": `${bound}teams:\n  - name: auditors\n    roles: [Virtual Machine Viewer]\n` }, "synth")).toEqual([
      expect.stringMatching(
        /^cfg\/dev\.yaml:10:12: teams\[0\]\.roles: \[VMO-018\] team "auditors" has "Virtual Machine Viewer" without "Cluster Viewer", which vm-roles-permissions\.md pairs with it\. Fix: /,
      ),
    ]);
  });
});

describe("VmoProjectStack teams", () => {
  test("profile-wide and per-cluster bindings both grant; the team's roles are the union of their pairings", () => {
    const yaml = `${bound}    clusters:\n      - name: edge-1\n        roleBindings:\n          - role: spectro-vm-power-user\n            subjects: [{kind: Group, name: auditors}]\n            allVmNamespaces: true\nteams:\n  - name: auditors\n    members: [alice@example.com]\n`;
    const config = toProjectConfig(parseEnvironment(yaml, "dev.yaml"));
    const stack = new VmoProjectStack(Testing.app(), "dev", { config });
    expect(stack.teams.map((t) => [t.teamName, t.vmRoles, t.roles])).toEqual([
      ["auditors", ["spectro-vm-power-user", "spectro-vm-viewer"], ["Cluster Viewer", "Virtual Machine Power User", "Virtual Machine Viewer"]],
    ]);
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.spectrocloud_team).map((t: any) => t.name)).toEqual(["auditors"]);
    expect(Object.values(json.data.spectrocloud_project).map((p: any) => p.name)).toEqual(["Dev"]);
  });
});
