import { Construct } from "constructs";
import { AccessMode, PaletteCluster, VirtualMachine, VirtualMachineProps, VmoAddonProfile, VmoSuppressions, inlinePasswordKeys } from "../../lib";
import { TerraformVariable } from "../../lib/cdktf";
import { check, of } from "./helpers";

// Rules VMO-020..VMO-024 (issue 14): VMs, templates and golden images.

function setup(s: Construct, attached = true) {
  const profile = new VmoAddonProfile(s, "P", { name: "vmo", accessMode: AccessMode.DIRECT });
  const image = profile.addGoldenImage({ name: "ubuntu", source: { http: "https://example.com/u.img" }, size: "20Gi" });
  const cluster = PaletteCluster.fromClusterUid(s, "C", "c1");
  if (attached) profile.attachTo(cluster);
  return { profile, image, cluster };
}
const vm = (s: Construct, cluster: ReturnType<typeof setup>["cluster"], props: Partial<VirtualMachineProps> = {}, id = "Vm") =>
  new VirtualMachine(s, id, { cluster, name: "web", ...props });

describe("VMO-020 vm-needs-vmo-attachment", () => {
  test("fails for a VM on a cluster no attachment in the stack attaches VMO to", () => {
    const r = check((s) => {
      const { image, cluster } = setup(s, false);
      vm(s, cluster, { goldenImage: image });
    });
    expect(of(r, "VMO-020").map((f) => `${f.level} ${f.path} ${f.text.split(" Fix:")[0]}`)).toEqual([
      'error test/Vm [VMO-020] VM "web" is on cluster "c1", which no VMO attachment in this stack attaches VMO to; Terraform could create it before VMO is there.',
    ]);
  });

  test("passes with the attachment in the stack, and is suppressible with a reason", () => {
    expect(
      of(
        check((s) => vm(s, setup(s).cluster, { cloneFrom: "base" })),
        "VMO-020",
      ),
    ).toEqual([]);
    const r = check((s) => {
      const { cluster } = setup(s, false);
      VmoSuppressions.addSuppressions(vm(s, cluster, { cloneFrom: "base" }), [{ id: "VMO-020", reason: "VMO attached by the platform stack" }]);
    });
    expect(of(r, "VMO-020").map((f) => `${f.level} ${f.text}`)).toEqual(["info VMO-020 suppressed on test/Vm: VMO attached by the platform stack"]);
    expect(r.error).toBeUndefined();
  });
});

describe("VMO-021 vm-needs-boot-source", () => {
  test("fails for a VM with only an empty disk", () => {
    const r = check((s) => vm(s, setup(s).cluster, { disks: [{ name: "data", source: { emptyDisk: "1Gi" } }] }));
    expect(of(r, "VMO-021").map((f) => f.text.split(" Fix:")[0])).toEqual([
      '[VMO-021] VM "web" has no template, golden image, clone source or image disk; it has nothing to boot.',
    ]);
  });

  test("passes for a golden image, a template, a clone, a container disk or an existing PVC", () => {
    const r = check((s) => {
      const { profile, image, cluster } = setup(s);
      const template = profile.addVmTemplate({ name: "t", goldenImage: image });
      vm(s, cluster, { goldenImage: image }, "A");
      vm(s, cluster, { template, name: "b" }, "B");
      vm(s, cluster, { cloneFrom: "a", name: "c" }, "C2");
      vm(s, cluster, { disks: [{ name: "os", source: { containerDisk: "quay.io/containerdisks/fedora:40" } }], name: "d" }, "D");
      vm(s, cluster, { disks: [{ name: "os", source: { persistentVolumeClaim: "migrated-os" } }], name: "e" }, "E");
    });
    expect(of(r, "VMO-021")).toEqual([]);
  });
});

