import { Construct } from "constructs";
import { PaletteProvider } from "../lib";
import { App, TerraformStack, Testing } from "../lib/cdktf";

/** Synthesized Terraform JSON of a stack, as an object. */
export type TfJson = {
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  provider?: Record<string, any[]>;
  terraform?: any;
  output?: Record<string, any>;
};

/** A stack with the Palette provider configured, as every stack using the constructs needs. */
export function newStack(id = "test"): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, id);
  new PaletteProvider(stack, "Palette", { projectName: "Default" });
  return stack;
}

/** Builds constructs in a fresh stack and returns the synthesized JSON, with validations run. */
export function synth(build: (stack: Construct) => void): TfJson {
  const stack = newStack();
  build(stack);
  return JSON.parse(Testing.synth(stack, true));
}

/** The validation error message that synthesizing `build` produces (fails the test if it synthesizes). */
export function synthError(build: (stack: Construct) => void): string {
  const stack = newStack();
  build(stack);
  try {
    Testing.synth(stack, true);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected synthesis to fail validation, but it succeeded");
}

/** All blocks of one resource type, as a list. */
export function resources(json: TfJson, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

export function dataSources(json: TfJson, type: string): any[] {
  return Object.values(json.data?.[type] ?? {});
}
