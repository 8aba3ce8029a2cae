import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synthesize } from "../../stacks/app";
import { ConfigError } from "../../stacks/config/load";

// Issue 14: golden images, templates and VMs in environment files, with problems at the field's line.

function refusal(yaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-vmconfig-"));
  try {
    fs.writeFileSync(path.join(dir, "dev.yaml"), yaml);
    synthesize({ configDir: dir, outdir: path.join(dir, "out") });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.message.split(path.join(path.relative(process.cwd(), dir), "dev.yaml")).join("dev.yaml");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throw new Error("expected a refusal");
}

function synthWithAnnotations(yaml: string): { json: any; warnings: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-vmconfig-"));
  try {
    fs.writeFileSync(path.join(dir, "dev.yaml"), yaml);
    const [summary] = synthesize({ configDir: dir, outdir: path.join(dir, "out") });
    const json = JSON.parse(fs.readFileSync(path.join(dir, "out", "stacks", "dev", "cdk.tf.json"), "utf8"));
    return { json, warnings: summary.annotations.filter((a) => a.level === "warning").map((a) => a.message) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function synthJson(yaml: string): any {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-vmconfig-"));
  try {
    fs.writeFileSync(path.join(dir, "dev.yaml"), yaml);
    synthesize({ configDir: dir, outdir: path.join(dir, "out") });
    return JSON.parse(fs.readFileSync(path.join(dir, "out", "stacks", "dev", "cdk.tf.json"), "utf8"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const head = `project: {name: Dev}
profiles:
  - name: vmo
    accessMode: direct
    goldenImages:
      - name: ubuntu-2204
        source: { http: "https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img" }
        size: 20Gi
    vmTemplates:
      - name: ubuntu
        goldenImage: ubuntu-2204
    clusters:
      - uid: abc123
        virtualMachines:
`;

describe("VMs in config", () => {
  test("an unknown template is refused at its line, with a did-you-mean hint", () => {
    expect(refusal(`${head}          - name: web\n            template: ubunto\n`)).toBe(
      'dev.yaml:16:23: profiles[0].clusters[0].virtualMachines[0].template: profile "vmo" has no VM template "ubunto" (did you mean "ubuntu"?); its templates are "ubuntu".',
    );
  });

  test("an unknown golden image is refused at its line", () => {
    expect(refusal(`${head}          - name: web\n            goldenImage: ubuntu-2024\n`)).toMatch(
      /^dev\.yaml:16:26: profiles\[0\]\.clusters\[0\]\.virtualMachines\[0\]\.goldenImage: profile "vmo" has no golden image "ubuntu-2024" \(did you mean "ubuntu-2204"\?\)/,
    );
  });

  test("a VM with nothing to boot is refused by VMO-021 at the VM", () => {
    expect(refusal(`${head}          - name: web\n            memory: 2Gi\n`)).toMatch(
      /^dev\.yaml:15:\d+: profiles\[0\]\.clusters\[0\]\.virtualMachines\[0\]\.template: \[VMO-021\] VM "web" has no template, golden image, clone source or image disk/,
    );
  });

  test("an inlined cloud-init password is refused by VMO-022; a secret reference is a sensitive variable", () => {
    expect(
      refusal(
        `${head}          - name: web\n            template: ubuntu\n            cloudInit:\n              userData: "#cloud-config\\npassword: spectro\\n"\n`,
      ),
    ).toMatch(/VMO-022\] VM "web"'s cloud-init userData sets a password \(password\)/);
    const json = synthJson(
      `${head}          - name: web\n            template: ubuntu\n            cloudInit:\n              userData: { secret: web_user_data }\n`,
    );
    expect(json.variable.web_user_data).toMatchObject({ sensitive: true, type: "string" });
    const vm: any = Object.values(json.resource.spectrocloud_virtual_machine)[0];
    expect(vm.volume[1].volume_source.cloud_init_no_cloud[0].user_data).toBe("${var.web_user_data}");
  });

  test("preventDestroy: false needs a VMO-024 suppression; with it, the VM leaves the protected list", () => {
    expect(refusal(`${head}          - name: web\n            template: ubuntu\n            preventDestroy: false\n`)).toMatch(
      /\[VMO-024\] VM "web" on cluster "abc123" has no prevent_destroy/,
    );
    const json = synthJson(
      `${head}          - name: web\n            template: ubuntu\n            preventDestroy: false\n            suppressions: [{ id: VMO-024, reason: change 42 retires web }]\n`,
    );
    const vm: any = Object.values(json.resource.spectrocloud_virtual_machine)[0];
    expect(vm.lifecycle).toBeUndefined();
    expect(json.output["protected-attachments"].value).toEqual([expect.stringMatching(/^spectrocloud_addon_deployment\./)]);
  });

  test("added disks become protected data volumes hot-plugged into the VM", () => {
    const json = synthJson(
      `${head}          - name: web\n            template: ubuntu\n            addedDisks:\n              - { name: data, size: 50Gi, storageClass: ceph-block }\n`,
    );
    const [dv]: any[] = Object.values(json.resource.spectrocloud_datavolume);
    expect(dv).toMatchObject({
      cluster_uid: "abc123",
      vm_name: expect.stringMatching(/^\$\{spectrocloud_virtual_machine\.Vm-abc123-default-web_[0-9A-F]{8}\.name\}$/),
      vm_namespace: "default",
      metadata: { name: "web-data", namespace: "default" },
      spec: { source: { blank: {} }, pvc: { access_modes: ["ReadWriteOnce"], resources: { requests: { storage: "50Gi" } }, storage_class_name: "ceph-block" } },
      add_volume_options: {
        name: "web-data",
        disk: { name: "web-data", bus: "virtio" },
        volume_source: { data_volume: { name: "web-data", hotpluggable: true } },
      },
      lifecycle: { prevent_destroy: true },
    });
  });

  test("a VM with added disks ignores the spec Palette writes them into; each disk is replaced with its VM", () => {
    const json = synthJson(
      `${head}          - name: web\n            template: ubuntu\n            addedDisks:\n              - { name: data, size: 51200Mi }\n`,
    );
    const [[vmKey, vm]]: [string, any][] = Object.entries(json.resource.spectrocloud_virtual_machine);
    expect(vm.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["disk", "volume", "data_volume_templates"] });
    const [dv]: any[] = Object.values(json.resource.spectrocloud_datavolume);
    // The VM's id: a bare resource reference would also fire on the VM's in-place updates and replace the disk.
    expect(dv.lifecycle).toEqual({ prevent_destroy: true, replace_triggered_by: [`spectrocloud_virtual_machine.${vmKey}.id`] });
    expect(dv.spec.pvc.resources.requests.storage).toBe("50Gi");
    // Both are in the protected list: removing the added disk from config loses its data, like deleting the VM.
    const [dvKey] = Object.keys(json.resource.spectrocloud_datavolume);
    expect(json.output["protected-attachments"].value).toEqual([
      expect.stringMatching(/^spectrocloud_addon_deployment\./),
      `spectrocloud_datavolume.${dvKey}`,
      `spectrocloud_virtual_machine.${vmKey}`,
    ]);
    const plain: any = Object.values(synthJson(`${head}          - name: web\n            template: ubuntu\n`).resource.spectrocloud_virtual_machine)[0];
    expect(plain.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("memory in config is written in canonical form; a stopped VM is run_strategy Halted, never run_on_launch false", () => {
    const json = synthJson(`${head}          - name: web\n            template: ubuntu\n            memory: 8192Mi\n            runStrategy: Halted\n`);
    const vm: any = Object.values(json.resource.spectrocloud_virtual_machine)[0];
    expect(vm).toMatchObject({ memory: { guest: "8Gi" }, resources: { requests: { memory: "8Gi" } }, run_strategy: "Halted" });
    expect(vm).not.toHaveProperty("run_on_launch");
  });

  test("a VM or a per-cluster binding in a namespace VMO 4.10 does not set up is warned about, at the VM and the attachment", () => {
    const yaml =
      head.replace(
        "      - uid: abc123\n",
        "      - uid: abc123\n        roleBindings:\n          - { role: spectro-vm-user, subjects: [{ kind: Group, name: ops }], namespaces: [virtual-machines] }\n",
      ) + "          - name: web\n            namespace: virtual-machines\n            template: ubuntu\n";
    const withBindings = yaml.replace(
      "    accessMode: direct\n",
      "    accessMode: direct\n    roleBindings:\n      bindings:\n        - { role: spectro-vm-admin, subjects: [{ kind: Group, name: admins }] }\n",
    );
    const { json, warnings } = synthWithAnnotations(withBindings);
    expect(Object.values(json.resource.spectrocloud_virtual_machine)).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('"virtual-machines"') && !w.startsWith("[VMO-"))).toEqual([
      expect.stringMatching(/^roleBindings: namespaces "virtual-machines" are not created by this VMO version \(it sets up default\); .* on cluster abc123\. /),
      expect.stringMatching(
        /^namespace: "virtual-machines" is not a VM namespace of profile "vmo" \(its VMO version sets up default\); .* cluster abc123 before the VM is created\.$/,
      ),
    ]);
    const inDefault = synthWithAnnotations(`${head}          - name: web\n            template: ubuntu\n`);
    expect(inDefault.warnings.filter((w) => w.startsWith("namespace:") || w.startsWith("roleBindings:"))).toEqual([]);
  });

  test("a golden image outside the pack's golden images namespace is refused by VMO-023 at its namespace", () => {
    const yaml =
      head.replace("        size: 20Gi\n", "        size: 20Gi\n        namespace: images\n") + "          - name: web\n            template: ubuntu\n";
    expect(refusal(yaml)).toMatch(
      /^dev\.yaml:9:20: profiles\[0\]\.goldenImages\[0\]\.namespace: \[VMO-023\] golden image "ubuntu-2204" is in namespace "images"/,
    );
  });

  test("two VMs of one name and namespace on a cluster are refused", () => {
    expect(refusal(`${head}          - { name: web, template: ubuntu }\n          - { name: web, template: ubuntu }\n`)).toMatch(
      /virtualMachines\[\d\]: VM "web" in namespace "default" is also given at profiles\[0\]\.clusters\[0\]\.virtualMachines\[\d\]/,
    );
  });

  test("schema: an unknown key on a VM gets a did-you-mean hint", () => {
    expect(refusal(`${head}          - name: web\n            templat: ubuntu\n`)).toMatch(/templat.*did you mean "template"/);
  });
});
