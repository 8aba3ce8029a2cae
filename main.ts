import { App } from "./lib/cdktf";
import { DEFAULT_CONFIG } from "./stacks/default-config";
import { VmoProjectStack } from "./stacks/vmo-project-stack";

const app = new App();
new VmoProjectStack(app, "vmo-default", { config: DEFAULT_CONFIG });
app.synth();
