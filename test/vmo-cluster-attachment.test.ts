import { parse, parseAllDocuments } from "yaml";
import { Construct } from "constructs";
import { AccessMode, ApplySetting, PaletteCluster, PaletteContext, RegistryPack, SubjectKind, VmRole, VmoAddonProfile, VmoClusterAttachment } from "../lib";
import { TerraformVariable } from "../lib/cdktf";
import { dataSources, newStack, resources, synth, synthError } from "./util";

const bindings = { bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }] };

describe("VmoClusterAttachment", () => {
  test("by UID: one addon deployment referencing the profile with its revision variable, prevent_destroy on", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterUid(s, "C", "abc123") });
    });
    const [dep] = resources(json, "spectrocloud_addon_deployment");
    expect(dep).toEqual({
      cluster_uid: "abc123",
      context: "project",
      cluster_profile: [
        {
          id: expect.stringMatching(/^\$\{spectrocloud_cluster_profile\.P_\w+\.id\}$/),
          variables: { vmo_profile_revision: expect.stringMatching(/^1\.0\.0\+[0-9a-f]{12}$/) },
        },
      ],
      lifecycle: { prevent_destroy: true, postcondition: [expect.anything()] },
    });
    // The profile declares the revision variable; no pack block on the attachment (docs/ARCHITECTURE.md).
    const [profile] = resources(json, "spectrocloud_cluster_profile");
    expect(profile.profile_variables.variable.map((v: any) => v.name)).toEqual(["vmo_profile_revision"]);
    expect(dataSources(json, "spectrocloud_cluster")).toEqual([]);
  });

  test("per-cluster values may name a pack added to the profile after the attachment", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo", accessMode: undefined });
      new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterUid(s, "C", "abc123"), packValues: { extra: { replicas: 2 } } });
      profile.addPack(new RegistryPack(profile, "Extra", { packName: "extra", tag: "1.0.0" }));
    });
    // The attachment carries no pack block: the values go into a per-cluster copy of the profile.
    const [dep] = resources(json, "spectrocloud_addon_deployment");
    expect(dep.cluster_profile[0].pack).toBeUndefined();
    const copy = resources(json, "spectrocloud_cluster_profile").find((p: any) => p.name === "vmo-abc123");
    expect(dep.cluster_profile[0].id).toMatch(/^\$\{spectrocloud_cluster_profile\.A_ClusterProfile_\w+\.id\}$/);
    expect(copy.pack.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator", "spectro-proxy", "extra"]);
    expect(parse(copy.pack[2].values)).toEqual({ replicas: 2 });
  });

  test("the revision changes with the profile's content and version, and only then", () => {
    const revision = (o: { version?: string; replicas?: number; tags?: string[] }) => {
      const json = synth((s) => {
        const profile = new VmoAddonProfile(s, "P", {
          name: "vmo",
          profileVersion: o.version,
          tags: o.tags,
          values: { charts: { "virtual-machine-orchestrator": { replicas: o.replicas ?? 1 } } },
        });
        new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterUid(s, "C", "abc123") });
      });
      return resources(json, "spectrocloud_addon_deployment")[0].cluster_profile[0].variables.vmo_profile_revision;
    };
    const base = revision({});
    expect(revision({ tags: ["env:dev"] })).toBe(base);
    expect(revision({ replicas: 2 })).not.toBe(base);
    expect(revision({ version: "1.0.1" })).toMatch(/^1\.0\.1\+/);
    expect(revision({ version: "1.0.1" }).slice(6)).toBe(base.slice(6));
  });

  test("a postcondition asserts after every apply that the attachment holds this profile", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo", profileVersion: "2.0.0" });
      new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterUid(s, "C", "abc123") });
    });
    const [address] = Object.keys(json.resource?.spectrocloud_cluster_profile ?? {});
    expect(resources(json, "spectrocloud_addon_deployment")[0].lifecycle.postcondition).toEqual([
      {
        condition: `\${contains([for cp in self.cluster_profile : cp.id], spectrocloud_cluster_profile.${address}.id)}`,
        error_message: "The add-on deployment on this cluster does not hold cluster profile vmo 2.0.0; the attachment was changed outside Terraform.",
      },
    ]);
  });

  test("by name: a cluster data source lookup feeds cluster_uid", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      const cluster = PaletteCluster.fromClusterName(s, "C", "edge-1", { context: PaletteContext.TENANT });
      new VmoClusterAttachment(s, "A", { profile, cluster, applySetting: ApplySetting.DOWNLOAD_AND_INSTALL_LATER });
    });
    expect(dataSources(json, "spectrocloud_cluster")).toEqual([{ name: "edge-1", context: "tenant" }]);
    expect(resources(json, "spectrocloud_addon_deployment")[0]).toMatchObject({
      cluster_uid: expect.stringMatching(/^\$\{data\.spectrocloud_cluster\.C_Lookup_\w+\.id\}$/),
      context: "tenant",
      apply_setting: "DownloadAndInstallLater",
    });
  });

  test("opting out of prevent_destroy is explicit", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterUid(s, "C", "abc"), preventDestroy: false });
    });
    expect(resources(json, "spectrocloud_addon_deployment")[0].lifecycle.prevent_destroy).toBeUndefined();
  });

  test("per-cluster pack values are the profile's values with the override merged, as the full document", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", {
        name: "vmo",
        values: { charts: { "virtual-machine-orchestrator": { descheduler: { enabled: false } } } },
        variables: [{ name: "PLATFORM_IP", format: "ipv4" }, { name: "A" }],
      });
      new VmoClusterAttachment(s, "A", {
        profile,
        cluster: PaletteCluster.fromClusterUid(s, "C", "abc"),
        packValues: {
          "virtual-machine-orchestrator":
            "charts:\n  virtual-machine-orchestrator:\n    multus:\n      networkController:\n        criSocket:\n          enableK3SHostPath: true\n",
        },
        variables: { PLATFORM_IP: "10.0.0.5", A: "1" },
      });
    });
    const [block] = resources(json, "spectrocloud_addon_deployment")[0].cluster_profile;
    expect(Object.keys(block.variables)).toEqual(["A", "PLATFORM_IP", "vmo_profile_revision"]);
    expect(block.pack).toBeUndefined();
    const copy = resources(json, "spectrocloud_cluster_profile").find((p: any) => p.name === "vmo-abc");
    expect(copy).toMatchObject({ version: "1.0.0", type: "add-on", context: "project" });
    expect(copy.profile_variables.variable.map((v: any) => v.name)).toEqual(["PLATFORM_IP", "A", "vmo_profile_revision"]);
    expect(copy.pack[0]).toMatchObject({ name: "virtual-machine-orchestrator", tag: "4.10.7", type: "spectro" });
    const chart = parse(copy.pack[0].values).charts["virtual-machine-orchestrator"];
    expect(chart.multus.networkController.criSocket.enableK3SHostPath).toBe(true);
    expect(chart.descheduler.enabled).toBe(false);
    expect(chart["vmo-manager"].palette.enabled).toBe(true);
    // The shared profile keeps its own values.
    const shared = resources(json, "spectrocloud_cluster_profile").find((p: any) => p.name === "vmo");
    expect(parse(shared.pack[0].values).charts["virtual-machine-orchestrator"].multus).toBeUndefined();
  });

  test("declared variables with a default are set on every attachment, so refresh finds what config says", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo", variables: [{ name: "site", defaultValue: "lab" }, { name: "zone" }] });
      new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterUid(s, "C", "abc") });
      new VmoClusterAttachment(s, "B", { profile, cluster: PaletteCluster.fromClusterUid(s, "D", "def"), variables: { site: "dc1" } });
    });
    const vars = resources(json, "spectrocloud_addon_deployment").map((d: any) => ({ ...d.cluster_profile[0].variables, vmo_profile_revision: undefined }));
    expect(vars).toEqual([
      { site: "lab", vmo_profile_revision: undefined },
      { site: "dc1", vmo_profile_revision: undefined },
    ]);
  });

  test("per-cluster role bindings override the bindings layer with profile + cluster bindings", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: bindings });
      new VmoClusterAttachment(s, "A", {
        profile,
        cluster: PaletteCluster.fromClusterUid(s, "C", "abc"),
        roleBindings: [{ role: VmRole.USER, subjects: [{ kind: SubjectKind.USER, name: "edge-ops@example.com" }], namespaces: ["virtual-machines"] }],
      });
    });
    expect(resources(json, "spectrocloud_addon_deployment")[0].cluster_profile[0].pack).toBeUndefined();
    const pack = resources(json, "spectrocloud_cluster_profile")
      .find((p: any) => p.name === "vmo-abc")
      .pack.find((p: any) => p.name === "vmo-manifests");
    expect(pack).toMatchObject({ name: "vmo-manifests", type: "manifest", tag: "1.0.0" });
    const kinds = parseAllDocuments(pack.manifest[0].content).map((d) => d.toJS().roleRef.name);
    expect(kinds).toEqual(["spectro-vm-admin", "spectro-vm-user"]);
  });

  test("per-cluster role bindings into a namespace the VMO version does not set up are warned about, like the profile's", () => {
    const { Testing } = require("../lib/cdktf");
    const warningsOf = (namespaces: string[], values?: object): string[] => {
      const stack = newStack();
      const profile = new VmoAddonProfile(stack, "P", { name: "vmo", roleBindings: bindings, values: values as any });
      new VmoClusterAttachment(stack, "A", {
        profile,
        cluster: PaletteCluster.fromClusterUid(stack, "C", "abc"),
        roleBindings: [
          { role: VmRole.USER, subjects: [{ kind: SubjectKind.GROUP, name: "ops" }], namespaces },
          { role: VmRole.VIEWER, subjects: [{ kind: SubjectKind.GROUP, name: "audit" }], allVmNamespaces: true },
        ],
      });
      Testing.synth(stack, true);
      return stack.node.findAll().flatMap((c: any) => c.node.metadata.filter((m: any) => m.type === "@cdktf/warn").map((m: any) => m.data));
    };
    expect(warningsOf(["virtual-machines", "default", "lab"])).toEqual([
      'roleBindings: namespaces "lab", "virtual-machines" are not created by this VMO version (it sets up default); the API server refuses a RoleBinding into a namespace that does not exist, which fails the per-cluster profile\'s role bindings layer on cluster abc. Make sure they exist before the profile is applied (create them outside this profile), or list them in the VMO values\' vmEnabledNamespaces.',
    ]);
    expect(warningsOf(["default"])).toEqual([]);
    expect(warningsOf(["lab"], { charts: { "virtual-machine-orchestrator": { vmEnabledNamespaces: ["default", "lab"] } } })).toEqual([]);
  });

  test("secrets passed as sensitive variables stay references", () => {
    const stack = newStack();
    const pw = new TerraformVariable(stack, "local_admin_password", { type: "string", sensitive: true });
    const profile = new VmoAddonProfile(stack, "P", { name: "vmo", variables: [{ name: "LOCAL_ADMIN_PASSWORD", isSensitive: true }] });
    new VmoClusterAttachment(stack, "A", {
      profile,
      cluster: PaletteCluster.fromClusterUid(stack, "C", "abc"),
      variables: { LOCAL_ADMIN_PASSWORD: pw.stringValue },
    });
    const json = JSON.parse(require("../lib/cdktf").Testing.synth(stack, true));
    expect(resources(json, "spectrocloud_addon_deployment")[0].cluster_profile[0].variables).toEqual({
      LOCAL_ADMIN_PASSWORD: "${var.local_admin_password}",
      vmo_profile_revision: expect.stringMatching(/^1\.0\.0\+[0-9a-f]{12}$/),
    });
  });
});

