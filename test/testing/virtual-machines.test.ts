// spectrocloud_virtual_machine and spectrocloud_datavolume in the offline provider, on raw Terraform JSON (not our
// constructs): each test is named in docs/FIDELITY.md beside the v0.29.9 source it ports. Real terraform; scratch
// dirs in os.tmpdir().
import * as fs from "node:fs";
import * as path from "node:path";
import { loadTesting, scratch, terraform, terraformAvailable, tfOk, writeJson } from "./helpers";

const run = terraformAvailable() ? describe : describe.skip;
const testing = loadTesting();
const cacheDir = scratch("vm-fidelity-cache");
const cleanups: string[] = [cacheDir];
afterAll(() => {
  for (const d of cleanups) fs.rmSync(d, { recursive: true, force: true });
});

const CLUSTER = "6789abcdef0123456789abcd"; // edge-cluster-2 in the inventory
const VMO_UID = "d664ff71249170908a640ea7"; // virtual-machine-orchestrator 4.10.7
const VM = "spectrocloud_virtual_machine.vm";
const DV = "spectrocloud_datavolume.data";

interface Shape {
  /** Attributes of the VM beyond the defaults below (null removes one). */
  vm?: Record<string, unknown>;
  /** Leave the VM out (a removal). */
  noVm?: boolean;
  /** No VMO profile and attachment in the stack. */
  noVmo?: boolean;
  dataVolume?: boolean;
  lifecycle?: Record<string, unknown>;
}

function config(s: Shape = {}): unknown {
  const vm: Record<string, unknown> = {
    cluster_uid: CLUSTER,
    name: "web-1",
    namespace: "default",
    run_strategy: "Manual",
    labels: { app: "web" },
    cpu: [{ cores: 2 }],
    memory: [{ guest: "2Gi" }],
    resources: [{ requests: { cpu: "1", memory: "2Gi" } }],
    disk: [{ name: "root", disk_device: [{ disk: [{ bus: "virtio" }] }] }],
    volume: [{ name: "root", volume_source: [{ container_disk: [{ image_url: "quay.io/containerdisks/ubuntu:22.04" }] }] }],
    interface: [{ name: "default", interface_binding_method: "InterfaceMasquerade" }],
    network: [{ name: "default", network_source: [{ pod: [{}] }] }],
    ...(s.noVmo ? {} : { depends_on: ["spectrocloud_addon_deployment.edge"] }),
    ...(s.lifecycle ? { lifecycle: s.lifecycle } : {}),
  };
  for (const [k, v] of Object.entries(s.vm ?? {})) {
    if (v === null) delete vm[k];
    else vm[k] = v;
  }
  const resource: Record<string, unknown> = {};
  if (!s.noVmo) {
    resource.spectrocloud_cluster_profile = {
      vmo: {
        name: "vmo-vms",
        type: "add-on",
        version: "1.0.0",
        pack: [{ name: "virtual-machine-orchestrator", tag: "4.10.7", uid: VMO_UID, values: "charts: {}" }],
      },
    };
    resource.spectrocloud_addon_deployment = { edge: { cluster_uid: CLUSTER, cluster_profile: [{ id: "${spectrocloud_cluster_profile.vmo.id}" }] } };
  }
  if (!s.noVm) resource.spectrocloud_virtual_machine = { vm };
  if (s.dataVolume)
    resource.spectrocloud_datavolume = {
      data: {
        cluster_context: "project",
        cluster_uid: CLUSTER,
        vm_name: "${spectrocloud_virtual_machine.vm.name}",
        vm_namespace: "default",
        metadata: [{ name: "data", namespace: "default" }],
        spec: [{ source: [{ blank: [{}] }], pvc: [{ access_modes: ["ReadWriteOnce"], resources: [{ requests: { storage: "10Gi" } }] }] }],
        add_volume_options: [{ name: "data", disk: [{ name: "data", bus: "virtio" }], volume_source: [{ data_volume: [{ name: "data" }] }] }],
      },
    };
  return {
    terraform: { required_providers: { spectrocloud: { source: "spectrocloud/spectrocloud", version: "0.29.9" } } },
    provider: { spectrocloud: [{ project_name: "Default" }] },
    resource,
  };
}

