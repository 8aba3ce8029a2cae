// Benchmark app: the real config path (YAML files -> validation -> one stack per environment -> synth) on a
// generated config folder (BENCH_CONFIG_DIR), as `npm run synth` runs it minus the output swap.
import { synthesize } from "../../stacks/app";

const configDir = process.env.BENCH_CONFIG_DIR;
if (!configDir) throw new Error("BENCH_CONFIG_DIR must name a folder of generated environment files");
synthesize({ configDir });
