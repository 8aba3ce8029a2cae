import { Construct } from "constructs";
import {
  AccessMode,
  IPaletteCluster,
  KubernetesRole,
  ManifestPack,
  PaletteCluster,
  PaletteContext,
  PaletteProvider,
  RegistryPack,
  SpectroProxyPack,
  SubjectKind,
  VmRole,
  VmoAddonProfile,
  VmoAddonProfileProps,
  VmoClusterAttachment,
  VmoClusterAttachmentProps,
} from "../../lib";
import { TerraformVariable } from "../../lib/cdktf";
import { ClusterProfile } from "../../lib/provider";
import { check, of } from "./helpers";

const profile = (s: Construct, props: Partial<VmoAddonProfileProps> = {}) => new VmoAddonProfile(s, "P", { name: "vmo", ...props });
const attach = (s: Construct, p: VmoAddonProfile, props: Partial<VmoClusterAttachmentProps> = {}) =>
  new VmoClusterAttachment(s, "A", { profile: p, cluster: PaletteCluster.fromClusterName(s, "C", "edge-1"), ...props });
const group = (name: string) => ({ kind: SubjectKind.GROUP, name });

describe("VMO-001 vmo-own-add-on-profile", () => {
  test("fails for a full cluster profile carrying the VMO pack", () => {
    const r = check(
      (s) => new ClusterProfile(s, "Full", { name: "full", type: "cluster", cloud: "maas", pack: [{ name: "virtual-machine-orchestrator", tag: "4.10.7" }] }),
    );
    expect(of(r, "VMO-001")).toEqual([
      {
        id: "VMO-001",
        level: "error",
        path: "test/Full",
        text: expect.stringMatching(
          /^\[VMO-001\] cluster profile type is "cluster" but it carries the virtual-machine-orchestrator pack; .* Fix: Put the VMO pack in an add-on profile/,
        ),
      },
    ]);
    expect(r.error).toContain('[test/Full] [VMO-001] cluster profile type is "cluster"');
  });

  test("fails when a VmoAddonProfile's type is overridden through the escape hatch", () => {
    const r = check((s) => profile(s).resource.addOverride("type", "infra"));
    expect(of(r, "VMO-001").map((f) => `${f.level} ${f.path}`)).toEqual(["error test/P/Resource"]);
  });

  test("passes for VmoAddonProfile and for non-add-on profiles without VMO", () => {
    const r = check((s) => {
      profile(s);
      new ClusterProfile(s, "Infra", { name: "infra", type: "cluster", cloud: "maas", pack: [{ name: "kubernetes", tag: "1.32.2" }] });
    });
    expect(of(r, "VMO-001")).toEqual([]);
    expect(r.error).toBeUndefined();
  });
});

describe("VMO-002 proxied-needs-spectro-proxy", () => {
  test("warns once for Proxied access with the proxy switched off", () => {
    const r = check((s) => profile(s, { proxy: { enabled: false } }));
    expect(of(r, "VMO-002")).toEqual([
      {
        id: "VMO-002",
        level: "warning",
        path: "test/P",
        text: expect.stringMatching(
          /^\[VMO-002\] profile "vmo" uses Proxied access without spectro-proxy in the profile; .* Fix: Leave proxy.enabled at its default/,
        ),
      },
    ]);
    expect(r.error).toBeUndefined();
  });

  test("passes with the default proxy, a proxy added by hand, or Direct access", () => {
    const r = check((s) => {
      new VmoAddonProfile(s, "Default", { name: "a" });
      const byHand = new VmoAddonProfile(s, "ByHand", { name: "b", proxy: { enabled: false } });
      byHand.addPack(new SpectroProxyPack(s, "Proxy"));
      new VmoAddonProfile(s, "Direct", { name: "c", accessMode: AccessMode.DIRECT });
    });
    expect(of(r, "VMO-002")).toEqual([]);
  });
});