function workspace(name: string, cfg: unknown) {
  const workDir = scratch(`vm-${name}`);
  cleanups.push(workDir);
  const dir = path.join(workDir, "cfg");
  writeJson(path.join(dir, "main.tf.json"), cfg);
  const offline = testing.prepareOfflineTerraform({ workDir, cacheDir });
  const env = offline.env;
  tfOk(["init", "-input=false", "-no-color"], dir, env);
  const view = () => {
    process.env.PALETTE_OFFLINE_STATE = offline.stateFile;
    return testing.describePalette();
  };
  return {
    dir,
    env,
    write: (c: unknown) => writeJson(path.join(dir, "main.tf.json"), c),
    apply: (...args: string[]) => tfOk(["apply", "-input=false", "-auto-approve", "-no-color", ...args], dir, env),
    tf: (...args: string[]) => terraform(args, dir, env),
    plan: () => terraform(["plan", "-input=false", "-no-color", "-detailed-exitcode"], dir, env),
    changes: (): Record<string, { actions: string[]; replace: string[][] }> => {
      tfOk(["plan", "-input=false", "-no-color", "-out=x.tfplan"], dir, env);
      const p = JSON.parse(tfOk(["show", "-json", "x.tfplan"], dir, env).stdout);
      return Object.fromEntries(
        p.resource_changes
          .filter((r: any) => !r.change.actions.includes("no-op") && !r.change.actions.includes("read"))
          .map((r: any) => [r.address, { actions: r.change.actions, replace: r.change.replace_paths ?? [] }]),
      );
    },
    state: (address: string) =>
      JSON.parse(tfOk(["show", "-json"], dir, env).stdout).values.root_module.resources.find((r: any) => r.address === address)?.values,
    vms: () => view().vms,
    stateFile: offline.stateFile,
  };
}