describe("VMO-022 cloud-init-no-inline-password", () => {
  test("fails for the docs' password pattern on a VM and on a template; names the key, never the value", () => {
    const r = check((s) => {
      const { profile, image, cluster } = setup(s);
      profile.addVmTemplate({
        name: "t",
        goldenImage: image,
        cloudInit: { userData: "#cloud-config\nssh_pwauth: True\nchpasswd: { expire: False }\npassword: spectro\n" },
      });
      vm(s, cluster, { goldenImage: image, cloudInit: { userData: "#cloud-config\nchpasswd:\n  list: |\n    root:hunter2\n" } });
    });
    const texts = of(r, "VMO-022").map((f) => `${f.path} ${f.text.split(" Fix:")[0]}`);
    expect(texts).toEqual([
      'test/P/VmTemplate-t [VMO-022] template "t"\'s cloud-init userData sets a password (password); it would be readable in cdk.tf.json and the Terraform state.',
      'test/Vm [VMO-022] VM "web"\'s cloud-init userData sets a password (chpasswd.list); it would be readable in cdk.tf.json and the Terraform state.',
    ]);
    for (const t of texts) expect(t).not.toMatch(/spectro\b|hunter2/);
  });

  test("passes for SSH keys, a Secret reference and a sensitive variable", () => {
    const r = check((s) => {
      const { image, cluster } = setup(s);
      const secret = new TerraformVariable(s, "ud", { type: "string", sensitive: true });
      vm(s, cluster, { goldenImage: image, cloudInit: { userData: "#cloud-config\nssh_authorized_keys: [ssh-ed25519 AAAA]\n" } }, "A");
      vm(s, cluster, { goldenImage: image, name: "b", cloudInit: { userDataSecretName: "web-user-data" } }, "B");
      vm(s, cluster, { goldenImage: image, name: "c", cloudInit: { userData: secret.stringValue } }, "C3");
    });
    expect(of(r, "VMO-022")).toEqual([]);
  });

  test("inlinePasswordKeys: YAML keys, user entries and shell scripts", () => {
    expect(inlinePasswordKeys("#cloud-config\nusers:\n  - name: a\n    plain_text_passwd: x\n    passwd: $6$hash\n")).toEqual([
      "users[0].plain_text_passwd",
      "users[0].passwd",
    ]);
    expect(inlinePasswordKeys("#cloud-config\nchpasswd:\n  users:\n    - { name: root, password: x }\n")).toEqual(["chpasswd.users[0].password"]);
    expect(inlinePasswordKeys("#!/bin/sh\necho 'root:toor' | chpasswd\n")).toEqual([]);
    expect(inlinePasswordKeys("#!/bin/sh\nchpasswd <<< root:toor\n")).toEqual(["chpasswd"]);
    expect(inlinePasswordKeys("#cloud-config\npackages: [nginx]\n")).toEqual([]);
  });
});

describe("VMO-023 golden-image-managed-namespace", () => {
  test("fails outside the pack's golden images namespace, passes inside it (also when the values move it)", () => {
    const r = check((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo", accessMode: AccessMode.DIRECT });
      profile.addGoldenImage({ name: "a", source: { http: "https://x/a.img" }, size: "1Gi", namespace: "default" });
      profile.addGoldenImage({ name: "b", source: { http: "https://x/b.img" }, size: "1Gi" });
      const moved = new VmoAddonProfile(s, "Q", {
        name: "q",
        accessMode: AccessMode.DIRECT,
        values: { charts: { "virtual-machine-orchestrator": { "vmo-manager": { goldenImagesNamespace: "images" } } } },
      });
      moved.addGoldenImage({ name: "c", source: { http: "https://x/c.img" }, size: "1Gi", namespace: "images" });
    });
    expect(of(r, "VMO-023").map((f) => `${f.path} ${f.text.split(" Fix:")[0]}`)).toEqual([
      'test/P/GoldenImage-a [VMO-023] golden image "a" is in namespace "default", but the VMO pack manages golden images in "vmo-golden-images"; VMs could not clone it.',
    ]);
  });
});

describe("VMO-024 vm-prevent-destroy", () => {
  test("fails for preventDestroy: false, for an override that drops it, and for an unprotected added disk", () => {
    const r = check((s) => {
      const { image, cluster } = setup(s);
      vm(s, cluster, { goldenImage: image, preventDestroy: false }, "Off");
      vm(s, cluster, { goldenImage: image, name: "b" }, "Hatch").resource.addOverride("lifecycle.prevent_destroy", false);
      vm(s, cluster, { goldenImage: image, name: "c" }, "Disk").addDisk({ name: "data", size: "1Gi" }).addOverride("lifecycle.prevent_destroy", false);
    });
    expect(of(r, "VMO-024").map((f) => `${f.path} ${f.text.split(" Fix:")[0]}`)).toEqual([
      'test/Off [VMO-024] VM "web" on cluster "c1" has no prevent_destroy; destroying or replacing it deletes its disks.',
      'test/Hatch [VMO-024] VM "b" on cluster "c1" has no prevent_destroy; destroying or replacing it deletes its disks.',
      'test/Disk [VMO-024] VM "c" on cluster "c1" (disks Disk-data) has no prevent_destroy; destroying or replacing it deletes its disks.',
    ]);
    expect(r.error).toContain("[test/Off] [VMO-024]");
  });

  test("the two-step opt-out: preventDestroy: false plus a reasoned suppression synthesizes without the lifecycle", () => {
    const r = check((s) => {
      const { image, cluster } = setup(s);
      VmoSuppressions.addSuppressions(vm(s, cluster, { goldenImage: image, preventDestroy: false }), [{ id: "VMO-024", reason: "change 42 retires web" }]);
    });
    expect(of(r, "VMO-024").map((f) => `${f.level} ${f.text}`)).toEqual(["info VMO-024 suppressed on test/Vm: change 42 retires web"]);
    expect(r.error).toBeUndefined();
    expect(r.stack.node.findAll().filter(VirtualMachine.isVirtualMachine)[0].resource.lifecycle).toBeUndefined();
  });
});
