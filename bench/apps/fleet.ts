// Benchmark app: one Proxied VMO profile with role bindings attached to BENCH_CLUSTERS generated clusters.
// With BENCH_CLUSTERS unset or 0 it synthesizes DEFAULT_CONFIG exactly as main.ts does, so the "default"
// benchmark row measures the real default rather than a look-alike.
import { App } from "../../lib/cdktf";
import { VmoChecks } from "../../lib/rules";
import { DEFAULT_CONFIG } from "../../stacks/default-config";
import { ClusterConfig, VmoProjectConfig, VmoProjectStack } from "../../stacks/vmo-project-stack";

/** Alternates by-name and by-uid so both lookup paths (data source vs. plain UID) are exercised. */
function clusters(n: number): ClusterConfig[] {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0 ? { name: `bench-cluster-${i}` } : { uid: i.toString(16).padStart(24, "0") },
  );
}

function fleetConfig(n: number): VmoProjectConfig {
  const [profile] = DEFAULT_CONFIG.profiles;
  return { ...DEFAULT_CONFIG, profiles: [{ ...profile, clusters: clusters(n) }] };
}

const n = Number(process.env.BENCH_CLUSTERS ?? "0");
if (!Number.isInteger(n) || n < 0) throw new Error(`BENCH_CLUSTERS must be a non-negative integer, got "${process.env.BENCH_CLUSTERS}"`);

const app = new App();
const stack = n === 0 ? new VmoProjectStack(app, "vmo-default", { config: DEFAULT_CONFIG }) : new VmoProjectStack(app, "vmo-fleet", { config: fleetConfig(n) });
// The VMO rules run as our stacks run them, so the fleet rows include their cost (a no-op if the stack applies them).
VmoChecks.applyTo(stack);
app.synth();
