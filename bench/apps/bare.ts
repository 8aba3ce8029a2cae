// Benchmark baseline: the cost of loading cdktf and synthesizing one stack with one raw resource, with none of
// this library's constructs, provider bindings or validation involved.
import { App, TerraformResource, TerraformStack } from "../../lib/cdktf";

const app = new App();
const stack = new TerraformStack(app, "bare");
new TerraformResource(stack, "r", { terraformResourceType: "null_resource" });
app.synth();
