import { stringify } from "yaml";
import { naturalCompare } from "../../../stacks/pipeline/natural-compare";
import { formatPlanMarkdown, formatPlanText } from "../../../stacks/pipeline/plan-format";
import { redactPlan } from "../../../stacks/pipeline/plan-redact";
import { PLAN_EXIT, decidePlan, preventDestroyRefusal } from "../../../stacks/pipeline/plan";
import { accessOf, destructiveWarnings, hasChanges, summarizePlan } from "../../../stacks/pipeline/plan-summary";

const vmoValues = (managedIngress: boolean) =>
  stringify({
    charts: {
      "virtual-machine-orchestrator": { "vmo-manager": { palette: { managedIngress }, service: { type: managedIngress ? "ClusterIP" : "LoadBalancer" } } },
    },
  });

const profile = (over: Record<string, unknown> = {}, proxied = true) => ({
  name: "vmo-dev",
  version: "1.1.0",
  pack: [{ name: "virtual-machine-orchestrator", tag: "4.10.7", values: vmoValues(proxied) }, ...(proxied ? [{ name: "spectro-proxy", tag: "1.5.6" }] : [])],
  ...over,
});

const change = (address: string, actions: string[], before: unknown, after: unknown, extra: Record<string, unknown> = {}) => ({
  address,
  mode: "managed",
  type: address.split(".")[0],
  change: { actions, before, after, ...extra },
});

const clusters = {
  prior_state: {
    values: {
      root_module: {
        resources: [
          { mode: "data", type: "spectrocloud_cluster", values: { id: "uid-edge-1", name: "edge-1" } },
          { mode: "data", type: "spectrocloud_cluster", values: { id: "uid-edge-2", name: "edge-2" } },
        ],
      },
    },
  },
};

