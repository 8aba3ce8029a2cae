import { parse } from "yaml";
import { PackRegistry, SpectroProxyPack } from "../lib";
import { ClusterProfile } from "../lib/provider";
import { dataSources, newStack, resources, synth, synthError } from "./util";

function proxyInProfile(props: ConstructorParameters<typeof SpectroProxyPack>[2]) {
  return synth((s) => {
    const proxy = new SpectroProxyPack(s, "Proxy", props);
    new ClusterProfile(s, "Other", { name: "other", pack: [proxy.toProfilePack()] });
  });
}

describe("SpectroProxyPack", () => {
  test("seeds the documented macro defaults and the VM dashboard integration", () => {
    const json = proxyInProfile({});
    const pack = resources(json, "spectrocloud_cluster_profile")[0].pack[0];
    expect(pack).toMatchObject({ name: "spectro-proxy", tag: "1.5.6", type: "spectro" });
    expect(parse(pack.values)).toEqual({
      manifests: {
        "spectro-proxy": {
          namespace: "cluster-{{ .spectro.system.cluster.uid }}",
          server: "{{ .spectro.system.reverseproxy.server }}",
          clusterUid: "{{ .spectro.system.cluster.uid }}",
          subdomain: "cluster-{{ .spectro.system.cluster.uid }}",
          vmDashboardIntegration: { enabled: true },
        },
      },
    });
  });

  test("is resolved through the registry and pack data sources, usable in any profile", () => {
    const json = proxyInProfile({ version: "1.3.2" });
    expect(dataSources(json, "spectrocloud_pack")).toEqual([
      { name: "spectro-proxy", version: "1.3.2", registry_uid: expect.stringMatching(/^\$\{data\.spectrocloud_registry\.\S+\.id\}$/) },
    ]);
    expect(dataSources(json, "spectrocloud_registry")).toEqual([{ name: "Public Repo" }]);
    const pack = resources(json, "spectrocloud_cluster_profile")[0].pack[0];
    expect(pack.uid).toMatch(/^\$\{data\.spectrocloud_pack\.Proxy_Lookup_\w+\.id\}$/);
  });

  test("without the integration, for clusters that need only the proxy", () => {
    const pack = resources(proxyInProfile({ vmDashboardIntegration: false, version: "1.2.0" }), "spectrocloud_cluster_profile")[0].pack[0];
    expect(parse(pack.values).manifests["spectro-proxy"].vmDashboardIntegration).toBeUndefined();
  });

  test("a version without vmDashboardIntegration is rejected while the integration is on", () => {
    const msg = synthError((s) => new SpectroProxyPack(s, "Proxy", { version: "1.2.0" }));
    expect(msg).toContain('[test/Proxy] version: "1.2.0" has no vmDashboardIntegration (added in 1.3.0); use "1.5.6" or set vmDashboardIntegration to false.');
  });

  test("a custom registry replaces the Public Repo lookup", () => {
    const stack = newStack();
    const registry = new PackRegistry(stack, "Mirror", { registryName: "airgap-mirror" });
    new SpectroProxyPack(stack, "Proxy", { registry });
    expect(registry.registryName).toBe("airgap-mirror");
    expect(stack.node.tryFindChild("PublicRepoRegistry")).toBeUndefined();
  });

  test("a malformed tag is rejected", () => {
    expect(synthError((s) => new SpectroProxyPack(s, "Proxy", { version: "latest" }))).toContain(
      'version: "latest" is not a pack version; expected MAJOR.MINOR.PATCH such as "1.2.3" (registry lookups need an exact version).',
    );
  });
});
