import { PaletteCluster, VmoAddonProfile, VmoClusterAttachment } from "../../lib";
import { AddonDeployment, ClusterProfile } from "../../lib/provider";
import { check, of } from "./helpers";

describe("VMO-005 looks at the other profiles this stack attaches to the same cluster", () => {
  const build = (sameCluster: boolean) =>
    check((s) => {
      const vmo = new VmoAddonProfile(s, "P", { name: "vmo" });
      const c1 = PaletteCluster.fromClusterName(s, "C1", "dc-1");
      const c2 = PaletteCluster.fromClusterName(s, "C2", "dc-2");
      new VmoClusterAttachment(s, "A", { profile: vmo, cluster: c1 });
      const storage = new ClusterProfile(s, "Storage", {
        name: "storage",
        type: "add-on",
        cloud: "all",
        pack: [{ name: "volume-snapshot-controller", tag: "6.3.3" }],
      });
      new AddonDeployment(s, "StorageOnCluster", { clusterUid: (sameCluster ? c1 : c2).clusterUid, clusterProfile: [{ id: storage.id }] });
    });

  test("fails when another add-on profile on the cluster carries volume-snapshot-controller", () => {
    expect(of(build(true), "VMO-005").map((f) => `${f.path} ${f.text.split(";")[0]}`)).toEqual([
      'test/A [VMO-005] cluster "dc-1" also gets profile "storage" from this stack, which carries volume-snapshot-controller',
    ]);
  });

  test("passes when that profile goes to another cluster", () => {
    expect(of(build(false), "VMO-005")).toEqual([]);
  });
});