run("virtual machines and data volumes on raw Terraform JSON", () => {
  test("a VM on a cluster without VMO fails the apply; with the attachment first it is created", () => {
    const w = workspace("no-vmo", config({ noVmo: true }));
    const r = w.tf("apply", "-input=false", "-auto-approve", "-no-color");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Failed to create virtual machine 'web-1'");
    expect(r.stderr).toContain("has no KubeVirt API");
    expect(w.vms()).toEqual([]);
    w.write(config());
    w.apply();
    expect(w.vms()).toEqual([
      expect.objectContaining({ cluster: "edge-cluster-2", namespace: "default", name: "web-1", status: "Stopped", runStrategy: "Manual" }),
    ]);
  });

  test("create, re-plan clean, vm_action is an in-place update, removal deletes the VM and its disks", () => {
    const dvt = [
      {
        metadata: [{ name: "root-dv", namespace: "default" }],
        spec: [{ source: [{ blank: [{}] }], pvc: [{ access_modes: ["ReadWriteOnce"], resources: [{ requests: { storage: "20Gi" } }] }] }],
      },
    ];
    const w = workspace("lifecycle", config({ vm: { data_volume_templates: dvt } }));
    w.apply();
    expect(w.plan().status).toBe(0);
    const s = w.state(VM);
    expect(s.id).toBe(`project/${CLUSTER}/default/web-1`);
    expect(s.run_strategy).toBe("Manual");
    // vm_action on create does nothing: a Manual VM stays stopped until an update sends "start".
    w.write(config({ vm: { data_volume_templates: dvt, vm_action: "start" } }));
    expect(w.changes()).toEqual({ [VM]: { actions: ["update"], replace: [] } });
    w.apply();
    expect(w.vms()).toEqual([expect.objectContaining({ name: "web-1", status: "Running", runStrategy: "Manual", disks: ["root-dv"] })]);
    expect(w.plan().status).toBe(0);
    w.write(config({ vm: { data_volume_templates: dvt, vm_action: "stop" } }));
    expect(w.changes()).toEqual({ [VM]: { actions: ["update"], replace: [] } });
    w.apply();
    expect(w.vms()[0].status).toBe("Stopped");
    w.write(config({ noVm: true }));
    expect(w.changes()).toEqual({ [VM]: { actions: ["delete"], replace: [] } });
    w.apply();
    expect(w.vms()).toEqual([]);
  });

  test("vm_action stop on run_strategy Always: KubeVirt halts the strategy and the next plan starts the VM again", () => {
    const w = workspace("always-stop", config({ vm: { run_strategy: "Always" } }));
    w.apply();
    expect(w.vms()[0]).toEqual(expect.objectContaining({ status: "Running", runStrategy: "Always" }));
    w.write(config({ vm: { run_strategy: "Always", vm_action: "stop" } }));
    w.apply();
    expect(w.vms()[0]).toEqual(expect.objectContaining({ status: "Stopped", runStrategy: "Halted" }));
    expect(w.state(VM).run_strategy).toBe("Halted");
    expect(w.changes()).toEqual({ [VM]: { actions: ["update"], replace: [] } });
    w.apply();
    expect(w.vms()[0]).toEqual(expect.objectContaining({ status: "Running", runStrategy: "Always" }));
  });

  test("an action the VM's state refuses is dropped: the apply succeeds and nothing changes", () => {
    const w = workspace("bad-action", config({ vm: { run_strategy: "Halted" } }));
    w.apply();
    w.write(config({ vm: { run_strategy: "Halted", vm_action: "pause" } }));
    w.apply();
    expect(w.vms()[0]).toEqual(expect.objectContaining({ status: "Stopped", runStrategy: "Halted" }));
    expect(w.plan().status).toBe(0);
  });

  test("quantities come back in canonical form: 2048Mi diffs on every plan, 2Gi is clean", () => {
    const w = workspace("quantity", config({ vm: { resources: [{ requests: { cpu: "1000m", memory: "2048Mi" } }] } }));
    w.apply();
    expect(w.state(VM).resources[0].requests).toEqual({ cpu: "1", memory: "2Gi" });
    expect(w.plan().status).toBe(2);
    w.apply();
    expect(w.plan().status).toBe(2);
    w.write(config({ vm: { resources: [{ requests: { cpu: "1", memory: "2Gi" } }] } }));
    expect(w.plan().status).toBe(0);
  });

  test("run_on_launch false sends neither running nor a run strategy: refresh reads Halted and diffs on every plan", () => {
    const w = workspace("launch-false", config({ vm: { run_strategy: null, run_on_launch: false } }));
    w.apply();
    expect(w.vms()[0]).toEqual(expect.objectContaining({ status: "Stopped", runStrategy: "Halted" }));
    expect(w.plan().status).toBe(2);
    const on = workspace("launch-true", config({ vm: { run_strategy: null, run_on_launch: true } }));
    on.apply();
    expect(on.vms()[0]).toEqual(expect.objectContaining({ status: "Running", runStrategy: "running: true" }));
    expect(on.plan().status).toBe(0);
  });

  test("an added data volume joins the VM's spec: the VM's next plan would drop it unless disk, volume and data_volume_templates are ignored", () => {
    const w = workspace("hotplug", config({ dataVolume: true }));
    w.apply();
    expect(w.vms()[0].disks).toEqual(["data (added)"]);
    expect(w.state(DV).id).toBe(`project/${CLUSTER}/default/web-1/data`);
    expect(w.changes()).toEqual({ [VM]: { actions: ["update"], replace: [] } });
    const ignored = workspace("hotplug-ignored", config({ dataVolume: true, lifecycle: { ignore_changes: ["disk", "volume", "data_volume_templates"] } }));
    ignored.apply();
    expect(ignored.plan().status).toBe(0);
    // The data volume's own changes are a delete and a create (resourceKubevirtDataVolumeUpdate).
    const bigger = config({ dataVolume: true, lifecycle: { ignore_changes: ["disk", "volume", "data_volume_templates"] } }) as any;
    bigger.resource.spectrocloud_datavolume.data.spec[0].pvc[0].resources[0].requests.storage = "20Gi";
    ignored.write(bigger);
    expect(ignored.changes()).toEqual({ [DV]: { actions: ["update"], replace: [] } });
    ignored.apply();
    expect(ignored.state(DV).spec[0].pvc[0].resources[0].requests.storage).toBe("20Gi");
    expect(ignored.plan().status).toBe(0);
  });

  test("a data volume of a replaced VM: its in-place update fails once the VM is gone; replace_triggered_by removes and re-adds it around the replacement", () => {
    const ignore = { ignore_changes: ["disk", "volume", "data_volume_templates"] };
    const w = workspace("dv-replace", config({ dataVolume: true, lifecycle: ignore }));
    w.apply();
    w.write(config({ dataVolume: true, lifecycle: ignore, vm: { name: "web-2" } }));
    expect(w.changes()).toEqual({ [VM]: { actions: ["delete", "create"], replace: [["name"]] }, [DV]: { actions: ["update"], replace: [] } });
    const r = w.tf("apply", "-input=false", "-auto-approve", "-no-color");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Failed to get virtual machine 'web-1'");
    const triggered = workspace("dv-replace-triggered", config({ dataVolume: true, lifecycle: ignore }));
    triggered.apply();
    const renamed = config({ dataVolume: true, lifecycle: ignore, vm: { name: "web-2" } }) as any;
    renamed.resource.spectrocloud_datavolume.data.lifecycle = { replace_triggered_by: [VM] };
    triggered.write(renamed);
    expect(triggered.changes()).toEqual({
      [VM]: { actions: ["delete", "create"], replace: [["name"]] },
      [DV]: { actions: ["delete", "create"], replace: [] },
    });
    triggered.apply();
    expect(triggered.vms()).toEqual([expect.objectContaining({ name: "web-2", disks: ["data (added)"] })]);
    expect(triggered.plan().status).toBe(0);
  });

  test("a data volume's delete removes the VM volume named by its metadata name: added under another volume name, the destroy fails", () => {
    const ignore = { ignore_changes: ["disk", "volume", "data_volume_templates"] };
    const named = config({ dataVolume: true, lifecycle: ignore }) as any;
    const dv = named.resource.spectrocloud_datavolume.data;
    dv.metadata[0].name = "web-1-data";
    dv.add_volume_options[0].volume_source[0].data_volume[0].name = "web-1-data";
    const w = workspace("dv-volume-name", named);
    w.apply();
    expect(w.state(DV).id).toBe(`project/${CLUSTER}/default/web-1/web-1-data`);
    delete named.resource.spectrocloud_datavolume;
    w.write(named);
    const r = w.tf("apply", "-input=false", "-auto-approve", "-no-color");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Failed to remove volume 'web-1-data'");
    // Volume and disk under the data volume's own name: the removal succeeds.
    const same = config({ dataVolume: true, lifecycle: ignore }) as any;
    const sdv = same.resource.spectrocloud_datavolume.data;
    sdv.metadata[0].name = "web-1-data";
    sdv.add_volume_options = [
      { name: "web-1-data", disk: [{ name: "web-1-data", bus: "virtio" }], volume_source: [{ data_volume: [{ name: "web-1-data" }] }] },
    ];
    const ok = workspace("dv-volume-name-same", same);
    ok.apply();
    delete same.resource.spectrocloud_datavolume;
    ok.write(same);
    ok.apply();
    expect(ok.vms()[0].disks).toEqual([]);
  });

  test("renaming a VM or moving its namespace or cluster is a replacement; with prevent_destroy terraform refuses the plan", () => {
    const w = workspace("force-new", config());
    w.apply();
    w.write(config({ vm: { name: "web-2" } }));
    expect(w.changes()[VM]).toEqual({ actions: ["delete", "create"], replace: [["name"]] });
    w.write(config({ vm: { namespace: "vms" } }));
    expect(w.changes()[VM]).toEqual({ actions: ["delete", "create"], replace: [["namespace"]] });
    w.write(config({ vm: { cluster_uid: "7e303661422f32f3ddc1e7e4" } }));
    expect(w.changes()[VM]).toEqual({ actions: ["delete", "create"], replace: [["cluster_uid"]] });
    w.write(config({ vm: { name: "web-2" }, lifecycle: { prevent_destroy: true } }));
    const r = w.plan();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Instance cannot be destroyed");
    expect(r.stderr).toContain(`Resource ${VM} has lifecycle.prevent_destroy set`);
  });

  test("detaching VMO deletes the cluster's VMs: the VM's next refresh fails", () => {
    const w = workspace("detach", config());
    w.apply();
    const detached = config({ vm: { depends_on: null } }) as any;
    delete detached.resource.spectrocloud_addon_deployment;
    w.write(detached);
    w.apply();
    expect(w.vms()).toEqual([]);
    const r = w.plan();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("has no KubeVirt API");
  });

  test("a VM deleted outside Terraform fails the refresh (Palette answers 500, not 404)", () => {
    const w = workspace("gone", config());
    w.apply();
    const state = JSON.parse(fs.readFileSync(w.stateFile, "utf8"));
    state.vms = [];
    fs.writeFileSync(w.stateFile, JSON.stringify(state));
    const r = w.plan();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Failed to get virtual machine 'web-1'");
  });

  test("import by id leaves cluster_uid unset, so the next plan replaces the VM", () => {
    const w = workspace("import", config());
    w.apply();
    tfOk(["state", "rm", VM], w.dir, w.env);
    tfOk(["import", "-input=false", "-no-color", VM, `project/${CLUSTER}/default/web-1`], w.dir, w.env);
    expect(w.state(VM).cluster_uid).toBeNull();
    expect(w.changes()[VM]).toEqual({ actions: ["delete", "create"], replace: [["cluster_uid"]] });
  });

  test("base_vm_name clones a VM of the inventory, then the config overrides the clone", () => {
    const w = workspace("clone", config({ vm: { base_vm_name: "golden-ubuntu", run_strategy: "Always" } }));
    w.apply();
    expect(w.vms()).toEqual([expect.objectContaining({ name: "web-1", status: "Running", runStrategy: "Always" })]);
    expect(w.plan().status).toBe(0);
    const missing = workspace("clone-missing", config({ vm: { base_vm_name: "no-such-vm" } }));
    const r = missing.tf("apply", "-input=false", "-auto-approve", "-no-color");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Failed to get virtual machine 'no-such-vm'");
  });
});
