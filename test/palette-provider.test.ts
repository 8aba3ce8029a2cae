import { PaletteProvider } from "../lib";
import { App, TerraformStack, Testing } from "../lib/cdktf";

function synthProvider(props: ConstructorParameters<typeof PaletteProvider>[2]) {
  const stack = new TerraformStack(Testing.app(), "s");
  new PaletteProvider(stack, "P", props);
  return stack;
}

describe("PaletteProvider", () => {
  test("writes project and host, never an API key, and pins the provider version", () => {
    process.env.SPECTROCLOUD_APIKEY = "sk-test-should-never-appear-0123456789";
    try {
      const json = JSON.parse(Testing.synth(synthProvider({ projectName: "Edge", host: "palette.example.com" })));
      expect(json.provider.spectrocloud).toEqual([{ project_name: "Edge", host: "palette.example.com" }]);
      expect(json.terraform.required_providers.spectrocloud).toEqual({ source: "spectrocloud/spectrocloud", version: "0.29.9" });
      expect(JSON.stringify(json)).not.toMatch(/api_key|sk-test-should-never-appear/);
    } finally {
      delete process.env.SPECTROCLOUD_APIKEY;
    }
  });

  test("an empty project name is an error naming the field", () => {
    expect(() => Testing.synth(synthProvider({ projectName: "" }), true)).toThrow(
      '[s/P] projectName: the Palette project name must not be empty; "Default" is Palette\'s default project.',
    );
  });

  test("an alias lets one stack talk to two projects", () => {
    const app: App = Testing.app();
    const stack = new TerraformStack(app, "s");
    new PaletteProvider(stack, "A", { projectName: "A" });
    new PaletteProvider(stack, "B", { projectName: "B", alias: "b" });
    expect(JSON.parse(Testing.synth(stack)).provider.spectrocloud).toEqual([{ project_name: "A" }, { alias: "b", project_name: "B" }]);
  });
});