describe("VMO-003 proxy-vm-dashboard-integration", () => {
  test("fails for Proxied 4.10+ with the integration off, by prop or by values override", () => {
    const r = check((s) => {
      new VmoAddonProfile(s, "Prop", { name: "a", proxy: { vmDashboardIntegration: false } });
      new VmoAddonProfile(s, "Values", { name: "b", proxy: { values: { manifests: { "spectro-proxy": { vmDashboardIntegration: { enabled: false } } } } } });
    });
    expect(of(r, "VMO-003").map((f) => `${f.level} ${f.path}`)).toEqual(["error test/Prop", "error test/Values"]);
    expect(of(r, "VMO-003")[0].text).toMatch(
      /^\[VMO-003\] profile "a" uses Proxied access on VMO 4\.10\.7 but spectro-proxy 1\.5\.6 has vmDashboardIntegration off; .* Fix: Remove proxy\.vmDashboardIntegration: false/,
    );
  });

  test("passes with the integration on, before 4.10, and in Direct mode with a proxy", () => {
    const r = check((s) => {
      new VmoAddonProfile(s, "Default", { name: "a" });
      new VmoAddonProfile(s, "Legacy", { name: "b", vmoVersion: "4.9.9", proxy: { vmDashboardIntegration: false } });
      new VmoAddonProfile(s, "Direct", { name: "c", accessMode: AccessMode.DIRECT, proxy: { enabled: true, vmDashboardIntegration: false } });
    });
    expect(of(r, "VMO-003")).toEqual([]);
  });
});

describe("VMO-004 vmo-upgrade-path", () => {
  test("warns below 4.9.9", () => {
    const r = check((s) => profile(s, { vmoVersion: "4.6.3" }));
    expect(of(r, "VMO-004")).toEqual([
      {
        id: "VMO-004",
        level: "warning",
        path: "test/P/Vmo",
        text: expect.stringMatching(
          /^\[VMO-004\] VMO 4\.6\.3 is older than 4\.9\.9; there is no direct upgrade from it to 4\.10\.x.* Fix: Pin 4\.10\.7 for new clusters/,
        ),
      },
    ]);
    expect(r.error).toBeUndefined();
  });

  test("passes from 4.9.9 and leaves malformed versions to validation", () => {
    const r = check((s) => {
      new VmoAddonProfile(s, "A", { name: "a", vmoVersion: "4.9.9" });
      new VmoAddonProfile(s, "B", { name: "b" });
    });
    expect(of(r, "VMO-004")).toEqual([]);
    expect(
      of(
        check((s) => profile(s, { vmoVersion: "0.9.0" })),
        "VMO-004",
      ),
    ).toEqual([]);
  });
});

describe("VMO-005 no-volume-snapshot-controller", () => {
  test("fails with volume-snapshot-controller in the VMO profile", () => {
    const r = check((s) => profile(s).addPack(new RegistryPack(s, "Snap", { packName: "volume-snapshot-controller", tag: "8.1.0" })));
    expect(of(r, "VMO-005")).toEqual([
      {
        id: "VMO-005",
        level: "error",
        path: "test/P/Resource",
        text: expect.stringMatching(
          /^\[VMO-005\] the profile carries volume-snapshot-controller beside virtual-machine-orchestrator.* Fix: Remove the volume-snapshot-controller layer/,
        ),
      },
    ]);
  });

  test("passes without it, or with it in a profile without VMO", () => {
    const r = check((s) => {
      profile(s);
      new ClusterProfile(s, "Csi", { name: "csi", pack: [{ name: "volume-snapshot-controller", tag: "8.1.0" }] });
    });
    expect(of(r, "VMO-005")).toEqual([]);
  });
});

