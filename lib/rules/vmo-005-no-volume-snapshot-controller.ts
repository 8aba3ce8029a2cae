// VMO-005: VMO brings its own snapshot controller.
import { IConstruct } from "constructs";
import { TerraformStack, Tokenization } from "../cdktf";
import { AddonDeployment, ClusterProfile } from "../provider";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { VMO_PACK } from "../versions";
import { asClusterProfile, profilePackNames } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

const SNAPSHOT_PACK = "volume-snapshot-controller";

/** VMO-005: VMO brings its own snapshot controller. */
export const VMO_005: IVmoRule = {
  id: "VMO-005",
  name: "no-volume-snapshot-controller",
  level: VmoRuleLevel.ERROR,
  description: `A cluster profile carries both the ${VMO_PACK.name} pack and the ${SNAPSHOT_PACK} pack, or a cluster this stack attaches VMO to also gets, from this stack, another add-on profile carrying ${SNAPSHOT_PACK}. It cannot see the cluster's own (infrastructure) profile or add-on profiles attached outside this stack, which is where the docs' conflict usually sits: check those by hand.`,
  rationale:
    "Error: create-vmo-profile.md (Limitations) says the cluster must not already have the volume-snapshot-controller pack in its profile because VMO configures snapshots itself; two snapshot controllers (and two sets of CRDs) in one cluster conflict, which breaks VM snapshots rather than degrading them.",
  fix: `Remove the ${SNAPSHOT_PACK} layer from the profile. If a CSI driver or Palette backups must own the snapshot controller, keep theirs and set charts.virtual-machine-orchestrator.snapshot-controller.enabled: false in the VMO values instead.`,
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/create-vmo-profile/",
  check(construct: IConstruct): (string | RuleFinding)[] {
    if (VmoClusterAttachment.isVmoClusterAttachment(construct)) return onSameCluster(construct);
    const profile = asClusterProfile(construct);
    if (!profile) return [];
    const names = profilePackNames(profile);
    if (!names.includes(VMO_PACK.name) || !names.includes(SNAPSHOT_PACK)) return [];
    return [`the profile carries ${SNAPSHOT_PACK} beside ${VMO_PACK.name}, which installs its own snapshot controller; the two conflict.`];
  },
};

/** A stack's add-on deployments by cluster reference and its cluster profiles by id reference, built once per stack. */
interface StackIndex {
  readonly deployments: Map<string, AddonDeployment[]>;
  readonly profiles: Map<string, ClusterProfile[]>;
}
// Rules run once the stack is complete (at synth), so one index per stack serves every attachment: scanning the
// whole tree per attachment made this rule quadratic (1000 clusters: seconds).
const INDEXES = new WeakMap<TerraformStack, StackIndex>();

function indexOf(stack: TerraformStack): StackIndex {
  const known = INDEXES.get(stack);
  if (known) return known;
  const index: StackIndex = { deployments: new Map(), profiles: new Map() };
  for (const c of stack.node.findAll()) {
    if ((c as Partial<AddonDeployment>).terraformResourceType === AddonDeployment.tfResourceType) {
      const d = c as AddonDeployment;
      const key = referenceOf(d.clusterUidInput);
      index.deployments.set(key, [...(index.deployments.get(key) ?? []), d]);
      continue;
    }
    const profile = asClusterProfile(c) as ClusterProfile | undefined;
    if (profile) {
      const key = referenceOf(profile.id);
      index.profiles.set(key, [...(index.profiles.get(key) ?? []), profile]);
    }
  }
  INDEXES.set(stack, index);
  return index;
}

/** Other add-on deployments of this stack on the attachment's cluster whose profiles (in this stack) carry the pack. */
function onSameCluster(attachment: VmoClusterAttachment): string[] {
  const index = indexOf(TerraformStack.of(attachment));
  const profileIds = new Set<string>();
  for (const other of index.deployments.get(referenceOf(attachment.resource.clusterUidInput)) ?? []) {
    if (other === attachment.resource) continue;
    const blocks = other.clusterProfileInput;
    if (Array.isArray(blocks)) for (const b of blocks) profileIds.add(referenceOf(b.id));
  }
  const out: string[] = [];
  for (const id of [...profileIds]) {
    for (const profile of index.profiles.get(id) ?? []) {
      if (profilePackNames(profile).includes(SNAPSHOT_PACK)) {
        out.push(
          `cluster "${attachment.cluster.displayName}" also gets profile "${String(profile.nameInput)}" from this stack, which carries ${SNAPSHOT_PACK}; VMO installs its own snapshot controller and the two conflict.`,
        );
      }
    }
  }
  return out;
}

/**
 * What a value refers to, comparable across token instances: each read of a resource attribute makes a new token
 * string, so references are compared by the Terraform expression they stand for (`data.x.y.id`), literals as text.
 */
function referenceOf(value: string | undefined): string {
  if (value === undefined) return "";
  const fragments = Tokenization.reverseString(value);
  if (fragments.tokens.length === 0) return value;
  return fragments.tokens.map((t) => String((t as unknown as { identifier?: string }).identifier ?? t.toString())).join("|");
}
