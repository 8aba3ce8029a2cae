import { PackRegistry, PackRegistryType, RegistryPack, VmoAddonProfile } from "../lib";
import { TerraformStack, Token } from "../lib/cdktf";
import { dataSources, newStack, resources, synth } from "./util";

describe("PackRegistry", () => {
  test("a named registry is one spectrocloud_registry lookup; its UID is the data source's id", () => {
    const stack = newStack();
    const r = new PackRegistry(stack, "Community", { registryName: "Palette Community Registry" });
    expect(r.registryName).toBe("Palette Community Registry");
    // Known only at plan time: a token for the lookup's id, never a literal.
    expect(Token.isUnresolved(r.registryUid)).toBe(true);
    const json = synth((s) => void new PackRegistry(s, "Community", { registryName: "Palette Community Registry" }));
    expect(dataSources(json, "spectrocloud_registry")).toEqual([{ name: "Palette Community Registry" }]);
  });

  test("the default is Public Repo", () => {
    expect(new PackRegistry(newStack(), "R").registryName).toBe("Public Repo");
  });

  test("publicRepo() is looked up once per stack, however many packs and scopes ask", () => {
    const json = synth((s) => {
      const a = PackRegistry.publicRepo(s);
      const b = PackRegistry.publicRepo(s);
      expect(b).toBe(a);
      expect(a.node.scope).toBe(TerraformStack.of(s));
      new RegistryPack(s, "Nginx", { packName: "nginx", tag: "1.11.2" });
    });
    expect(dataSources(json, "spectrocloud_registry")).toEqual([{ name: "Public Repo" }]);
  });

  test("two stacks get a lookup each", () => {
    const one = newStack("one");
    const two = new TerraformStack(one.node.scope!, "two");
    expect(PackRegistry.publicRepo(one)).not.toBe(PackRegistry.publicRepo(two));
  });
});

describe('the pack type follows the registry (schemas/pack.go: OCI registries need type "oci")', () => {
  test("a pack from an OCI registry is written with type oci, and the lookup asks for an OCI registry", () => {
    const json = synth((s) => {
      const registry = new PackRegistry(s, "Oci", { registryName: "Palette Registry (OCI)", registryType: PackRegistryType.OCI });
      new VmoAddonProfile(s, "P", { name: "vmo", registry });
    });
    const packs = resources(json, "spectrocloud_cluster_profile")[0].pack;
    expect(packs.map((p: any) => [p.name, p.type])).toEqual([
      ["virtual-machine-orchestrator", "oci"],
      ["spectro-proxy", "oci"],
    ]);
    expect(dataSources(json, "spectrocloud_registry")).toEqual([{ name: "Palette Registry (OCI)", type: "oci" }]);
  });

  test("Public Repo stays spectro, with no type in the lookup", () => {
    const json = synth((s) => new VmoAddonProfile(s, "P", { name: "vmo" }));
    expect(resources(json, "spectrocloud_cluster_profile")[0].pack.map((p: any) => p.type)).toEqual(["spectro", "spectro"]);
    expect(dataSources(json, "spectrocloud_registry")).toEqual([{ name: "Public Repo" }]);
  });
});
