import { parse } from "yaml";
import { AccessMode, VmoAddonProfile, VmoPack, VmoValuesLayout, vmoAccessModeOf } from "../lib";
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
    expect(chart.directAccess).toEqual({ enabled: true });
    expect(chart["vmo-manager"]).toEqual({
      palette: { enabled: true, managedIngress: true, serviceName: "vm-dashboard" },
      service: { type: "ClusterIP" },
      tls: { enabled: true, certManager: { enabled: true, selfSigned: true } },
      caCert: { enabled: true, configMapName: "platform-ca-cert" },
      ingressRoute: { enabled: false },
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
  test("versions below 1.0 are rejected with the documented minimum", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", vmoVersion: "0.9.3" }))).toContain(
      '[test/P/Vmo] version: "0.9.3" is below 1.0.0; Palette requires VMO pack version 1.0 or higher. Use "4.10.7".',
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
