// End to end through real terraform: a stack with a VM and an added data volume, built here from the generated
// bindings and our VMO constructs, planned and applied by `npm run plan -- --offline --no-synth` and `npm run apply`
// against the offline provider. Proves: plan -> apply -> re-plan is empty; vm_action is an in-place update; a
// protected VM that leaves config is refused even with --allow-destructive until the opt-out is applied; a
// ForceNew change to a protected VM is refused by terraform and reported as such; the two-step path works.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { datavolume, virtualMachine } from "@cdktf/provider-spectrocloud";
import { App, TerraformOutput, TerraformStack } from "../../lib/cdktf";
import { PaletteCluster, PaletteProvider, VirtualMachine, VmoAddonProfile, VmoClusterAttachment } from "../../lib";
import { PROTECTED_OUTPUT } from "../../stacks/outputs";
import { terraformAvailable } from "../testing/helpers";

const root = path.resolve(__dirname, "..", "..");
const base = path.join(os.tmpdir(), "e2e-virtual-machines");
const out = path.join(base, "out");
const offline = path.join(base, "offline");
const maybe = terraformAvailable() ? describe : describe.skip;
const VM = "spectrocloud_virtual_machine.web";

interface VmShape {
  /** No VM (and no data volume) in the stack. */
  readonly removed?: boolean;
  readonly preventDestroy?: boolean;
  readonly name?: string;
  readonly vmAction?: string;
}

/** Synthesizes the `vms` stack into `out`, as `npm run synth` would (manifest.json + stacks/vms/cdk.tf.json). */
function synth(shape: VmShape = {}): void {
  fs.rmSync(out, { recursive: true, force: true });
  const app = new App({ outdir: out });
  const stack = new TerraformStack(app, "vms");
  new PaletteProvider(stack, "Palette", { projectName: "Default" });
  const profile = new VmoAddonProfile(stack, "Vmo", { name: "vmo-vms" });
  const cluster = PaletteCluster.fromClusterName(stack, "Edge2", "edge-cluster-2");
  const attachment = new VmoClusterAttachment(stack, "Edge2Vmo", { profile, cluster });
  const protectedAddresses = [`${attachment.resource.terraformResourceType}.${attachment.resource.friendlyUniqueId}`];
  if (!shape.removed) {
    const preventDestroy = shape.preventDestroy ?? true;
    const vm = new virtualMachine.VirtualMachine(stack, "web", {
      clusterUid: cluster.clusterUid,
      name: shape.name ?? "web-1",
      namespace: "default",
      runStrategy: "Manual",
      vmAction: shape.vmAction,
      labels: { app: "web" },
      cpu: { cores: 2 },
      memory: { guest: "2Gi" },
      resources: { requests: { cpu: "1", memory: "2Gi" } },
      disk: [{ name: "root", diskDevice: [{ disk: [{ bus: "virtio" }] }] }],
      volume: [{ name: "root", volumeSource: { containerDisk: [{ imageUrl: "quay.io/containerdisks/ubuntu:22.04" }] } }],
      interface: [{ name: "default", interfaceBindingMethod: "InterfaceMasquerade" }],
      network: [{ name: "default", networkSource: { pod: {} } }],
      // The VM waits for VMO on its cluster; an added data volume lives in the VM's spec (docs/FIDELITY.md), so
      // the VM leaves disk, volume and data_volume_templates to the data volume resources.
      dependsOn: [attachment.resource],
      lifecycle: { preventDestroy, ignoreChanges: ["disk", "volume", "data_volume_templates"] },
    });
    new datavolume.Datavolume(stack, "web-data", {
      clusterContext: "project",
      clusterUid: cluster.clusterUid,
      vmName: vm.name,
      vmNamespace: "default",
      metadata: { name: "data", namespace: "default" },
      spec: { source: { blank: {} }, pvc: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } },
      addVolumeOptions: { name: "data", disk: { name: "data", bus: "virtio" }, volumeSource: { dataVolume: { name: "data" } } },
    });
    if (preventDestroy) protectedAddresses.push(`${vm.terraformResourceType}.${vm.friendlyUniqueId}`);
  }
  new TerraformOutput(stack, PROTECTED_OUTPUT, { value: protectedAddresses.sort() });
  app.synth();
}