describe("summarizePlan", () => {
  test("first apply: the profile and attachments are created, clusters gain VMO", () => {
    const s = summarizePlan("dev", {
      ...clusters,
      resource_changes: [
        change("spectrocloud_cluster_profile.P", ["create"], null, profile()),
        change("spectrocloud_addon_deployment.A1", ["create"], null, { cluster_uid: "uid-edge-1" }),
        change("spectrocloud_addon_deployment.A2", ["create"], null, { cluster_uid: "uid-raw" }),
        { address: "data.spectrocloud_pack.x", mode: "data", type: "spectrocloud_pack", change: { actions: ["read"], before: null, after: {} } },
      ],
    });
    expect(s).toMatchObject({
      stack: "dev",
      adds: 3,
      changes: 0,
      replaces: 0,
      destroys: 0,
      clustersGaining: ["edge-1", "uid-raw"],
      clustersLosing: [],
      warnings: [],
    });
    expect(s.profiles).toEqual([
      {
        address: "spectrocloud_cluster_profile.P",
        name: "vmo-dev",
        action: "create",
        version: { to: "1.1.0" },
        vmo: { to: "4.10.7" },
        proxy: { to: "1.5.6" },
        access: { to: "proxied" },
      },
    ]);
    expect(hasChanges(s)).toBe(true);
  });

  test("a VMO bump is an in-place update with both versions shown", () => {
    const s = summarizePlan("dev", {
      resource_changes: [
        change(
          "spectrocloud_cluster_profile.P",
          ["update"],
          profile(),
          profile({
            version: "1.2.0",
            pack: [
              { name: "virtual-machine-orchestrator", tag: "4.10.8", values: vmoValues(true) },
              { name: "spectro-proxy", tag: "1.5.6" },
            ],
          }),
        ),
        change("spectrocloud_addon_deployment.A1", ["no-op"], { cluster_uid: "u" }, { cluster_uid: "u" }),
      ],
    });
    expect(s).toMatchObject({ adds: 0, changes: 1, destroys: 0, warnings: [] });
    expect(s.profiles[0]).toMatchObject({ action: "update", version: { from: "1.1.0", to: "1.2.0" }, vmo: { from: "4.10.7", to: "4.10.8" } });
    expect(s.profiles[0].proxy).toBeUndefined();
    expect(formatPlanText([s])).toBe(
      "dev: 0 to add, 1 to change, 0 to replace, 0 to destroy\n  profile vmo-dev: update (version 1.1.0 -> 1.2.0, VMO 4.10.7 -> 4.10.8)",
    );
  });

  test("attachments whose profile revision moves are listed as clusters moving, from which version to which", () => {
    const dep = (rev: string) => ({ cluster_uid: "uid-edge-1", cluster_profile: [{ id: "p1", variables: { vmo_profile_revision: rev } }] });
    const s = summarizePlan("dev", {
      ...clusters,
      resource_changes: [
        change("spectrocloud_cluster_profile.P", ["update"], profile(), profile({ version: "1.2.0" })),
        change("spectrocloud_addon_deployment.A1", ["update"], dep("1.1.0+aaaaaaaaaaaa"), dep("1.2.0+bbbbbbbbbbbb")),
        change(
          "spectrocloud_addon_deployment.A2",
          ["update"],
          { ...dep("1.2.0+aaaaaaaaaaaa"), cluster_uid: "uid-edge-2" },
          { ...dep("1.2.0+cccccccccccc"), cluster_uid: "uid-edge-2" },
        ),
      ],
    });
    expect(s.clustersMoving).toEqual([
      { cluster: "edge-1", from: "1.1.0", to: "1.2.0" },
      { cluster: "edge-2", from: "1.2.0", to: "1.2.0" },
    ]);
    expect(s.warnings).toEqual([]);
    expect(formatPlanText([s]).split("\n").pop()).toBe("  clusters moving: edge-1 1.1.0 -> 1.2.0, edge-2 1.2.0 (new content)");
    expect(formatPlanMarkdown([s])).toContain("- clusters moving: `edge-1` 1.1.0 -> 1.2.0, `edge-2` 1.2.0 (new content)\n");
  });

  test("an attachment moving to a differently named profile is destructive: the provider would add it beside the old one", () => {
    const s = summarizePlan("dev", {
      ...clusters,
      resource_changes: [
        change(
          "spectrocloud_addon_deployment.A1",
          ["update"],
          { cluster_uid: "uid-edge-1", cluster_profile: [{ id: "shared" }] },
          { cluster_uid: "uid-edge-1", cluster_profile: [{ id: null }] },
        ),
      ],
    });
    expect(destructiveWarnings([s])).toEqual([
      {
        kind: "profile-switch",
        destructive: true,
        message:
          "the attachment of cluster edge-1 (spectrocloud_addon_deployment.A1) moves to another cluster profile; the provider adds it without removing profile shared (it replaces only a profile of the same name), so the cluster would run VMO from both. Detach the old profile from the cluster in Palette right after the apply, or keep the cluster's packValues/roleBindings as they were.",
      },
    ]);
    // A profile replaced under its own name (ForceNew) is swapped by name: no warning.
    const replaced = summarizePlan("dev", {
      ...clusters,
      resource_changes: [
        change("spectrocloud_cluster_profile.P", ["delete", "create"], { ...profile(), id: "shared" }, profile()),
        change(
          "spectrocloud_addon_deployment.A1",
          ["update"],
          { cluster_uid: "uid-edge-1", cluster_profile: [{ id: "shared" }] },
          { cluster_uid: "uid-edge-1", cluster_profile: [{ id: null }] },
        ),
      ],
    });
    expect(destructiveWarnings([replaced])).toEqual([]);
  });

  test("detaching VMO from a cluster is destructive", () => {
    const s = summarizePlan("prod", {
      ...clusters,
      resource_changes: [change("spectrocloud_addon_deployment.A2", ["delete"], { cluster_uid: "uid-edge-2" }, null)],
    });
    expect(s.clustersLosing).toEqual(["edge-2"]);
    expect(destructiveWarnings([s])).toEqual([
      {
        kind: "detach",
        destructive: true,
        message: "VMO is detached from cluster edge-2 (spectrocloud_addon_deployment.A2): the pack's cleanup removes KubeVirt and every VM on it.",
      },
    ]);
  });

  test("replacing an attachment is destructive too", () => {
    const s = summarizePlan("prod", {
      ...clusters,
      resource_changes: [change("spectrocloud_addon_deployment.A1", ["delete", "create"], { cluster_uid: "uid-edge-1" }, { cluster_uid: "uid-edge-1" })],
    });
    expect(s.replaces).toBe(1);
    expect(destructiveWarnings([s]).map((w) => w.kind)).toEqual(["detach"]);
  });

  test("switching a deployed profile from Proxied to Direct is destructive", () => {
    const s = summarizePlan("dev", { resource_changes: [change("spectrocloud_cluster_profile.P", ["update"], profile(), profile({}, false))] });
    expect(s.profiles[0]).toMatchObject({ access: { from: "proxied", to: "direct" }, proxy: { from: "1.5.6" } });
    expect(destructiveWarnings([s])[0].message).toMatch(/^profile vmo-dev switches VMO access from proxied to direct; Palette warns against/);
  });

  test("a profile replace warns without blocking; no changes is no changes", () => {
    const s = summarizePlan("dev", {
      resource_changes: [change("spectrocloud_cluster_profile.P", ["create", "delete"], profile(), profile({ name: "vmo-dev2" }))],
    });
    expect(s.warnings).toEqual([expect.objectContaining({ kind: "profile-replace", destructive: false })]);
    const none = summarizePlan("dev", { resource_changes: [change("spectrocloud_cluster_profile.P", ["no-op"], profile(), profile())] });
    expect(hasChanges(none)).toBe(false);
    expect(formatPlanText([none])).toBe("dev: no changes");
  });

  test("imports are counted", () => {
    const s = summarizePlan("dev", {
      resource_changes: [change("spectrocloud_cluster_profile.P", ["no-op"], profile(), profile(), { importing: { id: "vmo-dev:project:1.1.0" } })],
    });
    expect(s.imports).toBe(1);
    expect(formatPlanText([s])).toBe("dev: 0 to add, 0 to change, 0 to replace, 0 to destroy, 1 to import");
  });

  test("Markdown for the pull request: a table per stack and the warnings", () => {
    const a = summarizePlan("dev", {
      ...clusters,
      resource_changes: [change("spectrocloud_addon_deployment.A2", ["delete"], { cluster_uid: "uid-edge-2" }, null)],
    });
    const b = summarizePlan("prod", { resource_changes: [] });
    expect(formatPlanMarkdown([a, b], "Offline plan.")).toBe(
      [
        "### VMO plan",
        "",
        "> Offline plan.",
        "",
        "| stack | add | change | replace | destroy | import |",
        "|---|---:|---:|---:|---:|---:|",
        "| `dev` | 0 | 0 | 0 | 1 | 0 |",
        "| `prod` | 0 | 0 | 0 | 0 | 0 |",
        "",
        "#### `dev`",
        "",
        "- clusters losing VMO: `edge-2`",
        "- **:warning: destructive:** VMO is detached from cluster edge-2 (spectrocloud_addon_deployment.A2): the pack's cleanup removes KubeVirt and every VM on it.",
        "",
      ].join("\n"),
    );
  });
});

