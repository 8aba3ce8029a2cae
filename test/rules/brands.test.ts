// Two copies of the library in one process (lib/ and dist/, or two versions in a monorepo): constructs made by
// one copy are recognised by the other's rules and checks, because kinds are brands under Symbol.for keys.
import * as path from "node:path";
import * as b from "../../lib";
import { TerraformStack, Testing } from "../../lib/cdktf";

type Lib = typeof import("../../lib");
const root = path.resolve(__dirname, "..", "..");

/** The swc-transpiled copy in .build/: other module instances of every class, sharing cdktf (a peer dependency). */
function secondCopy(): Lib {
  require(path.join(root, "scripts", "transpile")).transpile();
  return require(path.join(root, ".build", "lib"));
}

test("a copy's rules see the other copy's constructs; instanceof would not", () => {
  const a = secondCopy();
  expect(a.VmoPack).not.toBe(b.VmoPack);
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  new a.PaletteProvider(stack, "P", { projectName: "Default" });
  const profile = new a.VmoAddonProfile(stack, "Vmo", { name: "vmo", accessMode: a.AccessMode.DIRECT });
  const attachment = new a.VmoClusterAttachment(stack, "Attach", {
    profile,
    cluster: a.PaletteCluster.fromClusterName(stack, "C", "edge-1"),
    preventDestroy: false,
  });
  expect(profile.vmoPack instanceof b.VmoPack).toBe(false);
  expect([b.VmoPack.isVmoPack(profile.vmoPack), b.PackLayer.isPackLayer(profile.vmoPack), b.VmoAddonProfile.isVmoAddonProfile(profile)]).toEqual([
    true,
    true,
    true,
  ]);
  expect([b.VmoClusterAttachment.isVmoClusterAttachment(attachment), b.VmoPack.isVmoPack(profile), b.VmoAddonProfile.isVmoAddonProfile({})]).toEqual([
    true,
    false,
    false,
  ]);
  // Copy b's rules find copy a's unprotected attachment (VMO-008); applying both copies' checks runs them once.
  b.VmoChecks.applyTo(stack);
  a.VmoChecks.applyTo(stack);
  expect(() => Testing.synth(stack, true)).toThrow(/VMO-008/);
});