describe("VMO-006 direct-dashboard-service", () => {
  const clusterIp410 = { charts: { "virtual-machine-orchestrator": { "vmo-manager": { service: { type: "ClusterIP" } } } } };

  test("fails for Direct with a ClusterIP dashboard, in both values layouts", () => {
    const r = check((s) => {
      new VmoAddonProfile(s, "New", { name: "a", accessMode: AccessMode.DIRECT, values: clusterIp410 });
      new VmoAddonProfile(s, "Old", {
        name: "b",
        accessMode: AccessMode.DIRECT,
        vmoVersion: "4.9.9",
        values: "charts:\n  virtual-machine-orchestrator:\n    service:\n      type: ClusterIP\n",
      });
    });
    expect(of(r, "VMO-006").map((f) => `${f.level} ${f.path}`)).toEqual(["error test/New/Vmo", "error test/Old/Vmo"]);
    expect(of(r, "VMO-006")[0].text).toMatch(
      /^\[VMO-006\] Direct access with charts\.virtual-machine-orchestrator\.vmo-manager\.service\.type: ClusterIP; .* Fix: Set the service type to LoadBalancer/,
    );
    expect(of(r, "VMO-006")[1].text).toContain("Direct access with charts.virtual-machine-orchestrator.service.type: ClusterIP;");
  });

  test("passes for LoadBalancer (seeded), NodePort, an enabled ingress, and Proxied ClusterIP", () => {
    const r = check((s) => {
      new VmoAddonProfile(s, "Lb", { name: "a", accessMode: AccessMode.DIRECT });
      new VmoAddonProfile(s, "Np", {
        name: "b",
        accessMode: AccessMode.DIRECT,
        values: { charts: { "virtual-machine-orchestrator": { "vmo-manager": { service: { type: "NodePort" } } } } },
      });
      new VmoAddonProfile(s, "Ing", {
        name: "c",
        accessMode: AccessMode.DIRECT,
        values: { charts: { "virtual-machine-orchestrator": { "vmo-manager": { service: { type: "ClusterIP" }, ingress: { enabled: true } } } } },
      });
      new VmoAddonProfile(s, "Px", { name: "d", values: clusterIp410 });
    });
    expect(of(r, "VMO-006")).toEqual([]);
  });
});

describe("VMO-007 proxy-on-running-cluster", () => {
  test("warns for a Proxied profile attached to an existing cluster, with the doc's fix", () => {
    const r = check((s) => attach(s, profile(s)));
    expect(of(r, "VMO-007")).toEqual([
      {
        id: "VMO-007",
        level: "warning",
        path: "test/A",
        text: expect.stringMatching(/^\[VMO-007\] attaches profile "vmo" with spectro-proxy to the existing cluster "edge-1"; .*repaves the control plane/),
      },
    ]);
    expect(of(r, "VMO-007")[0].text).toContain('certSANs: ["cluster-{{ .spectro.system.cluster.uid }}.{{ .spectro.system.reverseproxy.server }}"]');
    expect(r.error).toBeUndefined();
  });

  test("passes without a proxy in the profile, and for clusters that are not references to existing ones", () => {
    const r = check((s) => {
      const direct = new VmoAddonProfile(s, "Direct", { name: "direct", accessMode: AccessMode.DIRECT });
      new VmoClusterAttachment(s, "D", { profile: direct, cluster: PaletteCluster.fromClusterUid(s, "C", "abc") });
      const created: IPaletteCluster = Object.assign(new Construct(s, "NewCluster"), {
        clusterUid: "${spectrocloud_cluster_maas.new.id}",
        displayName: "new",
        context: PaletteContext.PROJECT,
      });
      new VmoClusterAttachment(s, "N", { profile: profile(s), cluster: created });
    });
    expect(of(r, "VMO-007")).toEqual([]);
  });
});

describe("VMO-008 attachment-prevent-destroy", () => {
  test("fails for preventDestroy: false and for an override that drops it", () => {
    const r = check((s) => {
      const p = profile(s, { accessMode: AccessMode.DIRECT });
      new VmoClusterAttachment(s, "Off", { profile: p, cluster: PaletteCluster.fromClusterUid(s, "C1", "c1"), preventDestroy: false });
      new VmoClusterAttachment(s, "Hatch", { profile: p, cluster: PaletteCluster.fromClusterUid(s, "C2", "c2") }).resource.addOverride(
        "lifecycle.prevent_destroy",
        false,
      );
    });
    expect(of(r, "VMO-008").map((f) => `${f.level} ${f.path}`)).toEqual(["error test/Off", "error test/Hatch"]);
    expect(of(r, "VMO-008")[0].text).toMatch(
      /^\[VMO-008\] attachment of profile "vmo" to cluster "c1" has no prevent_destroy; destroying it detaches VMO and deletes every VM on the cluster\. Fix: Leave preventDestroy at its default/,
    );
    expect(r.error).toContain('[test/Off] [VMO-008] attachment of profile "vmo" to cluster "c1" has no prevent_destroy');
  });

  test("passes by default", () => {
    const r = check((s) => attach(s, profile(s, { accessMode: AccessMode.DIRECT })));
    expect(of(r, "VMO-008")).toEqual([]);
    expect(r.error).toBeUndefined();
  });
});

