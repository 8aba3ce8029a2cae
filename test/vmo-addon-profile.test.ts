import { AccessMode, ManifestPack, PaletteContext, SubjectKind, VmRole, VmoAddonProfile, VmoChecks } from "../lib";
import { dataSources, newStack, resources, synth, synthError } from "./util";

const profileOf = (json: any) => resources(json, "spectrocloud_cluster_profile")[0];

describe("VmoAddonProfile", () => {
  test("is an add-on profile for all clouds with name, version, description, context and tags", () => {
    const json = synth(
      (s) =>
        new VmoAddonProfile(s, "P", {
          name: "vmo-prod",
          profileVersion: "1.2.0",
          description: "VMO",
          tags: ["env:prod", "vmo"],
          context: PaletteContext.TENANT,
        }),
    );
    expect(profileOf(json)).toMatchObject({
      name: "vmo-prod",
      type: "add-on",
      cloud: "all",
      version: "1.2.0",
      description: "VMO",
      context: "tenant",
      tags: ["env:prod", "vmo"],
    });
  });

  test("defaults: project context, version 1.0.0, VMO 4.10.7 from Public Repo", () => {
    const json = synth((s) => new VmoAddonProfile(s, "P", { name: "vmo" }));
    expect(profileOf(json)).toMatchObject({ context: "project", version: "1.0.0" });
    expect(dataSources(json, "spectrocloud_pack")).toContainEqual(expect.objectContaining({ name: "virtual-machine-orchestrator", version: "4.10.7" }));
    expect(dataSources(json, "spectrocloud_registry")).toEqual([{ name: "Public Repo" }]);
  });

  test("Proxied puts Spectro Proxy above VMO in the same profile", () => {
    const packs = profileOf(synth((s) => new VmoAddonProfile(s, "P", { name: "vmo" }))).pack;
    expect(packs.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator", "spectro-proxy"]);
    expect(packs[0].uid).toMatch(/^\$\{data\.spectrocloud_pack\.P_Vmo_Lookup_\w+\.id\}$/);
    expect(packs[1].uid).toMatch(/^\$\{data\.spectrocloud_pack\.P_SpectroProxy_Lookup_\w+\.id\}$/);
  });

  test("Direct leaves the proxy out unless asked", () => {
    const direct = profileOf(synth((s) => new VmoAddonProfile(s, "P", { name: "vmo", accessMode: AccessMode.DIRECT })));
    expect(direct.pack.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator"]);
    const asked = profileOf(
      synth((s) => new VmoAddonProfile(s, "P", { name: "vmo", accessMode: AccessMode.DIRECT, proxy: { enabled: true, version: "1.4.0" } })),
    );
    expect(asked.pack.map((p: any) => `${p.name}@${p.tag}`)).toEqual(["virtual-machine-orchestrator@4.10.7", "spectro-proxy@1.4.0"]);
  });

  test("one Public Repo lookup per stack however many profiles", () => {
    const json = synth((s) => {
      new VmoAddonProfile(s, "A", { name: "a" });
      new VmoAddonProfile(s, "B", { name: "b", vmoVersion: "4.9.9" });
    });
    expect(dataSources(json, "spectrocloud_registry")).toHaveLength(1);
    expect(dataSources(json, "spectrocloud_pack")).toHaveLength(4);
  });

  test("role bindings, VMO IAM and addManifest share the one manifest layer, after the VMO pack", () => {
    const ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vms\n";
    const json = synth((s) => {
      const p = new VmoAddonProfile(s, "P", {
        name: "vmo",
        roleBindings: { bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.USER, name: "a@example.com" }] }] },
      });
      p.addManifest({ name: "ns", content: ns });
    });
    const packs = profileOf(json).pack;
    expect(packs.map((p: any) => `${p.name}:${p.type}`)).toEqual(["virtual-machine-orchestrator:spectro", "spectro-proxy:spectro", "vmo-manifests:manifest"]);
    // The layer's VmoRoles need VMO's CRD, so it installs after the VMO pack (90).
    expect(packs[2].values).toBe('pack:\n  spectrocloud.com/install-priority: "100"\n');
    expect(packs[2].manifest.map((m: any) => m.name)).toEqual(["vm-role-bindings", "vmo-iam-roles", "ns"]);
    expect(packs[2].manifest[2].content).toBe(ns);
  });

  test("no manifests, no manifest layer", () => {
    let made: VmoAddonProfile | undefined;
    const json = synth((s) => (made = new VmoAddonProfile(s, "P", { name: "vmo" })));
    expect(profileOf(json).pack.map((p: any) => p.type)).toEqual(["spectro", "spectro"]);
    expect(made!.manifestLayer).toBeUndefined();
  });

  test("a manifest layer of your own beside ours is refused: the provider would blank one of them on every refresh", () => {
    const msg = synthError((s) => {
      const p = new VmoAddonProfile(s, "P", {
        name: "vmo",
        roleBindings: { bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.USER, name: "a" }] }] },
      });
      p.addPack(
        new ManifestPack(s, "Extra", { packName: "extras", manifests: [{ name: "ns", content: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vms\n" }] }),
      );
    });
    expect(msg).toContain(
      '[test/P] packs.extras: "extras" is a second manifest layer beside "vmo-manifests": the provider sends every manifest layer as pack UID spectro-manifest-pack',
    );
    expect(msg).toContain("Put its manifests in the profile's manifest layer instead: profile.addManifest({ name, content })");
  });

  test("one manifest layer of your own, and nothing of ours, is fine", () => {
    const json = synth((s) => {
      const p = new VmoAddonProfile(s, "P", { name: "vmo" });
      p.addPack(
        new ManifestPack(s, "Extra", { packName: "extras", manifests: [{ name: "ns", content: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vms\n" }] }),
      );
    });
    expect(profileOf(json).pack.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator", "spectro-proxy", "extras"]);
  });

  test("profile variables; sensitive ones never carry a default", () => {
    const json = synth(
      (s) =>
        new VmoAddonProfile(s, "P", {
          name: "vmo",
          variables: [
            { name: "PLATFORM_IP", displayName: "Platform IP", format: "ipv4", required: true },
            { name: "LOCAL_ADMIN_PASSWORD", isSensitive: true, required: true },
          ],
        }),
    );
    expect(profileOf(json).profile_variables.variable).toEqual([
      { name: "PLATFORM_IP", display_name: "Platform IP", format: "ipv4", required: true },
      { name: "LOCAL_ADMIN_PASSWORD", display_name: "LOCAL_ADMIN_PASSWORD", is_sensitive: true, required: true },
      // Declared on every VMO profile for its attachments (lib/vmo-cluster-attachment.ts).
      {
        name: "vmo_profile_revision",
        display_name: "VMO profile revision",
        description: "Set by Terraform on every attachment (profile version + content hash); not used by any pack.",
      },
    ]);
  });

  test("exposes its id for attachments and its VM namespaces", () => {
    const stack = newStack();
    const p = new VmoAddonProfile(stack, "P", { name: "vmo" });
    expect(p.profileId).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    // 4.10+: only default is known to exist (VMO_PACK.defaultVmNamespacesSince410); 4.9 creates virtual-machines too.
    expect(p.vmNamespaces).toEqual(["default"]);
    expect(new VmoAddonProfile(stack, "Q", { name: "q", vmoVersion: "4.9.9" }).vmNamespaces).toEqual(["default", "virtual-machines"]);
    expect(p.layers.map((l) => l.packName)).toEqual(["virtual-machine-orchestrator", "spectro-proxy"]);
  });
});

describe("VmoAddonProfile validation", () => {
  test.each([
    [{ name: "" }, "name: the profile name must not be empty; give the name shown in Palette."],
    [{ name: " vmo" }, 'name: " vmo" has leading or trailing spaces; remove them.'],
    [{ name: "vmo", profileVersion: "1.0" }, 'profileVersion: "1.0" is not a profile version; expected MAJOR.MINOR.PATCH such as "1.0.0".'],
    [
      { name: "vmo", context: "projct" as PaletteContext },
      'context: "projct" is not a Palette context; expected one of "project" or "tenant" (did you mean "project"?).',
    ],
    [{ name: "vmo", tags: ["env: prod"] }, 'tags[0]: "env: prod" is not a Palette tag; use "key" or "key:value" without spaces.'],
    [{ name: "vmo", variables: [{ name: "A-B" }] }, 'variables[0].name: "A-B" is not a variable name; use letters, digits and "_".'],
    [{ name: "vmo", variables: [{ name: "A" }, { name: "A" }] }, 'variables[1].name: "A" is declared twice.'],
    [
      { name: "vmo", variables: [{ name: "A", format: "ip" }] },
      'variables[0].format: "ip" is not a variable format; expected one of string, number, boolean, ipv4, ipv4cidr, ipv6, version, base64.',
    ],
    [
      { name: "vmo", variables: [{ name: "PW", isSensitive: true, defaultValue: "hunter2" }] },
      'variables[0].defaultValue: sensitive variable "PW" must not have a default: the profile would carry the secret in clear. Remove the default and give each attachment the value from a sensitive Terraform variable.',
    ],
  ])("%j", (props, message) => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", props as any))).toContain(`[test/P] ${message}`);
  });

  test("duplicate display names", () => {
    expect(
      synthError(
        (s) =>
          new VmoAddonProfile(s, "P", {
            name: "vmo",
            variables: [
              { name: "A", displayName: "X" },
              { name: "B", displayName: "X" },
            ],
          }),
      ),
    ).toContain('[test/P] variables[1].displayName: "X" is used twice; Palette needs unique display names.');
  });

  test("Proxied without the proxy is allowed; rule VMO-002 warns about it once, the construct itself does not", () => {
    const { Testing } = require("../lib/cdktf");
    const stack = newStack();
    const p = new VmoAddonProfile(stack, "P", { name: "vmo", proxy: { enabled: false } });
    const warnings = () => p.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings()).toEqual([]);
    VmoChecks.applyTo(stack);
    Testing.synth(stack, true);
    Testing.synth(stack, true);
    expect(warnings()).toEqual([expect.stringMatching(/^\[VMO-002\] profile "vmo" uses Proxied access without spectro-proxy in the profile/)]);
  });

  test("references (tokens) are not format-checked", () => {
    const { TerraformVariable, Testing } = require("../lib/cdktf");
    const stack = newStack();
    const v = new TerraformVariable(stack, "version", { type: "string" });
    new VmoAddonProfile(stack, "P", { name: "vmo", profileVersion: v.stringValue });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("duplicate pack names", () => {
    const msg = synthError((s) => {
      const p = new VmoAddonProfile(s, "P", { name: "vmo" });
      p.addPack(new ManifestPack(s, "Dup", { packName: "spectro-proxy", manifests: [{ name: "x", content: "a: 1" }] }));
    });
    expect(msg).toContain('[test/P] packs: "spectro-proxy" appears 2 times; pack names must be unique within a profile.');
  });

  test("the sensitive default does not reach the output even though validation reports it", () => {
    const stack = newStack();
    new VmoAddonProfile(stack, "P", { name: "vmo", variables: [{ name: "PW", isSensitive: true, defaultValue: "hunter2" }] });
    expect(require("../lib/cdktf").Testing.synth(stack, false)).not.toContain("hunter2");
  });
});
