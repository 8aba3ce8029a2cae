// Shared builders for the VMO IAM rule tests (VMO-013..VMO-015).
import { Construct } from "constructs";
import { PaletteCluster, SubjectKind, VmoAddonProfile, VmoAddonProfileProps, VmoClusterAttachment, VmoClusterAttachmentProps } from "../../lib";

export const profile = (s: Construct, props: Partial<VmoAddonProfileProps> = {}) => new VmoAddonProfile(s, "P", { name: "vmo", ...props });
export const attach = (s: Construct, p: VmoAddonProfile, props: Partial<VmoClusterAttachmentProps> = {}) =>
  new VmoClusterAttachment(s, "A", { profile: p, cluster: PaletteCluster.fromClusterName(s, "C", "edge-1"), ...props });
export const group = (name: string) => ({ kind: SubjectKind.GROUP, name });
export const sa = (namespace: string, name: string) => ({ kind: SubjectKind.SERVICE_ACCOUNT, namespace, name });
export const NOT_FEDERATED = { charts: { "virtual-machine-orchestrator": { "vmo-manager": { oidc: { k8sNotFederated: true } } } } };