describe("VmoClusterAttachment.clusterProfileBlock", () => {
  test("returns the block for a team's own spectrocloud_cluster_* resource", () => {
    const stack = newStack();
    const profile = new VmoAddonProfile(stack, "P", { name: "vmo", variables: [{ name: "X" }] });
    const block = VmoClusterAttachment.clusterProfileBlock(profile, { variables: { X: "1" } });
    expect(block).toEqual({ id: profile.profileId, variables: { X: "1" }, pack: undefined });
  });

  test("throws with the field on bad options", () => {
    const stack = newStack();
    const profile = new VmoAddonProfile(stack, "P", { name: "vmo" });
    expect(() => VmoClusterAttachment.clusterProfileBlock(profile, { packValues: { "spectro-proxi": "a: 1" } })).toThrow(
      'cluster_profile block for profile "vmo": packValues.spectro-proxi: the profile has no pack "spectro-proxi"; expected one of "virtual-machine-orchestrator" or "spectro-proxy" (did you mean "spectro-proxy"?).',
    );
  });
});

describe("VmoClusterAttachment validation", () => {
  const attach = (props: Partial<ConstructorParameters<typeof VmoClusterAttachment>[2]>, profileProps: any = { name: "vmo" }) =>
    synthError((s) => {
      const profile = new VmoAddonProfile(s, "P", profileProps);
      new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterUid(s, "C", "abc"), ...props });
    });

  test.each([
    [{ packValues: { "virtual-machine-orchestrator": "a: [" } }, /\[test\/A\] packValues\.virtual-machine-orchestrator: invalid YAML at line 1/],
    [
      { packValues: { "virtual-machine-orchestrator": "- x" } },
      /\[test\/A\] packValues\.virtual-machine-orchestrator: expected a YAML mapping at the top level, got a list/,
    ],
    [
      { applySetting: "Now" as ApplySetting },
      /\[test\/A\] applySetting: "Now" is not an apply setting; expected one of "DownloadAndInstall" or "DownloadAndInstallLater"/,
    ],
    [{ context: "tennant" as PaletteContext }, /\[test\/A\] context: "tennant" is not a Palette context; .*did you mean "tenant"/],
    [
      { roleBindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "g" }] }] },
      /\[test\/A\] roleBindings: profile "vmo" has no role bindings to extend; give the profile roleBindings first\./,
    ],
  ])("%j", (props, message) => {
    expect(attach(props as any)).toMatch(message);
  });

  test("variables must be declared by the profile", () => {
    expect(attach({ variables: { PLATFORM_IPP: "10.0.0.1" } }, { name: "vmo", variables: [{ name: "PLATFORM_IP" }] })).toContain(
      '[test/A] variables.PLATFORM_IPP: profile "vmo" declares no variable "PLATFORM_IPP"; expected one of "PLATFORM_IP" (did you mean "PLATFORM_IP"?).',
    );
  });

  test("a literal value for a sensitive variable is rejected (it would land in cdk.tf.json)", () => {
    expect(
      attach({ variables: { LOCAL_ADMIN_PASSWORD: "hunter2" } }, { name: "vmo", variables: [{ name: "LOCAL_ADMIN_PASSWORD", isSensitive: true }] }),
    ).toContain(
      '[test/A] variables.LOCAL_ADMIN_PASSWORD: "LOCAL_ADMIN_PASSWORD" is sensitive and must not be given as a literal: it would be written into cdk.tf.json in clear. Pass a sensitive Terraform variable\'s value instead (TF_VAR_<name> in the pipeline).',
    );
  });

  test("manifest layers take role bindings, not values", () => {
    expect(attach({ packValues: { "vmo-manifests": "a: 1" } }, { name: "vmo", roleBindings: bindings })).toContain(
      '[test/A] packValues.vmo-manifests: "vmo-manifests" is a manifest layer and has no values; use roleBindings for per-cluster bindings.',
    );
  });

  test("bad per-cluster bindings are reported under roleBindings", () => {
    expect(
      attach(
        { roleBindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.SERVICE_ACCOUNT, name: "sa" }] }] },
        { name: "vmo", roleBindings: bindings },
      ),
    ).toContain('[test/A] roleBindings[0].subjects[0].namespace: ServiceAccount "sa" needs its namespace.');
  });
});

