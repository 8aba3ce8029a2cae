import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { Testing } from "../../lib/cdktf";
import { buildApp } from "../../stacks/app";
import { PaletteContext } from "../../lib";
import { VmoProjectConfig, VmoProjectStack } from "../../stacks/vmo-project-stack";

const root = path.resolve(__dirname, "..", "..");

function synthConfig(config: VmoProjectConfig, id = "test"): any {
  const stack = new VmoProjectStack(Testing.app(), id, { config });
  return JSON.parse(Testing.synth(stack, true));
}

/** The shipped example configs, built exactly as `npm run synth` builds them. */
function examples(): Record<string, any> {
  const { stacks } = buildApp({ configDir: path.join(root, "config") });
  return Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s, true))]));
}

/** The environment's shared profile (per-cluster copies are named `<profile>-<cluster>`). */
const profileOf = (json: any, name?: string) =>
  Object.values<any>(json.resource.spectrocloud_cluster_profile).find((p) => (name ? p.name === name : ["vmo-dev", "vmo-prod"].includes(p.name)));
const attachedProfile = (json: any, dep: any) =>
  Object.entries<any>(json.resource.spectrocloud_cluster_profile).find(([k]) => dep.cluster_profile[0].id === `\${spectrocloud_cluster_profile.${k}.id}`)?.[1];
const deploymentsOf = (json: any) => Object.values<any>(json.resource.spectrocloud_addon_deployment);