describe("at fleet scale", () => {
  // 300 clusters gaining VMO, planned in an order Terraform might give (lexicographic addresses).
  const fleet = Array.from({ length: 300 }, (_, i) => `c-${i}`);
  const plan = {
    prior_state: {
      values: { root_module: { resources: fleet.map((n) => ({ mode: "data", type: "spectrocloud_cluster", values: { id: `uid-${n}`, name: n } })) } },
    },
    resource_changes: [...fleet].sort().map((n) => change(`spectrocloud_addon_deployment.${n}`, ["create"], null, { cluster_uid: `uid-${n}` })),
  };

  test("names sort the way people count (c-2 before c-10), and text prints the first ten and a count", () => {
    const s = summarizePlan("fleet", plan);
    expect(s.clustersGaining).toEqual(fleet);
    const text = formatPlanText([s]);
    const lines = text.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "fleet: 300 to add, 0 to change, 0 to replace, 0 to destroy",
      "  clusters gaining VMO (300): c-0, c-1, c-2, c-3, c-4, c-5, c-6, c-7, c-8, c-9 and 290 more",
    ]);
    // One screen: the prerequisites checklist follows, and the whole summary fits in 24 lines.
    expect(lines[2]).toBe("before VMO runs on the clusters gaining it, check what Terraform cannot see:");
    expect(lines.length).toBeLessThanOrEqual(24);
  });

  test("Markdown keeps the complete list, folded in a <details>", () => {
    const md = formatPlanMarkdown([summarizePlan("fleet", plan)]);
    expect(md).toContain("- <details><summary>clusters gaining VMO: 300</summary>\n\n  `c-0`, `c-1`, `c-2`,");
    expect(md).toContain("`c-298`, `c-299`\n\n  </details>\n");
    expect(md.match(/`c-\d+`/g)).toHaveLength(300);
  });

  test("naturalCompare: digit runs as numbers, text as text, ties broken deterministically", () => {
    expect(["c-10", "c-9", "c-100", "b", "c-2", "c-02", "a-1x", "a-1"].sort(naturalCompare)).toEqual([
      "a-1",
      "a-1x",
      "b",
      "c-02",
      "c-2",
      "c-9",
      "c-10",
      "c-100",
    ]);
    expect(naturalCompare("edge-99999999999999999999", "edge-100000000000000000000")).toBe(-1);
  });
});