describe("profile.attachTo and VmoAddonProfile.fromProfileAttributes", () => {
  test("attachTo makes the same attachment as the constructor, beside the profile", () => {
    const stack = newStack();
    const profile = new VmoAddonProfile(stack, "Vmo", { name: "vmo" });
    const cluster = PaletteCluster.fromClusterName(stack, "Edge", "edge-1");
    const a = profile.attachTo(cluster, { preventDestroy: true });
    expect(a).toBeInstanceOf(VmoClusterAttachment);
    expect(a.node.path).toBe("test/Vmo-Edge");
    expect([a.profile, a.cluster, a.preventDestroy]).toEqual([profile, cluster, true]);
    const json = JSON.parse(require("../lib/cdktf").Testing.synth(stack, true));
    const [dep] = resources(json, "spectrocloud_addon_deployment");
    expect(dep.cluster_profile[0].variables.vmo_profile_revision).toMatch(/^1\.0\.0\+[0-9a-f]{12}$/);
  });

  test("a profile made elsewhere is looked up by name, version and context and attached without a revision variable", () => {
    const json = synth((s) => {
      const ui = VmoAddonProfile.fromProfileAttributes(s, "UiProfile", {
        profileName: "vmo-made-in-ui",
        profileVersion: "2.0.0",
        variables: [{ name: "SITE", defaultValue: "dc1" }],
      });
      expect(ui.vmoPack).toBeUndefined();
      expect(ui.layers).toEqual([]);
      ui.attachTo(PaletteCluster.fromClusterUid(s, "C", "abc123"), { variables: { SITE: "dc2" } });
    });
    expect(dataSources(json, "spectrocloud_cluster_profile")).toEqual([{ name: "vmo-made-in-ui", version: "2.0.0", context: "project" }]);
    expect(resources(json, "spectrocloud_cluster_profile")).toEqual([]);
    const [dep] = resources(json, "spectrocloud_addon_deployment");
    expect(dep.cluster_profile).toEqual([
      { id: expect.stringMatching(/^\$\{data\.spectrocloud_cluster_profile\.UiProfile_Lookup_\w+\.id\}$/), variables: { SITE: "dc2" } },
    ]);
    expect(dep.lifecycle.postcondition[0].condition).toMatch(/data\.spectrocloud_cluster_profile\.UiProfile_Lookup_\w+\.id\)\}$/);
  });

  test("a profile made elsewhere has no layers to override, and its attributes are checked", () => {
    const perCluster = synthError((s) => {
      const ui = VmoAddonProfile.fromProfileAttributes(s, "Ui", { profileName: "vmo-ui" });
      ui.attachTo(PaletteCluster.fromClusterUid(s, "C", "abc123"), { packValues: { "virtual-machine-orchestrator": { a: 1 } } });
    });
    expect(perCluster).toContain('packValues: profile "vmo-ui" cannot make a per-cluster copy; give the differences as profile variables instead.');
    expect(synthError((s) => void VmoAddonProfile.fromProfileAttributes(s, "Ui", { profileName: "vmo-ui", profileVersion: "latest" }))).toContain(
      '[test/Ui] profileVersion: "latest" is not a profile version; expected MAJOR.MINOR.PATCH such as "1.0.0".',
    );
  });
});

