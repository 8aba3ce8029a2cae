import { parse } from "yaml";
import { AccessMode, SubjectKind, VmRole, VmoAddonProfile, VmoAuthMode, VmoPack, VmoValuesLayout, vmoAccessModeOf } from "../lib";
import { Token } from "../lib/cdktf";
import { resources, synth, synthError } from "./util";

/** Values YAML of the VMO pack in the profile, parsed. */
function vmoValues(build: ConstructorParameters<typeof VmoAddonProfile>[2]): any {
  const json = synth((s) => new VmoAddonProfile(s, "P", build));
  const pack = resources(json, "spectrocloud_cluster_profile")[0].pack.find((p: any) => p.name === "virtual-machine-orchestrator");
  return parse(pack.values);
}

describe("vmoAccessModeOf reads back what VmoPack seeds (the plan summary's Proxied/Direct warning relies on it)", () => {
  test.each([
    ["4.10.7", AccessMode.PROXIED],
    ["4.10.7", AccessMode.DIRECT],
    ["4.10.0", AccessMode.DIRECT],
    ["4.9.9", AccessMode.PROXIED],
    ["4.9.9", AccessMode.DIRECT],
  ])("VMO %s %s", (vmoVersion, accessMode) => {
    expect(vmoAccessModeOf(vmoValues({ name: "vmo", vmoVersion, accessMode }))).toBe(accessMode);
  });

  test("Custom seeds no switch, so nothing is read back", () => {
    expect(vmoAccessModeOf(vmoValues({ name: "vmo", accessMode: AccessMode.CUSTOM }))).toBeUndefined();
  });
});

describe("VmoPack values, 4.10+ Deployment Mode layout", () => {
  test("Proxied seeds the documented preset", () => {
    const v = vmoValues({ name: "vmo" });
    expect(v.pack).toEqual({ namespace: "vm-dashboard", "spectrocloud.com/install-priority": "90" });
    const chart = v.charts["virtual-machine-orchestrator"];
    // 4.10.7 (the default): the deprecated directAccess route is off (configure-image-upload-and-vm-export.md).
    expect(chart.directAccess).toEqual({ enabled: false });
    expect(chart.appConfig).toBeUndefined();
    expect(chart["vmo-manager"]).toEqual({
      palette: { enabled: true, managedIngress: true, serviceName: "vm-dashboard", managedOidc: true },
      service: { type: "ClusterIP" },
      tls: { enabled: true, certManager: { enabled: true, selfSigned: true } },
      caCert: { enabled: true, configMapName: "platform-ca-cert" },
      ingressRoute: { enabled: false },
      oidc: { enabled: true },
    });
  });

  test("Direct differs only in managedIngress and the LoadBalancer service", () => {
    const v = vmoValues({ name: "vmo", accessMode: AccessMode.DIRECT });
    const mgr = v.charts["virtual-machine-orchestrator"]["vmo-manager"];
    expect(mgr.palette.managedIngress).toBe(false);
    expect(mgr.service.type).toBe("LoadBalancer");
    expect(mgr.tls.enabled).toBe(true);
    expect(v.pack["spectrocloud.com/install-priority"]).toBe("90");
  });

  test("Custom seeds nothing but the pack namespace", () => {
    expect(vmoValues({ name: "vmo", accessMode: AccessMode.CUSTOM })).toEqual({ pack: { namespace: "vm-dashboard" } });
  });
});

describe("VmoPack values, pre-4.10 layout", () => {
  test("Proxied on 4.9.9 writes private dashboard access and ClusterIP", () => {
    const v = vmoValues({ name: "vmo", vmoVersion: "4.9.9" });
    expect(v).toEqual({
      pack: { namespace: "vm-dashboard", palette: { config: { dashboard: { access: "private" } } }, "spectrocloud.com/install-priority": "10" },
      charts: { "virtual-machine-orchestrator": { service: { type: "ClusterIP" } } },
    });
  });

  test("Direct on 4.6.3 writes a LoadBalancer and no private access", () => {
    const v = vmoValues({ name: "vmo", vmoVersion: "4.6.3", accessMode: AccessMode.DIRECT });
    expect(v.pack.palette).toBeUndefined();
    expect(v.charts["virtual-machine-orchestrator"].service.type).toBe("LoadBalancer");
  });
});

describe("VmoPack overrides", () => {
  test("user values deep-merge over the seeds (YAML string)", () => {
    const v = vmoValues({
      name: "vmo",
      values:
        "charts:\n  virtual-machine-orchestrator:\n    vmo-manager:\n      service:\n        type: NodePort\n      deployment:\n        replicaCount: 3\n",
    });
    const mgr = v.charts["virtual-machine-orchestrator"]["vmo-manager"];
    expect(mgr.service.type).toBe("NodePort");
    expect(mgr.deployment.replicaCount).toBe(3);
    expect(mgr.palette.enabled).toBe(true);
  });

  test("an object override and a null that removes a seeded key", () => {
    const v = vmoValues({ name: "vmo", values: { charts: { "virtual-machine-orchestrator": { directAccess: null } } } });
    expect(v.charts["virtual-machine-orchestrator"].directAccess).toBeUndefined();
  });

  test("layout and derived facts follow the version and the overrides", () => {
    const stack = require("./util").newStack();
    const p = new VmoPack(stack, "a", { version: "4.9.12", accessMode: AccessMode.DIRECT });
    expect(p.layout).toBe(VmoValuesLayout.LEGACY);
    expect(p.dashboardServiceType).toBe("LoadBalancer");
    const q = new VmoPack(stack, "b", { values: { charts: { "virtual-machine-orchestrator": { vmEnabledNamespaces: ["vms", "lab"] } } } });
    expect(q.layout).toBe(VmoValuesLayout.DEPLOYMENT_MODE);
    expect(q.vmNamespaces).toEqual(["vms", "lab"]);
    expect(q.dashboardServiceType).toBe("ClusterIP");
  });
});