interface Dirs {
  readonly out: string;
  readonly offline: string;
}

function run(script: "plan" | "apply", ...args: string[]) {
  return runIn({ out, offline }, script, ...args);
}

function runIn(at: Dirs, script: "plan" | "apply", ...args: string[]) {
  // The stack is synthesized here, not from config files: plan takes it as it is, apply skips the re-synth check.
  const extra = script === "plan" ? ["--no-synth"] : ["--skip-config-check"];
  const r = spawnSync(
    process.execPath,
    [path.join(root, "scripts", `${script}.js`), "--offline", "--out", at.out, "--offline-dir", at.offline, ...extra, ...args],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 300_000,
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The VMs section of `npm run palette` for the stack's simulated Palette ("" when it holds none). */
function vms(at: Dirs = { out, offline }): string {
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "palette.js"), path.join(at.offline, "vms", "palette-state.json")], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`npm run palette failed: ${r.stderr}`);
  const start = r.stdout.indexOf("virtual machines:");
  return start < 0 ? "" : r.stdout.slice(start);
}

function actions(at: Dirs = { out, offline }): Record<string, string[]> {
  const plan = JSON.parse(fs.readFileSync(path.join(at.offline, "vms", "config", "tfplan.json"), "utf8"));
  return Object.fromEntries(
    plan.resource_changes.filter((c: any) => c.mode === "managed" && !c.change.actions.includes("no-op")).map((c: any) => [c.address, c.change.actions]),
  );
}