describe("revision and attachTo edge cases", () => {
  test("a second synth after a profile change gets the new revision (the token is not frozen)", () => {
    const { Testing } = require("../lib/cdktf");
    const stack = newStack();
    const profile = new VmoAddonProfile(stack, "Vmo", { name: "vmo" });
    profile.attachTo(PaletteCluster.fromClusterUid(stack, "C1", "u1"));
    profile.attachTo(PaletteCluster.fromClusterUid(stack, "C2", "u2"));
    const revisions = () =>
      resources(JSON.parse(Testing.synth(stack)), "spectrocloud_addon_deployment").map((d: any) => d.cluster_profile[0].variables.vmo_profile_revision);
    const before = revisions();
    expect(new Set(before).size).toBe(1);
    profile.vmoPack.addValues({ extra: { x: 1 } });
    const after = revisions();
    expect(new Set(after).size).toBe(1);
    expect(after[0]).not.toBe(before[0]);
  });

  test("attachTo ids that collide are a clear error", () => {
    const stack = newStack();
    const a = new VmoAddonProfile(stack, "a", { name: "a" });
    const ab = new VmoAddonProfile(stack, "a-b", { name: "ab" });
    a.attachTo(PaletteCluster.fromClusterUid(stack, "b-c", "u1"));
    expect(() => ab.attachTo(PaletteCluster.fromClusterUid(stack, "c", "u2"))).toThrow(
      'attachTo: profile test/a-b and cluster test/c make the attachment id "a-b-c", which test already holds (another profile and cluster whose ids join the same way, or the same pair twice); use new VmoClusterAttachment(scope, "<id of your choice>", { profile, cluster }).',
    );
  });
});