describe("VmoPack validation", () => {
  test("versions below 1.0 are rejected, the message saying that 1.0 is the chart's line, not the pack's", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", vmoVersion: "0.9.3" }))).toContain(
      '[test/P/Vmo] version: "0.9.3" is below 1.0.0, the lowest VMO pack version this library accepts (the VMO docs\' "version 1.0 or higher" is the line of the Helm chart inside the pack; published VMO packs are 4.x). Use "4.10.7".',
    );
  });

  test("malformed versions are rejected", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", vmoVersion: "4.10" }))).toContain(
      'version: "4.10" is not a pack version; expected MAJOR.MINOR.PATCH such as "4.10.7".',
    );
  });

  test("an unknown access mode suggests the closest one", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", accessMode: "proxyed" as AccessMode }))).toContain(
      'accessMode: "proxyed" is not a VMO access mode; expected one of "proxied", "direct" or "custom" (did you mean "proxied"?).',
    );
  });

  test("invalid YAML in values fails synth naming the field", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", values: "charts: [" }))).toMatch(
      /\[test\/P\/Vmo\] values: invalid YAML at line \d+, column \d+/,
    );
  });

  test("a non-object override fails synth", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", values: "- a\n" }))).toContain(
      "values: expected a YAML mapping at the top level, got a list",
    );
  });
});

describe("directAccess.enabled per version", () => {
  test.each([
    ["4.10.0", true],
    ["4.10.6", true],
    ["4.10.7", false],
    ["4.11.0", false],
  ])("VMO %s seeds %s", (vmoVersion, enabled) => {
    expect(vmoValues({ name: "vmo", vmoVersion }).charts["virtual-machine-orchestrator"].directAccess).toEqual({ enabled });
  });
});

describe("Direct access: the dashboard address as a per-cluster profile variable", () => {
  const ADDRESS = "{{ .spectro.var.vmo_dashboard_address }}";

  test("4.10+ with OIDC writes both keys the docs name, from the one variable", () => {
    const chart = vmoValues({ name: "vmo", accessMode: AccessMode.DIRECT }).charts["virtual-machine-orchestrator"];
    expect(chart.appConfig).toEqual({ clusterInfo: { consoleBaseAddress: ADDRESS } });
    expect(chart["vmo-manager"].platform).toEqual({ baseUrl: ADDRESS });
  });

  test("local auth keeps its preset's empty platform.baseUrl and gets consoleBaseAddress only", () => {
    const chart = vmoValues({
      name: "vmo",
      accessMode: AccessMode.DIRECT,
      authentication: { mode: VmoAuthMode.LOCAL, localAdminPassword: Token.asString({ Ref: "pw" }) },
    }).charts["virtual-machine-orchestrator"];
    expect(chart.appConfig.clusterInfo.consoleBaseAddress).toBe(ADDRESS);
    expect(chart["vmo-manager"].platform).toEqual({ baseUrl: "" });
  });

  test("4.9 writes consoleBaseAddress, its only address key", () => {
    const chart = vmoValues({ name: "vmo", vmoVersion: "4.9.9", accessMode: AccessMode.DIRECT }).charts["virtual-machine-orchestrator"];
    expect(chart.appConfig).toEqual({ clusterInfo: { consoleBaseAddress: ADDRESS } });
  });

  test("the profile declares the variable, not required and not sensitive; Proxied declares none", () => {
    const json = synth((s) => new VmoAddonProfile(s, "P", { name: "vmo", accessMode: AccessMode.DIRECT }));
    const vars = resources(json, "spectrocloud_cluster_profile")[0].profile_variables.variable;
    expect(vars.map((v: any) => v.name)).toEqual(["vmo_dashboard_address", "vmo_profile_revision"]);
    expect(vars[0].is_sensitive).toBeUndefined();
    expect(vars[0].required).toBeUndefined();
    const proxied = synth((s) => new VmoAddonProfile(s, "P", { name: "vmo" }));
    expect(resources(proxied, "spectrocloud_cluster_profile")[0].profile_variables.variable.map((v: any) => v.name)).toEqual(["vmo_profile_revision"]);
  });
});

describe("OIDC prefixes mirrored from the role bindings", () => {
  test("groupPrefix and usernamePrefix land in vmo-manager.oidc.k8sGroupPrefix / k8sUsernamePrefix", () => {
    const v = vmoValues({
      name: "vmo",
      roleBindings: {
        groupPrefix: "oidc:",
        usernamePrefix: "u:",
        bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }],
      },
    });
    expect(v.charts["virtual-machine-orchestrator"]["vmo-manager"].oidc).toEqual({ enabled: true, k8sGroupPrefix: "oidc:", k8sUsernamePrefix: "u:" });
  });

  test("no prefix, no key (the pack default is empty)", () => {
    const v = vmoValues({ name: "vmo", roleBindings: { bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "g" }] }] } });
    expect(v.charts["virtual-machine-orchestrator"]["vmo-manager"].oidc).toEqual({ enabled: true });
  });

  test("4.9 has no prefix keys to mirror", () => {
    const v = vmoValues({
      name: "vmo",
      vmoVersion: "4.9.9",
      roleBindings: { groupPrefix: "oidc:", bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "g" }] }] },
    });
    expect(JSON.stringify(v)).not.toContain("k8sGroupPrefix");
  });
});