describe("accessOf", () => {
  test.each([
    ["4.10 Proxied", profile(), "proxied"],
    ["4.10 Direct", profile({}, false), "direct"],
    [
      "4.9 Proxied",
      { pack: [{ name: "virtual-machine-orchestrator", values: "pack:\n  palette:\n    config:\n      dashboard:\n        access: private\n" }] },
      "proxied",
    ],
    [
      "4.9 Direct",
      { pack: [{ name: "virtual-machine-orchestrator", values: "charts:\n  virtual-machine-orchestrator:\n    service:\n      type: LoadBalancer\n" }] },
      "direct",
    ],
    ["custom values", { pack: [{ name: "virtual-machine-orchestrator", values: "pack:\n  namespace: vm-dashboard\n" }] }, undefined],
    ["no VMO pack", { pack: [] }, undefined],
  ])("%s", (_n, p, expected) => {
    expect(accessOf(p)).toBe(expected);
  });
});

describe("attachments the applied config protects", () => {
  test("removing a protected attachment from config is refused, whatever the flags", () => {
    const s = summarizePlan(
      "dev",
      { ...clusters, resource_changes: [change("spectrocloud_addon_deployment.A2", ["delete"], { cluster_uid: "uid-edge-2" }, null)] },
      ["spectrocloud_addon_deployment.A2"],
    );
    expect(s.warnings).toEqual([expect.objectContaining({ kind: "protected-detach", destructive: true, protected: true })]);
    expect(s.warnings[0].message).toMatch(
      /^VMO would be detached from cluster edge-2 \(spectrocloud_addon_deployment\.A2\), but the applied config protects that attachment \(prevent_destroy\)/,
    );
    expect(formatPlanText([s])).toContain("  PROTECTED: VMO would be detached");
  });

  test("an attachment opted out (not in the applied list) is only destructive", () => {
    const s = summarizePlan(
      "dev",
      { ...clusters, resource_changes: [change("spectrocloud_addon_deployment.A2", ["delete"], { cluster_uid: "uid-edge-2" }, null)] },
      ["spectrocloud_addon_deployment.A1"],
    );
    expect(s.warnings.map((w) => [w.kind, w.protected])).toEqual([["detach", undefined]]);
  });
});

test("an output-only change still needs an apply (it records the protected attachments in state)", () => {
  const s = summarizePlan("dev", { resource_changes: [], output_changes: { "protected-attachments": { actions: ["update"] }, id: { actions: ["no-op"] } } });
  expect(hasChanges(s)).toBe(true);
  expect(formatPlanText([s])).toBe("dev: 0 to add, 0 to change, 0 to replace, 0 to destroy, 1 output(s) to update");
});

test("failed checks (the Validate steps as code) are reported, without blocking", () => {
  const s = summarizePlan("dev", {
    resource_changes: [],
    checks: [
      {
        address: { to_display: "check.Verify" },
        status: "fail",
        instances: [{ address: { to_display: "check.Verify" }, status: "fail", problems: [{ message: "Palette lists no cluster profile vmo-dev 1.1.0" }] }],
      },
      { address: { to_display: "spectrocloud_addon_deployment.A" }, status: "pass", instances: [{ status: "pass" }] },
    ],
  });
  expect(s.warnings).toEqual([{ kind: "check-failed", destructive: false, message: "check.Verify: Palette lists no cluster profile vmo-dev 1.1.0" }]);
  expect(destructiveWarnings([s])).toEqual([]);
});

