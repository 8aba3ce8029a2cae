import { PaletteCluster, PaletteContext } from "../lib";
import { dataSources, newStack, synth, synthError } from "./util";

describe("PaletteCluster", () => {
  test("by name looks the cluster up; virtual clusters are flagged", () => {
    const json = synth((s) => {
      PaletteCluster.fromClusterName(s, "A", "edge-1");
      PaletteCluster.fromClusterName(s, "B", "vc-1", { virtual: true, context: PaletteContext.TENANT });
    });
    expect(dataSources(json, "spectrocloud_cluster")).toEqual([
      { name: "edge-1", context: "project" },
      { name: "vc-1", context: "tenant", virtual: true },
    ]);
  });

  test("by UID needs no lookup", () => {
    const stack = newStack();
    const c = PaletteCluster.fromClusterUid(stack, "A", "5f8a2c", { context: PaletteContext.TENANT });
    expect([c.clusterUid, c.displayName, c.context]).toEqual(["5f8a2c", "5f8a2c", "tenant"]);
  });

  test.each([
    [(s: any) => PaletteCluster.fromClusterName(s, "A", " "), "[test/A] name: the cluster name must not be empty."],
    [
      (s: any) => PaletteCluster.fromClusterUid(s, "A", "not a uid"),
      '[test/A] uid: "not a uid" is not a Palette cluster UID (letters, digits and "-"); copy it from the cluster\'s overview page.',
    ],
    [
      (s: any) => PaletteCluster.fromClusterName(s, "A", "x", { context: "org" as PaletteContext }),
      '[test/A] context: "org" is not a Palette context; expected one of "project" or "tenant".',
    ],
  ])("validation %#", (build, message) => {
    expect(synthError(build)).toContain(message);
  });
});
