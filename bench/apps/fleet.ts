// Benchmark app: one Proxied VMO profile with role bindings attached to BENCH_CLUSTERS generated clusters, built
// from the typed config (no YAML). With BENCH_CLUSTERS unset or 0 it synthesizes the embedded default (config/)
// exactly as `npm run synth` does, so a "default" row measures the real default rather than a look-alike.
import * as path from "node:path";
import { AccessMode, SubjectKind, VmRole } from "../../lib";
import { App } from "../../lib/cdktf";
import { synthesize } from "../../stacks/app";
import { ClusterConfig, VmoProjectConfig, VmoProjectStack } from "../../stacks/vmo-project-stack";

/**
 * Alternates by-name and by-uid so both lookup paths (data source vs. plain UID) are exercised. With `vms`, each
 * cluster runs one VM from the profile's template (issue 14: same clusters, one VM each).
 */
function clusters(n: number, vms: boolean): ClusterConfig[] {
  return Array.from({ length: n }, (_, i) => {
    const c: ClusterConfig = i % 2 === 0 ? { name: `bench-cluster-${i}` } : { uid: i.toString(16).padStart(24, "0") };
    return vms ? { ...c, virtualMachines: [{ name: `vm-${i}`, namespace: "virtual-machines", template: "ubuntu", labels: { bench: "true" } }] } : c;
  });
}

function fleetConfig(n: number, vms: boolean): VmoProjectConfig {
  return {
    project: { name: "Bench" },
    profiles: [
      {
        name: "vmo",
        accessMode: AccessMode.PROXIED,
        roleBindings: {
          bindings: [
            { role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] },
            { role: VmRole.VIEWER, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-viewers" }], allVmNamespaces: true },
          ],
        },
        clusters: clusters(n, vms),
        ...(vms
          ? {
              goldenImages: [
                {
                  name: "ubuntu-2204",
                  source: { registry: "docker://gcr.io/spectro-images-public/release/vm-dashboard/os/ubuntu-container-disk:22.04" },
                  size: "20Gi",
                },
              ],
              vmTemplates: [
                { name: "ubuntu", goldenImage: "ubuntu-2204", cpu: { cores: 2 }, memory: "4Gi", cloudInit: { userData: "#cloud-config\nssh_pwauth: false\n" } },
              ],
            }
          : {}),
      },
    ],
  };
}

const n = Number(process.env.BENCH_CLUSTERS ?? "0");
if (!Number.isInteger(n) || n < 0) throw new Error(`BENCH_CLUSTERS must be a non-negative integer, got "${process.env.BENCH_CLUSTERS}"`);

if (n === 0) {
  synthesize({ configDir: path.resolve(__dirname, "..", "..", "..", "config") });
} else {
  // VmoProjectStack applies the VMO rules itself, so the fleet rows include their cost.
  const app = new App();
  new VmoProjectStack(app, "vmo-fleet", { config: fleetConfig(n, process.env.BENCH_VMS === "1") });
  app.synth();
}