test("redactPlan removes the values of sensitive variables and attributes, keeping the rest", () => {
  const plan = {
    configuration: { root_module: { variables: { pw: { sensitive: true }, site: {} } } },
    variables: { pw: { value: "hunter2" }, site: { value: "lab" } },
    resource_changes: [
      change(
        "spectrocloud_addon_deployment.A",
        ["update"],
        { cluster_profile: [{ variables: { pw: "old-secret", site: "lab" } }] },
        { cluster_profile: [{ variables: { pw: "hunter2", site: "lab" } }] },
        {
          before_sensitive: { cluster_profile: [{ variables: { pw: true } }] },
          after_sensitive: { cluster_profile: [{ variables: { pw: true } }] },
        },
      ),
    ],
    output_changes: { token: { actions: ["create"], before: null, after: "t0ken", after_sensitive: true } },
    planned_values: {
      outputs: { token: { sensitive: true, value: "t0ken" } },
      root_module: {
        resources: [{ values: { cluster_profile: [{ variables: { pw: "hunter2" } }] }, sensitive_values: { cluster_profile: [{ variables: { pw: true } }] } }],
      },
    },
    prior_state: {
      values: {
        root_module: {
          resources: [
            { values: { cluster_profile: [{ variables: { pw: "old-secret" } }] }, sensitive_values: { cluster_profile: [{ variables: { pw: true } }] } },
          ],
        },
      },
    },
  };
  const text = JSON.stringify(redactPlan(plan));
  for (const secret of ["hunter2", "old-secret", "t0ken"]) expect(text).not.toContain(secret);
  expect(redactPlan(plan).variables).toEqual({ pw: { value: "(sensitive value)" }, site: { value: "lab" } });
  expect(redactPlan(plan).resource_changes[0].change.after).toEqual({ cluster_profile: [{ variables: { pw: "(sensitive value)", site: "lab" } }] });
  expect(JSON.stringify(plan)).toContain("hunter2"); // the input is left alone
});

describe("Palette teams in the plan summary", () => {
  test("a created team is listed; a deleted or renamed (replaced) team is destructive", () => {
    const created = summarizePlan("dev", { resource_changes: [change("spectrocloud_team.Team-ops", ["create"], null, { name: "ops" })] });
    expect(created.teams).toEqual([{ name: "ops", action: "create" }]);
    expect(destructiveWarnings([created])).toEqual([]);
    expect(formatPlanText([created])).toBe("dev: 1 to add, 0 to change, 0 to replace, 0 to destroy\n  Palette teams: ops (create)");
    const gone = summarizePlan("dev", {
      resource_changes: [
        change("spectrocloud_team.Team-ops", ["delete"], { name: "ops" }, null),
        change("spectrocloud_team.Team-dev", ["delete", "create"], { name: "dev" }, { name: "developers" }),
      ],
    });
    expect(destructiveWarnings([gone]).map((w) => [w.kind, w.message])).toEqual([
      [
        "team-delete",
        "Palette team ops (spectrocloud_team.Team-ops) is deleted; its members lose the team's Palette roles (and the VM access of the bindings naming its group) until they are granted again.",
      ],
      [
        "team-delete",
        "Palette team dev (spectrocloud_team.Team-dev) is deleted and created again; its members lose the team's Palette roles (and the VM access of the bindings naming its group) until they are granted again.",
      ],
    ]);
    expect(formatPlanMarkdown([gone])).toContain("`ops` (delete)");
  });
});