describe("the embedded default: config/dev.yaml and config/prod.yaml", () => {
  const stacks = examples();
  const dev = stacks.dev;
  const prod = stacks.prod;

  test("one stack per environment, named after the file", () => {
    expect(Object.keys(stacks)).toEqual(["dev", "prod"]);
  });

  test("dev: a Proxied VMO 4.10.7 profile 1.1.0 with the proxy and one manifest layer: bindings, a golden image, a template", () => {
    const profile = profileOf(dev);
    expect(profile).toMatchObject({ name: "vmo-dev", type: "add-on", cloud: "all", context: "project", version: "1.1.0" });
    expect(profile.pack.map((p: any) => `${p.name}@${p.tag}`)).toEqual(["virtual-machine-orchestrator@4.10.7", "spectro-proxy@1.5.6", "vmo-manifests@1.0.0"]);
    expect(profile.pack[2].manifest.map((m: any) => m.name)).toEqual([
      "vm-role-bindings",
      "vmo-iam-roles",
      "golden-image-ubuntu-2204",
      "vm-template-ubuntu-2204",
    ]);
    const values = parse(profile.pack[0].values);
    expect(values.charts["virtual-machine-orchestrator"]["vmo-manager"].service.type).toBe("ClusterIP");
    expect(values.charts["virtual-machine-orchestrator"]["vmo-manager"].deployment.replicaCount).toBe(1);
  });

  test("prod: a Direct VMO 4.10.0 profile 1.0.0 without the proxy, on a LoadBalancer", () => {
    const profile = profileOf(prod);
    expect(profile).toMatchObject({ name: "vmo-prod", version: "1.0.0" });
    expect(profile.pack.map((p: any) => `${p.name}@${p.tag}`)).toEqual(["virtual-machine-orchestrator@4.10.0", "vmo-manifests@1.0.0"]);
    expect(parse(profile.pack[0].values).charts["virtual-machine-orchestrator"]["vmo-manager"].service.type).toBe("LoadBalancer");
  });

  test("both: Palette-managed OIDC seeded, and the bindings' groupPrefix mirrored into vmo-manager.oidc.k8sGroupPrefix", () => {
    for (const json of [dev, prod]) {
      const manager = parse(profileOf(json).pack[0].values).charts["virtual-machine-orchestrator"]["vmo-manager"];
      expect(manager.oidc).toEqual({ enabled: true, k8sGroupPrefix: "oidc:" });
      expect(manager.palette.managedOidc).toBe(true);
    }
  });

  test("prod (Direct): the cluster sets its dashboard address, which both address keys reference", () => {
    const [dep] = deploymentsOf(prod);
    expect(dep.cluster_profile[0].variables.vmo_dashboard_address).toBe("https://198.51.100.42");
    const chart = parse(attachedProfile(prod, dep).pack[0].values).charts["virtual-machine-orchestrator"];
    expect(chart.appConfig.clusterInfo.consoleBaseAddress).toBe("{{ .spectro.var.vmo_dashboard_address }}");
    expect(chart["vmo-manager"].platform.baseUrl).toBe("{{ .spectro.var.vmo_dashboard_address }}");
    // 4.10.0 predates the directAccess deprecation (4.10.7): the preset's true stays.
    expect(chart.directAccess.enabled).toBe(true);
  });

  test("dev (Proxied): no address variable and, on 4.10.7, directAccess off", () => {
    const chart = parse(profileOf(dev).pack[0].values).charts["virtual-machine-orchestrator"];
    expect(chart.appConfig).toBeUndefined();
    expect(chart.directAccess.enabled).toBe(false);
    expect(profileOf(dev).profile_variables.variable.map((v: any) => v.name)).toEqual(["vmo_profile_revision"]);
  });

  test("dev bindings: OIDC-prefixed groups, cluster-wide admin and power users in every VM namespace 4.10 creates (default)", () => {
    const docs = parseAllDocuments(profileOf(dev).pack[2].manifest[0].content).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace ?? ""}/${d.roleRef.name}/${d.subjects.map((s: any) => s.name).join(",")}`)).toEqual([
      "ClusterRoleBinding//spectro-vm-admin/oidc:vmo-admins",
      "RoleBinding/default/spectro-vm-power-user/oidc:vmo-developers",
    ]);
  });

  test("dev attachments: the K3s edge cluster gets the Multus overrides and its own binding, the other none", () => {
    const deps = deploymentsOf(dev);
    // Sorted by name/uid, so a digit-led uid comes first.
    expect(deps.map((d) => d.cluster_uid)).toEqual(["64f1c2a9b7e3d80012a4c5e6", "${data.spectrocloud_cluster.Cluster-dev-edge-k3s-1_Lookup_8B7309C8.id}"]);
    const [other, k3s] = deps.map((d) => d.cluster_profile[0]);
    // No pack blocks on attachments (docs/ARCHITECTURE.md): the K3s cluster runs its own copy of the profile.
    for (const b of [other, k3s]) expect(b.pack).toBeUndefined();
    expect(attachedProfile(dev, deps[0]).name).toBe("vmo-dev");
    const copy = attachedProfile(dev, deps[1]);
    expect(copy).toMatchObject({ name: "vmo-dev-dev-edge-k3s-1", version: "1.1.0" });
    expect(copy.pack.map((p: any) => `${p.name}@${p.tag}`)).toEqual(["virtual-machine-orchestrator@4.10.7", "spectro-proxy@1.5.6", "vmo-manifests@1.0.0"]);
    const vmo = parse(copy.pack.find((p: any) => p.name === "virtual-machine-orchestrator").values);
    expect(vmo.charts["virtual-machine-orchestrator"].multus.networkController.criSocket).toEqual({
      enableK3SHostPath: true,
      criSocketContainerPath: "/host/run/containerd/containerd.sock",
    });
    const bindings = copy.pack.find((p: any) => p.name === "vmo-manifests").manifest[0].content;
    expect(bindings).toContain("name: ci-runner");
    expect(profileOf(dev).pack[2].manifest[0].content).not.toContain("ci-runner");
    // Both carry the profile's revision, which changes with its version and content.
    for (const b of [other, k3s]) expect(Object.keys(b.variables)).toEqual(["vmo_profile_revision"]);
    expect(other.variables.vmo_profile_revision).toMatch(/^1\.1\.0\+[0-9a-f]{12}$/);
    for (const d of deps)
      expect(d.lifecycle).toMatchObject({ prevent_destroy: true, postcondition: [{ condition: expect.stringContaining("self.cluster_profile") }] });
  });

  test("state: dev in a local file beside cdktf.out, prod in S3 with locking and no credentials", () => {
    expect(dev.terraform.backend).toEqual({ local: { path: "../../../terraform.dev.tfstate" } });
    expect(prod.terraform.backend).toEqual({
      s3: { bucket: "acme-platform-terraform-state", encrypt: true, key: "palette-vmo/prod.tfstate", region: "eu-west-1", use_lockfile: true },
    });
    expect(dev.provider.spectrocloud).toEqual([{ project_name: "Dev" }]);
    expect(prod.provider.spectrocloud).toEqual([{ project_name: "Production" }]);
  });

  test("dev VM: from the ubuntu-2204 template, on the uid cluster, after its attachment, protected", () => {
    const vms = Object.entries(dev.resource.spectrocloud_virtual_machine);
    expect(vms.map(([k]) => k)).toEqual([expect.stringMatching(/^Vm-64f1c2a9b7e3d80012a4c5e6-default-dev-ubuntu-1_[0-9A-F]{8}$/)]);
    const vm: any = vms[0][1];
    expect(vm).toMatchObject({
      cluster_uid: "64f1c2a9b7e3d80012a4c5e6",
      name: "dev-ubuntu-1",
      namespace: "default",
      run_on_launch: true,
      cpu: { cores: 2 },
      memory: { guest: "4Gi" },
      lifecycle: { prevent_destroy: true },
    });
    const uidAttachment = Object.keys(dev.resource.spectrocloud_addon_deployment).find((k) => k.includes("64f1c2a9b7e3d80012a4c5e6"));
    expect(vm.depends_on).toEqual([`spectrocloud_addon_deployment.${uidAttachment}`]);
    // The template's spec, expanded: a clone of the golden image as the boot disk, and the template's cloud-init.
    expect(vm.data_volume_templates[0].spec.source).toEqual({ pvc: { name: "ubuntu-2204", namespace: "vmo-golden-images" } });
    expect(vm.volume.map((v: any) => Object.keys(v.volume_source)[0])).toEqual(["data_volume", "cloud_init_no_cloud"]);
    // The manifest layer after VMO (priority 90 on 4.10) so the DataVolume and VmTemplate CRDs exist when it installs.
    const priorities = profileOf(dev).pack.map((p: any) => (p.values ? parse(p.values)?.pack?.["spectrocloud.com/install-priority"] : undefined));
    expect(priorities).toEqual(["90", undefined, "100"]);
  });

  test("the protected attachments and VMs are an output, so state remembers them after they leave config", () => {
    expect(dev.output["protected-attachments"].value).toEqual(
      [
        ...Object.keys(dev.resource.spectrocloud_addon_deployment).map((k) => `spectrocloud_addon_deployment.${k}`),
        ...Object.keys(dev.resource.spectrocloud_virtual_machine).map((k) => `spectrocloud_virtual_machine.${k}`),
      ].sort(),
    );
    const opted = synthConfig({
      project: { name: "x" },
      profiles: [{ name: "p", clusters: [{ name: "a" }, { name: "b", preventDestroy: false, suppressions: [{ id: "VMO-008", reason: "test" }] }] }],
    });
    expect(opted.output["protected-attachments"].value).toEqual([expect.stringMatching(/^spectrocloud_addon_deployment\.Attach-p-a_[0-9A-F]{8}$/)]);
  });

  test("snapshots", () => {
    expect(dev).toMatchSnapshot("dev");
    expect(prod).toMatchSnapshot("prod");
  });
});

describe("VmoProjectStack", () => {
  const base = (over: Partial<VmoProjectConfig> = {}): VmoProjectConfig => ({
    project: { name: "Default" },
    profiles: [{ name: "vmo", clusters: [{ name: "a" }, { uid: "0123456789abcdef01234567" }] }],
    ...over,
  });

  test("a cluster named under two profiles is looked up once", () => {
    const json = synthConfig({
      project: { name: "Default" },
      profiles: [
        { name: "a", clusters: [{ name: "c" }] },
        { name: "b", clusters: [{ name: "c" }] },
      ],
    });
    expect(Object.keys(json.data.spectrocloud_cluster)).toHaveLength(1);
    expect(Object.keys(json.resource.spectrocloud_addon_deployment)).toHaveLength(2);
  });

  test("different clusters never share a lookup or an address, even when their ids would collide", () => {
    expect(() =>
      synthConfig({
        project: { name: "x" },
        profiles: [
          { name: "a", clusters: [{ name: "x", context: PaletteContext.TENANT }] },
          { name: "b", clusters: [{ name: "tenant-x" }] },
        ],
      }),
    ).toThrow(
      'cluster name tenant-x in project context and cluster name x in tenant context map to the same construct id "Cluster-tenant-x"; give one of them by uid.',
    );
    expect(() =>
      synthConfig({
        project: { name: "x" },
        profiles: [
          { name: "a", clusters: [{ uid: "u1" }] },
          { name: "b", clusters: [{ name: "u1" }] },
        ],
      }),
    ).toThrow('cluster name u1 in project context and cluster uid u1 map to the same construct id "Cluster-u1"; give the other one by uid too.');
    expect(() =>
      synthConfig({
        project: { name: "x" },
        profiles: [
          { name: "a-b", clusters: [{ name: "c" }] },
          { name: "a", clusters: [{ name: "b-c" }] },
        ],
      }),
    ).toThrow(
      'profile "a-b" with cluster "c" and profiles[1].clusters[0] both map to the Terraform address Attach-a-b-c; rename the profile so that "<profile>-<cluster>" differs.',
    );
  });

  test("the same cluster name in tenant and project context are two clusters with two addresses", () => {
    const json = synthConfig({
      project: { name: "x" },
      profiles: [{ name: "a", clusters: [{ name: "foo", context: PaletteContext.TENANT }, { name: "foo" }] }],
    });
    expect(Object.keys(json.resource.spectrocloud_addon_deployment)).toEqual([
      expect.stringMatching(/^Attach-a-foo_/),
      expect.stringMatching(/^Attach-a-tenant-foo_/),
    ]);
    expect(
      Object.values<any>(json.data.spectrocloud_cluster)
        .map((d) => d.context)
        .sort(),
    ).toEqual(["project", "tenant"]);
  });

  test("a cluster given by both name and UID is rejected", () => {
    expect(() => synthConfig({ project: { name: "Default" }, profiles: [{ name: "vmo", clusters: [{ name: "a", uid: "b" }] }] })).toThrow(
      'cluster "a" is given both by name and by uid (b); keep one.',
    );
  });

  test("reordering profiles and clusters changes nothing, byte for byte", () => {
    const a: VmoProjectConfig = {
      project: { name: "Default" },
      profiles: [
        { name: "one", clusters: [{ name: "x" }, { uid: "0123456789abcdef01234567" }, { name: "b" }] },
        { name: "two", accessMode: undefined, clusters: [{ name: "y" }] },
      ],
    };
    const b: VmoProjectConfig = {
      ...a,
      profiles: [a.profiles[1], { ...a.profiles[0], clusters: [...(a.profiles[0].clusters ?? [])].reverse() }],
    };
    const ja = Testing.synth(new VmoProjectStack(Testing.app(), "s", { config: a }), true);
    const jb = Testing.synth(new VmoProjectStack(Testing.app(), "s", { config: b }), true);
    expect(jb).toBe(ja);
    // Addresses come from config names, not positions.
    expect(Object.keys(JSON.parse(ja).resource.spectrocloud_addon_deployment)).toEqual([
      expect.stringMatching(/^Attach-one-0123456789abcdef01234567_/),
      expect.stringMatching(/^Attach-one-b_/),
      expect.stringMatching(/^Attach-one-x_/),
      expect.stringMatching(/^Attach-two-y_/),
    ]);
  });

  test("secrets become one sensitive variable each, referenced, never written", () => {
    const json = synthConfig(
      base({
        profiles: [
          {
            name: "vmo",
            variables: [{ name: "adminPassword", isSensitive: true }, { name: "site" }],
            clusters: [
              { name: "a", variables: { adminPassword: { secret: "vmo_admin_password" }, site: "a" } },
              { name: "b", variables: { adminPassword: { secret: "vmo_admin_password" }, site: "b" } },
            ],
          },
        ],
      }),
    );
    expect(json.variable).toEqual({
      vmo_admin_password: {
        description: "Secret for profile variables; the pipeline sets it as TF_VAR_vmo_admin_password.",
        nullable: false,
        sensitive: true,
        type: "string",
      },
    });
    for (const d of deploymentsOf(json)) {
      expect(d.cluster_profile[0].variables.adminPassword).toBe("${var.vmo_admin_password}");
    }
    expect(deploymentsOf(json).map((d) => d.cluster_profile[0].variables.site)).toEqual(["a", "b"]);
  });

  test("a secret name taken by another construct is rejected", () => {
    expect(() =>
      synthConfig(base({ profiles: [{ name: "vmo", variables: [{ name: "p" }], clusters: [{ name: "a", variables: { p: { secret: "Palette" } } }] }] })),
    ).toThrow('secret "Palette": the name is taken by another construct of stack test; choose another variable name.');
  });

  test("import: true adopts NAME:CONTEXT:VERSION; a string is used as given", () => {
    const json = synthConfig(
      base({
        profiles: [
          { name: "vmo", profileVersion: "2.0.0", import: true },
          { name: "other", import: "other:project" },
        ],
      }),
    );
    expect(json.import).toEqual([
      { id: "other:project", to: expect.stringMatching(/^spectrocloud_cluster_profile\.Profile-other_\w+$/) },
      { id: "vmo:project:2.0.0", to: expect.stringMatching(/^spectrocloud_cluster_profile\.Profile-vmo_\w+$/) },
    ]);
  });

  test.each([
    ["local default", undefined, { local: { path: "../../../terraform.test.tfstate" } }, undefined],
    ["local path", { type: "local", path: "./state/dev.tfstate" }, { local: { path: "../../../state/dev.tfstate" } }, undefined],
    [
      "s3 with a DynamoDB lock table",
      { type: "s3", bucket: "b", key: "k", region: "r", dynamodb_table: "locks" },
      { s3: { bucket: "b", dynamodb_table: "locks", key: "k", region: "r" } },
      undefined,
    ],
    ["gcs by name", { type: "gcs", bucket: "b", prefix: "vmo/dev" }, { gcs: { bucket: "b", prefix: "vmo/dev" } }, undefined],
    ["cloud", { type: "cloud", organization: "acme", workspaces: { name: "vmo-prod" } }, undefined, { organization: "acme", workspaces: { name: "vmo-prod" } }],
  ])("backend: %s", (_name, backend, expectedBackend, expectedCloud) => {
    const json = synthConfig(base({ backend: backend as VmoProjectConfig["backend"] }));
    expect(json.terraform.backend).toEqual(expectedBackend);
    expect(json.terraform.cloud).toEqual(expectedCloud);
  });
});
