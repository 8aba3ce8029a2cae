// The one place this library imports cdktf from. HashiCorp archived cdktf (0.21.0 is final); the community
// fork `cdktn` keeps the same API, so moving to it is a change to this file (and the generated bindings).
export {
  Annotations,
  App,
  Aspects,
  dependable,
  Fn,
  IAspect,
  LocalBackend,
  Lazy,
  TerraformDataSource,
  TerraformElement,
  TerraformOutput,
  TerraformBackend,
  TerraformRemoteState,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
  Tokenization,
} from "cdktf";
export type { IResolvable } from "cdktf";
// What App.synth runs before validating each stack; run ahead of it so problems can be collected structured.
export { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