describe("virtual machines", () => {
  const vm = (over: Record<string, unknown> = {}) => ({ name: "web-1", namespace: "default", cluster_uid: "uid-edge-1", run_strategy: "Manual", ...over });

  test("each VM created, changed, replaced or destroyed is named with its namespace and cluster", () => {
    const s = summarizePlan(
      "dev",
      {
        ...clusters,
        resource_changes: [
          change("spectrocloud_virtual_machine.new", ["create"], null, vm({ name: "db-1", namespace: "vms" })),
          change("spectrocloud_virtual_machine.on", ["update"], vm({ uid: "u1", status: [{ ready: false }] }), vm({ uid: "u1", vm_action: "start" })),
          change("spectrocloud_virtual_machine.moved", ["delete", "create"], vm({ name: "app" }), vm({ name: "app", cluster_uid: "uid-edge-2" }), {
            replace_paths: [["cluster_uid"]],
          }),
          change("spectrocloud_virtual_machine.gone", ["delete"], vm({ name: "old", cluster_uid: "uid-raw" }), null),
          change("spectrocloud_virtual_machine.same", ["no-op"], vm({ name: "same" }), vm({ name: "same" })),
        ],
      },
      [],
    );
    expect(s.vms).toEqual([
      { address: "spectrocloud_virtual_machine.on", vm: "default/web-1", cluster: "edge-1", action: "update", attributes: ["vm_action"] },
      { address: "spectrocloud_virtual_machine.new", vm: "vms/db-1", cluster: "edge-1", action: "create", attributes: [] },
      { address: "spectrocloud_virtual_machine.moved", vm: "default/app", cluster: "edge-1 -> edge-2", action: "replace", attributes: ["cluster_uid"] },
      { address: "spectrocloud_virtual_machine.gone", vm: "default/old", cluster: "uid-raw", action: "delete", attributes: [] },
    ]);
    expect(s.warnings.map((w) => [w.kind, w.destructive, w.protected])).toEqual([
      ["vm-delete", true, undefined],
      ["vm-delete", true, undefined],
    ]);
    expect(s.warnings[0].message).toBe(
      "VM default/app on cluster edge-1 -> edge-2 (spectrocloud_virtual_machine.moved) is replaced (cluster_uid changed): it is deleted with its disks and created again empty.",
    );
    expect(formatPlanText([s]).split("\n")).toEqual([
      "dev: 1 to add, 1 to change, 1 to replace, 1 to destroy",
      "  VMs to create: vms/db-1 on edge-1",
      "  VMs to change: default/web-1 on edge-1 (vm_action)",
      "  VMs to replace: default/app on edge-1 -> edge-2 (forced by cluster_uid)",
      "  VMs to destroy: default/old on uid-raw",
      "  DESTRUCTIVE: VM default/app on cluster edge-1 -> edge-2 (spectrocloud_virtual_machine.moved) is replaced (cluster_uid changed): it is deleted with its disks and created again empty.",
      "  DESTRUCTIVE: VM default/old on cluster uid-raw (spectrocloud_virtual_machine.gone) is deleted, and its disks with it.",
    ]);
    const md = formatPlanMarkdown([s]);
    expect(md).toContain("- VMs to change: `default/web-1` on `edge-1` (vm_action)");
    expect(md).toContain("- VMs to replace: `default/app` on `edge-1 -> edge-2` (forced by cluster_uid)");
  });

  test("deleting a VM the applied config protects is refused whatever the flags, naming the VM, its cluster and its disks", () => {
    const s = summarizePlan("dev", { ...clusters, resource_changes: [change("spectrocloud_virtual_machine.web", ["delete"], vm(), null)] }, [
      "spectrocloud_virtual_machine.web",
    ]);
    expect(s.warnings).toEqual([expect.objectContaining({ kind: "protected-vm-delete", destructive: true, protected: true })]);
    expect(s.warnings[0].message).toMatch(
      /^VM default\/web-1 on cluster edge-1 \(spectrocloud_virtual_machine\.web\) would be deleted, and its disks with it .* but the applied config protects it \(prevent_destroy\)/,
    );
    expect(s.warnings[0].message).toContain("set preventDestroy: false on the VM and suppress VMO-024 on it with the reason, apply, then remove it.");
    for (const allow of [false, true])
      expect(decidePlan([s], allow)).toEqual({
        exit: PLAN_EXIT.DESTRUCTIVE,
        refusal: "1 protected VM(s) would be deleted with their disks (see above); --allow-destructive does not override prevent_destroy.",
      });
    expect(formatPlanText([s])).toContain("  PROTECTED: VM default/web-1 on cluster edge-1");
  });

  test("any other protected address that leaves config is refused too", () => {
    const s = summarizePlan("dev", { resource_changes: [change("spectrocloud_cluster_profile.P", ["delete"], profile(), null)] }, [
      "spectrocloud_cluster_profile.P",
    ]);
    expect(s.warnings.filter((w) => w.protected)).toEqual([
      expect.objectContaining({ kind: "protected-delete", message: expect.stringContaining("spectrocloud_cluster_profile.P would be destroyed") }),
    ]);
    expect(decidePlan([s], true).refusal).toBe(
      "1 other protected resource(s) would be destroyed (see above); --allow-destructive does not override prevent_destroy.",
    );
  });

  test("a data volume update is a remove and an add: destructive, like its removal", () => {
    const dv = { cluster_uid: "uid-edge-1", vm_name: "web-1", vm_namespace: "default", metadata: [{ name: "data", namespace: "default" }] };
    const s = summarizePlan("dev", {
      ...clusters,
      resource_changes: [
        change("spectrocloud_datavolume.d", ["update"], dv, dv),
        change("spectrocloud_datavolume.e", ["delete"], { ...dv, metadata: [{ name: "logs" }] }, null),
      ],
    });
    expect(s.warnings.map((w) => [w.kind, w.destructive])).toEqual([
      ["disk-delete", true],
      ["disk-delete", true],
    ]);
    expect(s.warnings[0].message).toContain("data volume data of VM default/web-1 on cluster edge-1 (spectrocloud_datavolume.d) changes");
    expect(s.warnings[1].message).toBe(
      "data volume logs of VM default/web-1 on cluster edge-1 (spectrocloud_datavolume.e) is removed: its data does not survive.",
    );
  });
});