describe("VMO-009 no-cluster-admin-binding", () => {
  test("fails for cluster-admin in the profile's bindings and in an attachment's", () => {
    const r = check((s) => {
      const p = profile(s, { accessMode: AccessMode.DIRECT, roleBindings: { bindings: [{ role: KubernetesRole.CLUSTER_ADMIN, subjects: [group("ops")] }] } });
      attach(s, p, {
        roleBindings: [{ role: KubernetesRole.CLUSTER_ADMIN, subjects: [{ kind: SubjectKind.USER, name: "a@example.com" }], namespaces: ["default"] }],
      });
    });
    expect(of(r, "VMO-009").map((f) => `${f.level} ${f.path} ${f.text.split(" Fix:")[0]}`)).toEqual([
      'error test/P/RoleBindings [VMO-009] bindings[0] binds cluster-admin to Group "ops" cluster wide.',
      'error test/A [VMO-009] roleBindings[0] binds cluster-admin to User "a@example.com" in namespace "default".',
    ]);
  });

  test("passes for VM roles and the Kubernetes admin role", () => {
    const r = check((s) =>
      attach(s, profile(s, { roleBindings: { bindings: [{ role: VmRole.ADMIN, subjects: [group("vmo-admins")] }] } }), {
        roleBindings: [{ role: KubernetesRole.ADMIN, subjects: [group("vmo-admins")], allVmNamespaces: true }],
      }),
    );
    expect(of(r, "VMO-009")).toEqual([]);
  });
});

describe("VMO-010 no-duplicate-subject-binding", () => {
  test("warns for a repeat and for two VM roles in the same scope", () => {
    const r = check((s) =>
      profile(s, {
        roleBindings: {
          bindings: [
            { role: VmRole.ADMIN, subjects: [group("a")] },
            { role: VmRole.ADMIN, subjects: [group("a")] },
            { role: VmRole.VIEWER, subjects: [group("b")], allVmNamespaces: true },
            { role: VmRole.USER, subjects: [group("b")], namespaces: ["default"] },
          ],
        },
      }),
    );
    expect(of(r, "VMO-010").map((f) => `${f.level} ${f.path} ${f.text.split(" Fix:")[0]}`)).toEqual([
      'warning test/P/RoleBindings [VMO-010] Group "a" is bound to spectro-vm-admin more than once cluster wide (bindings[0], bindings[1]).',
      'warning test/P/RoleBindings [VMO-010] Group "b" is bound to spectro-vm-viewer and spectro-vm-user in namespace "default" (bindings[2], bindings[3]); the broadest role applies.',
    ]);
    expect(r.error).toBeUndefined();
  });

  test("warns on the attachment when a per-cluster binding repeats a profile binding", () => {
    const r = check((s) =>
      attach(s, profile(s, { roleBindings: { bindings: [{ role: VmRole.ADMIN, subjects: [group("a")] }] } }), {
        roleBindings: [{ role: VmRole.ADMIN, subjects: [group("a")] }],
      }),
    );
    expect(of(r, "VMO-010").map((f) => `${f.path} ${f.text.split(" Fix:")[0]}`)).toEqual([
      'test/A [VMO-010] Group "a" is bound to spectro-vm-admin more than once cluster wide (profile bindings[0], roleBindings[0]).',
    ]);
  });

  test("passes for a VM role plus a Kubernetes role, and for different scopes", () => {
    const r = check((s) =>
      attach(
        s,
        profile(s, {
          roleBindings: {
            bindings: [
              { role: VmRole.ADMIN, subjects: [group("a")] },
              { role: KubernetesRole.ADMIN, subjects: [group("a")] },
              { role: VmRole.VIEWER, subjects: [group("b")] },
              { role: VmRole.ADMIN, subjects: [group("b")], namespaces: ["virtual-machines"] },
            ],
          },
        }),
        { roleBindings: [{ role: VmRole.ADMIN, subjects: [group("c")] }] },
      ),
    );
    expect(of(r, "VMO-010")).toEqual([]);
  });
});

