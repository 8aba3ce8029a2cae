// The simulated Palette as a Palette user sees it: describePalette / npm run palette, and applying a pending
// update by hand. No terraform: the state file is written here as apply would leave it.
import * as fs from "node:fs";
import * as path from "node:path";
import { buildModule, scratch } from "./helpers";
import type * as InspectModule from "../../lib/testing/inspect";

const inspect = buildModule<typeof InspectModule>("inspect");

const pack = (tag: string) => ({ name: "virtual-machine-orchestrator", tag, type: "spectro", uid: "u", registry_uid: null, values: "a: 1", manifest: [] });

function stateFile(): string {
  const file = path.join(scratch("inspect"), "palette-state.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      clusterProfiles: [{ uid: "p1", name: "vmo-dev", version: "1.2.0", context: "project", packs: [pack("4.10.8")], revision: 2 }],
      clusters: [
        {
          uid: "3b8e1f0c5a7d92e4c6f10a2b",
          templates: [{ uid: "p1", name: "vmo-dev", version: "1.1.0", revision: 1, packs: [pack("4.10.7")] }],
          variables: { p1: { site: "lab" } },
        },
      ],
      // Users, roles and the Dev project of lib/testing/fixtures/inventory.json, shown by name.
      teams: [
        {
          uid: "t1",
          name: "vmo-admins",
          users: ["f66cfa6804f19d5488c42407"],
          projectRoles: [{ project: "adcecf367eaaa976880bc957", roles: ["9536a3887349bd04e01ca3f8", "fc15b151d2da0be6ee3c1ea7"] }],
          tenantRoles: [],
          workspaceRoles: [],
        },
      ],
    }),
  );
  return file;
}

describe("npm run palette", () => {
  test("prints profiles, which version each cluster runs, pending updates and the teams apply made", () => {
    const out: string[] = [];
    expect(inspect.paletteCli([stateFile()], (s) => out.push(s))).toBe(0);
    expect(out.join("")).toBe(
      [
        "profiles:",
        "  vmo-dev 1.2.0 (p1, project, revision 2): virtual-machine-orchestrator 4.10.8",
        "clusters:",
        '  dev-edge-k3s-1 runs vmo-dev 1.1.0 {"site":"lab"}',
        "pending updates:",
        "  dev-edge-k3s-1: vmo-dev 1.1.0 -> 1.2.0",
        "teams:",
        "  vmo-admins (t1): members alice@example.com; roles Dev: Cluster Editor, Virtual Machine Admin",
        "",
      ].join("\n"),
    );
  });

  test("lists the VMs per cluster and namespace with their state, run strategy and disks", () => {
    const file = stateFile();
    const vm = (name: string, over: Record<string, unknown>) => ({
      clusterUid: "3b8e1f0c5a7d92e4c6f10a2b",
      namespace: "default",
      name,
      uid: name,
      resourceVersion: 1,
      generation: 1,
      labels: {},
      annotations: {},
      runStrategy: "Always",
      running: false,
      printableStatus: "Running",
      spec: {},
      dataVolumes: [],
      ...over,
    });
    const dv = (name: string, hotplugged: boolean) => ({ name, namespace: "default", metadata: {}, spec: {}, hotplugged });
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    doc.vms = [
      vm("web-2", { namespace: "vms", runStrategy: "Halted", printableStatus: "Stopped" }),
      vm("web-1", { dataVolumes: [dv("root", false), dv("data", true)] }),
      vm("db-1", { clusterUid: "6789abcdef0123456789abcd", runStrategy: "", running: true }),
    ];
    fs.writeFileSync(file, JSON.stringify(doc));
    const out: string[] = [];
    expect(inspect.paletteCli([file], (s) => out.push(s))).toBe(0);
    expect(out.join("")).toContain(
      [
        "virtual machines:",
        "  dev-edge-k3s-1 default/web-1: Running (Always), disks: root, data (added)",
        "  dev-edge-k3s-1 vms/web-2: Stopped (Halted)",
        "  edge-cluster-2 default/db-1: Running (running: true)",
        "",
      ].join("\n"),
    );
  });

  test("apply-update moves the cluster to the profile's version and content; its variables stay", () => {
    const file = stateFile();
    const out: string[] = [];
    expect(inspect.paletteCli([file, "apply-update", "dev-edge-k3s-1"], (s) => out.push(s))).toBe(0);
    expect(out.join("")).toContain("applied: dev-edge-k3s-1: vmo-dev 1.1.0 -> 1.2.0\n");
    expect(out.join("")).toContain('  dev-edge-k3s-1 runs vmo-dev 1.2.0 {"site":"lab"}\npending updates: none\n');
    const saved = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(saved.clusters[0].templates[0]).toEqual({ uid: "p1", name: "vmo-dev", version: "1.2.0", revision: 2, packs: [pack("4.10.8")] });
  });

  test("nothing pending, or a bad command line, is exit 1 with the reason", () => {
    const file = stateFile();
    inspect.paletteCli([file, "apply-update", "3b8e1f0c5a7d92e4c6f10a2b"], () => undefined);
    const err: string[] = [];
    expect(
      inspect.paletteCli(
        [file, "apply-update", "dev-edge-k3s-1"],
        () => undefined,
        (s) => err.push(s),
      ),
    ).toBe(1);
    expect(err.join("")).toBe("palette: cluster dev-edge-k3s-1 has no pending update\n");
    const usage: string[] = [];
    expect(
      inspect.paletteCli(
        [file, "apply"],
        () => undefined,
        (s) => usage.push(s),
      ),
    ).toBe(1);
    expect(usage.join("")).toMatch(/^usage: npm run palette -- <palette-state.json> \[apply-update/);
  });
});