maybe("a VM and a data volume through npm run plan / apply, offline, with real terraform", () => {
  beforeAll(() => {
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(base, { recursive: true });
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  test("plan names the VM and its cluster; apply; the re-plan is empty", () => {
    synth();
    const plan = run("plan");
    expect(plan.stdout).toContain("vms: 4 to add, 0 to change, 0 to replace, 0 to destroy, 1 output(s) to update");
    expect(plan.stdout).toContain("  VMs to create: default/web-1 on edge-cluster-2\n");
    expect(plan.status).toBe(2);
    const apply = run("apply");
    expect(apply.stdout).toBe("vms: Apply complete! Resources: 4 added, 0 changed, 0 destroyed.\n");
    expect(apply.status).toBe(0);
    expect(vms()).toBe("virtual machines:\n  edge-cluster-2 default/web-1: Stopped (Manual), disks: data (added)\n");
    const again = run("plan");
    expect(again.stdout).toBe("vms: no changes\n");
    expect(again.status).toBe(0);
  });

  test("vm_action is an in-place update of the VM", () => {
    synth({ vmAction: "start" });
    const plan = run("plan");
    expect(plan.stdout).toContain("vms: 0 to add, 1 to change, 0 to replace, 0 to destroy\n  VMs to change: default/web-1 on edge-cluster-2 (vm_action)\n");
    expect(actions()).toEqual({ [VM]: ["update"] });
    expect(plan.status).toBe(2);
    expect(run("apply").status).toBe(0);
    expect(vms()).toContain("edge-cluster-2 default/web-1: Running (Manual), disks: data (added)");
    expect(run("plan").status).toBe(0);
  });

  test("renaming a protected VM: terraform refuses the replacement and plan says why and what to do (exit 3)", () => {
    synth({ vmAction: "start", name: "web-2" });
    const plan = run("plan", "--allow-destructive");
    expect(plan.stderr).toContain("plan: vms: terraform refused the plan: prevent_destroy protects a resource that this change would replace.");
    expect(plan.stderr).toContain(
      `  ${VM}: the change replaces the VM (name, namespace, cluster_uid and base_vm_name are ForceNew), which deletes it and its disks.`,
    );
    expect(plan.stderr).toContain(
      "set preventDestroy: false on it with a reasoned suppression of its rule (VMO-024 for a VM or its disk), apply that alone, then make the change.",
    );
    expect(plan.status).toBe(3);
    expect(fs.existsSync(path.join(offline, "vms", "config", "tfplan"))).toBe(false);
  });

  test("removing the protected VM from config is refused even with --allow-destructive", () => {
    synth({ removed: true });
    const plan = run("plan", "--allow-destructive");
    expect(plan.stdout).toContain("  VMs to destroy: default/web-1 on edge-cluster-2\n");
    expect(plan.stdout).toContain(
      `  PROTECTED: VM default/web-1 on cluster edge-cluster-2 (${VM}) would be deleted, and its disks with it (its data volume templates and every data volume added to it), but the applied config protects it (prevent_destroy).`,
    );
    expect(plan.stderr).toContain(
      "plan: refused: 1 protected VM(s) would be deleted with their disks (see above); --allow-destructive does not override prevent_destroy. The saved plans were discarded.",
    );
    expect(plan.status).toBe(3);
    expect(run("apply").status).not.toBe(0);
    expect(vms()).toContain("edge-cluster-2 default/web-1: Running");
  });

  test("the two-step opt-out: preventDestroy false applied first, then the VM is removed (or replaced)", () => {
    // Step 1: the VM stays, unprotected; only the protected list in state changes.
    synth({ vmAction: "start", preventDestroy: false });
    const step1 = run("plan");
    expect(step1.stdout).toBe("vms: 0 to add, 0 to change, 0 to replace, 0 to destroy, 1 output(s) to update\n");
    expect(step1.status).toBe(2);
    expect(run("apply").status).toBe(0);
    // A rename is now a replacement terraform allows; still destructive, so it needs --allow-destructive.
    synth({ vmAction: "start", preventDestroy: false, name: "web-2" });
    const rename = run("plan");
    expect(rename.stdout).toContain("  VMs to replace: default/web-1 -> default/web-2 on edge-cluster-2 (forced by name)\n");
    expect(rename.status).toBe(3);
    // Step 2: removal, destructive but no longer protected.
    synth({ removed: true });
    const refused = run("plan");
    expect(refused.stdout).toContain(`  DESTRUCTIVE: VM default/web-1 on cluster edge-cluster-2 (${VM}) is deleted, and its disks with it.`);
    expect(refused.stdout).toContain(
      "  DESTRUCTIVE: data volume data of VM default/web-1 on cluster edge-cluster-2 (spectrocloud_datavolume.web-data) is removed",
    );
    expect(refused.status).toBe(3);
    const allowed = run("plan", "--allow-destructive");
    expect(allowed.status).toBe(2);
    expect(run("apply").stdout).toBe("vms: Apply complete! Resources: 0 added, 0 changed, 2 destroyed.\n");
    expect(vms()).toBe("");
    expect(run("plan").status).toBe(0);
  });
});

// The same path with our VirtualMachine construct and addDisk, as users write it: the construct must produce what
// the real provider needs (ignore_changes for the hot-plugged disk, replace_triggered_by on the disk, canonical
// quantities, run_on_launch true, depends_on the attachment), proven against the offline provider.
const constructDirs: Dirs = { out: path.join(base, "construct-out"), offline: path.join(base, "construct-offline") };

interface ConstructShape {
  readonly name?: string;
  readonly preventDestroy?: boolean;
  readonly noDisk?: boolean;
  readonly labels?: Record<string, string>;
}

function synthConstruct(shape: ConstructShape = {}): { vm: string; disk: string } {
  fs.rmSync(constructDirs.out, { recursive: true, force: true });
  const app = new App({ outdir: constructDirs.out });
  const stack = new TerraformStack(app, "vms");
  new PaletteProvider(stack, "Palette", { projectName: "Default" });
  const profile = new VmoAddonProfile(stack, "Vmo", { name: "vmo-vms" });
  const cluster = PaletteCluster.fromClusterName(stack, "Edge2", "edge-cluster-2");
  const attachment = new VmoClusterAttachment(stack, "Edge2Vmo", { profile, cluster });
  const vm = new VirtualMachine(stack, "Web", {
    attachment,
    name: shape.name ?? "web-1",
    preventDestroy: shape.preventDestroy,
    labels: shape.labels,
    cpu: { cores: 2 },
    // Not canonical on purpose: Kubernetes reads 2048Mi back as 2Gi; the construct writes 2Gi.
    memory: "2048Mi",
    disks: [{ name: "root", bootOrder: 1, source: { containerDisk: "quay.io/containerdisks/ubuntu:22.04" } }],
  });
  const disk = shape.noDisk ? undefined : vm.addDisk({ name: "data", size: "10240Mi" });
  const protectedAddresses = [`${attachment.resource.terraformResourceType}.${attachment.resource.friendlyUniqueId}`];
  if (vm.preventDestroy) protectedAddresses.push(vm.resourceAddress);
  new TerraformOutput(stack, PROTECTED_OUTPUT, { value: protectedAddresses.sort() });
  app.synth();
  return { vm: vm.resourceAddress, disk: disk ? `${disk.terraformResourceType}.${disk.friendlyUniqueId}` : "" };
}

maybe("the VirtualMachine construct with addDisk through npm run plan / apply, offline, with real terraform", () => {
  beforeAll(() => {
    for (const d of [constructDirs.out, constructDirs.offline]) fs.rmSync(d, { recursive: true, force: true });
    fs.mkdirSync(base, { recursive: true });
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  test("plan, apply, and the re-plan is empty: the added disk stays in the VM's spec and quantities do not drift", () => {
    const { vm, disk } = synthConstruct();
    const plan = runIn(constructDirs, "plan");
    expect(plan.stdout).toContain("  VMs to create: default/web-1 on edge-cluster-2\n");
    expect(plan.status).toBe(2);
    expect(actions(constructDirs)).toEqual(expect.objectContaining({ [vm]: ["create"], [disk]: ["create"] }));
    const apply = runIn(constructDirs, "apply");
    expect(apply.status).toBe(0);
    // run_on_launch true: started at create, and the apply waited for it.
    expect(vms(constructDirs)).toBe("virtual machines:\n  edge-cluster-2 default/web-1: Running (running: true), disks: web-1-data (added)\n");
    const again = runIn(constructDirs, "plan");
    expect(again.stdout).toBe("vms: no changes\n");
    expect(again.status).toBe(0);
  });

  test("an in-place change of the VM (a label) leaves its added disk alone: replace_triggered_by follows the VM's id", () => {
    const { vm, disk } = synthConstruct({ labels: { owner: "platform" } });
    const plan = runIn(constructDirs, "plan");
    expect(plan.status).toBe(2);
    expect(actions(constructDirs)).toEqual(expect.objectContaining({ [vm]: ["update"] }));
    expect(actions(constructDirs)[disk]).toBeUndefined();
    expect(runIn(constructDirs, "apply").status).toBe(0);
    expect(vms(constructDirs)).toBe("virtual machines:\n  edge-cluster-2 default/web-1: Running (running: true), disks: web-1-data (added)\n");
    expect(runIn(constructDirs, "plan").status).toBe(0);
  });

  test("replacing the VM (after the preventDestroy opt-out) removes and re-adds its disk around the replacement", () => {
    // Step 1 of the opt-out: unprotect, apply.
    synthConstruct({ preventDestroy: false });
    expect(runIn(constructDirs, "plan").status).toBe(2);
    expect(runIn(constructDirs, "apply").status).toBe(0);
    // The rename replaces the VM; replace_triggered_by replaces its disk too instead of an update against the deleted VM.
    const { vm, disk } = synthConstruct({ preventDestroy: false, name: "web-2" });
    const plan = runIn(constructDirs, "plan", "--allow-destructive");
    expect(plan.status).toBe(2);
    expect(actions(constructDirs)).toEqual({ [vm]: ["delete", "create"], [disk]: ["delete", "create"] });
    const apply = runIn(constructDirs, "apply");
    expect(apply.stderr).not.toContain("Error");
    expect(apply.status).toBe(0);
    expect(vms(constructDirs)).toBe("virtual machines:\n  edge-cluster-2 default/web-2: Running (running: true), disks: web-2-data (added)\n");
    expect(runIn(constructDirs, "plan").status).toBe(0);
  });

  test("the added disk alone leaves config: its removal from the VM succeeds (its VM volume carries its name)", () => {
    synthConstruct({ preventDestroy: false, name: "web-2", noDisk: true });
    expect(runIn(constructDirs, "plan", "--allow-destructive").status).toBe(2);
    const apply = runIn(constructDirs, "apply");
    expect(apply.stderr).not.toContain("Error");
    expect(apply.status).toBe(0);
    expect(vms(constructDirs)).toBe("virtual machines:\n  edge-cluster-2 default/web-2: Running (running: true)\n");
  });
});