describe("VMO-011 no-inline-secrets", () => {
  const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";

  test("fails for a literal password in pack values, naming the path but not the value", () => {
    const r = check((s) =>
      profile(s, {
        values: { charts: { "virtual-machine-orchestrator": { "vmo-manager": { features: { localAuth: { enabled: true, adminPassword: "hunter2" } } } } } },
      }),
    );
    expect(of(r, "VMO-011")).toEqual([
      {
        id: "VMO-011",
        level: "error",
        path: "test/P/Vmo",
        text: expect.stringMatching(
          /^\[VMO-011\] pack "virtual-machine-orchestrator" values\.charts\.virtual-machine-orchestrator\.vmo-manager\.features\.localAuth\.adminPassword is a literal value under a secret-like key; .* Fix: Reference a profile variable/,
        ),
      },
    ]);
    expect(r.error).not.toContain("hunter2");
  });

  test("fails for a PEM private key or Secret data in a manifest, a token in per-cluster values, and literal secret variables", () => {
    const r = check((s) => {
      const p = profile(s, { accessMode: AccessMode.DIRECT, variables: [{ name: "ADMIN_TOKEN", defaultValue: "abc" }, { name: "PLAIN_PASSWORD" }] });
      p.addPack(
        new ManifestPack(s, "M", {
          packName: "extras",
          manifests: [
            { name: "key", content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: k\ndata:\n  tls.key: |\n${pem.replace(/^/gm, "    ")}` },
            { name: "secret", content: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  config.json: '{\"a\":1}'\n" },
          ],
        }),
      );
      attach(s, p, {
        packValues: { "virtual-machine-orchestrator": { registry: { auth: `ghp_${"a".repeat(36)}` } } },
        variables: { PLAIN_PASSWORD: "hunter2" },
      });
    });
    expect(of(r, "VMO-011").map((f) => `${f.path} ${f.text.split(";")[0]}`)).toEqual([
      'test/P [VMO-011] variables: "ADMIN_TOKEN" has a literal defaultValue and looks like a secret but is not isSensitive',
      'test/M [VMO-011] pack "extras" manifest "key".data.tls.key holds a PEM private key',
      'test/M [VMO-011] pack "extras" manifest "secret".stringData.config.json is a literal value in a Kubernetes Secret',
      "test/A [VMO-011] packValues.virtual-machine-orchestrator.registry.auth holds a GitHub token",
      "test/A [VMO-011] variables.PLAIN_PASSWORD is a literal value for a secret-like variable that is not declared isSensitive",
    ]);
    expect(r.findings.every((f) => f.level === "error" || f.id !== "VMO-011")).toBe(true);
  });

  test("passes for profile-variable macros, Terraform tokens and Secret references", () => {
    const r = check((s) => {
      const password = new TerraformVariable(s, "pw", { type: "string", sensitive: true });
      const p = profile(s, {
        accessMode: AccessMode.DIRECT,
        variables: [{ name: "LOCAL_ADMIN_PASSWORD", isSensitive: true }],
        values: {
          charts: {
            "virtual-machine-orchestrator": {
              "vmo-manager": {
                features: { localAuth: { adminPassword: "{{ .spectro.var.LOCAL_ADMIN_PASSWORD }}" } },
                existingSecret: "vmo-secrets",
                oidc: { clientSecret: "" },
              },
            },
          },
        },
      });
      attach(s, p, {
        variables: { LOCAL_ADMIN_PASSWORD: password.stringValue },
        packValues: { "virtual-machine-orchestrator": { token: password.stringValue } },
      });
    });
    expect(of(r, "VMO-011")).toEqual([]);
    expect(r.error).toBeUndefined();
  });
});

describe("VMO-012 no-insecure-tls", () => {
  test("fails when the provider skips TLS verification, through the escape hatch or an override", () => {
    const r = check((s) => {
      (s.node.findChild("Palette") as PaletteProvider).provider.ignoreInsecureTlsError = true;
      new PaletteProvider(s, "Other", { projectName: "Other", alias: "other" }).provider.addOverride("ignore_insecure_tls_error", true);
    });
    expect(of(r, "VMO-012").map((f) => `${f.level} ${f.path}`)).toEqual(["error test/Palette/Provider", "error test/Other/Provider"]);
    expect(of(r, "VMO-012")[0].text).toMatch(
      /^\[VMO-012\] the spectrocloud provider sets ignore_insecure_tls_error = true; .* Fix: Remove ignore_insecure_tls_error/,
    );
  });

  test("passes by default and when explicitly false", () => {
    const r = check((s) => {
      new PaletteProvider(s, "Other", { projectName: "Other", alias: "other" }).provider.ignoreInsecureTlsError = false;
    });
    expect(of(r, "VMO-012")).toEqual([]);
    expect(r.error).toBeUndefined();
  });
});