describe("dashboardAddress (Direct access)", () => {
  const attachDirect = (s: Construct, dashboardAddress: string, accessMode = AccessMode.DIRECT) => {
    const profile = new VmoAddonProfile(s, "P", { name: "vmo", accessMode });
    new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterName(s, "C", "dc-1"), dashboardAddress });
  };

  test("sets the cluster's vmo_dashboard_address variable", () => {
    const json = synth((s) => attachDirect(s, "https://198.51.100.42"));
    expect(resources(json, "spectrocloud_addon_deployment")[0].cluster_profile[0].variables).toMatchObject({ vmo_dashboard_address: "https://198.51.100.42" });
  });

  test.each([
    [
      "https://198.51.100.42/v1",
      '[test/A] dashboardAddress: "https://198.51.100.42/v1" ends in /v1, which VMO 4.10.x and later do not use (configure-console-base-address.md: "Do not append /v1"). Use "https://198.51.100.42".',
    ],
    [
      "198.51.100.42",
      '[test/A] dashboardAddress: dashboardAddress "198.51.100.42" is not an http(s) URL; give the full address, such as "https://198.51.100.42".',
    ],
  ])("%s is refused", (address, message) => {
    expect(synthError((s) => attachDirect(s, address))).toContain(message);
  });

  test("a Proxied profile takes no address", () => {
    expect(synthError((s) => attachDirect(s, "https://198.51.100.42", AccessMode.PROXIED))).toContain(
      '[test/A] dashboardAddress: profile "vmo" declares no vmo_dashboard_address variable: a dashboard address applies to Direct access only (Proxied clusters are reached through Palette). Remove dashboardAddress, or use a profile with accessMode direct.',
    );
  });
});