describe("preventDestroyRefusal", () => {
  const output = [
    "Error: Instance cannot be destroyed",
    "",
    "  on cdk.tf.json line 60:",
    "  60:       }",
    "",
    "Resource spectrocloud_virtual_machine.web has lifecycle.prevent_destroy set,",
    "but the plan calls for this resource to be destroyed. To avoid this error and",
    "continue with the plan, either disable lifecycle.prevent_destroy or reduce the",
    "scope of the plan using the -target option.",
  ].join("\n");

  test("names each protected resource terraform refused to replace, and the two-step path", () => {
    expect(preventDestroyRefusal("dev", output)).toBe(
      [
        "dev: terraform refused the plan: prevent_destroy protects a resource that this change would replace.",
        "  spectrocloud_virtual_machine.web: the change replaces the VM (name, namespace, cluster_uid and base_vm_name are ForceNew), which deletes it and its disks.",
        "  Terraform refuses any replacement of a protected resource, whatever the flags. To replace it on purpose, two steps:",
        "  set preventDestroy: false on it with a reasoned suppression of its rule (VMO-024 for a VM or its disk), apply that alone, then make the change.",
      ].join("\n"),
    );
  });

  test("other plan failures are not mistaken for it", () => {
    expect(preventDestroyRefusal("dev", "Error: Failed to get virtual machine 'web-1'")).toBeUndefined();
  });
});

describe("golden images in the plan summary", () => {
  const layer = (images: Record<string, string>) => ({
    name: "vmo-manifests",
    type: "manifest",
    manifest: [{ name: "vm-role-bindings", content: "rb" }, ...Object.entries(images).map(([name, content]) => ({ name: `golden-image-${name}`, content }))],
  });
  const withImages = (images: Record<string, string>) => profile({ pack: [...profile().pack, layer(images)] });

  test("an image dropped from the profile or changed in place is destructive; an added one is not", () => {
    const s = summarizePlan("dev", {
      resource_changes: [
        change(
          "spectrocloud_cluster_profile.Profile-vmo-dev",
          ["update"],
          withImages({ ubuntu: "size: 20Gi", fedora: "size: 10Gi" }),
          withImages({ ubuntu: "size: 30Gi", rocky: "size: 10Gi" }),
        ),
      ],
    });
    expect(destructiveWarnings([s]).map((w) => [w.kind, w.message])).toEqual([
      [
        "golden-image-change",
        "profile vmo-dev drops golden image fedora: Palette deletes its DataVolume and PVC on every cluster running the profile (VMs already cloned from it keep their own disks).",
      ],
      [
        "golden-image-change",
        "profile vmo-dev changes golden image ubuntu in place: CDI refuses updates to an existing DataVolume's spec, so the profile's manifest layer fails to apply on every cluster (its role bindings, VMO IAM and templates included). Add the new image under a new name, move templates and VMs to it, then remove the old one.",
      ],
    ]);
    const unchanged = summarizePlan("dev", {
      resource_changes: [
        change("spectrocloud_cluster_profile.Profile-vmo-dev", ["update"], withImages({ ubuntu: "a" }), withImages({ ubuntu: "a", rocky: "b" })),
      ],
    });
    expect(destructiveWarnings([unchanged])).toEqual([]);
  });
});
