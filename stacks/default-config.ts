import { AccessMode, SubjectKind, VmRole } from "../lib";
import { VmoProjectConfig } from "./vmo-project-stack";

/** The embedded default: what `npm run synth` builds on a fresh clone, with no credentials. */
export const DEFAULT_CONFIG: VmoProjectConfig = {
  project: { name: "Default" },
  profiles: [
    {
      name: "vmo",
      description: "Virtual Machine Orchestrator with Spectro Proxy (Proxied access)",
      tags: ["owner:platform", "vmo"],
      accessMode: AccessMode.PROXIED,
      roleBindings: {
        bindings: [
          { role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] },
          { role: VmRole.VIEWER, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-viewers" }], allVmNamespaces: true },
        ],
      },
      clusters: [{ name: "edge-cluster-1" }, { uid: "6789abcdef0123456789abcd" }],
    },
  ],
};
