// Existing Palette clusters, by name (a data source lookup) or by UID.
import { Construct, IConstruct } from "constructs";
import { Token } from "./cdktf";
import { PaletteContext, checkContext } from "./context";
import { ValidationProblem, addProblemCheck } from "./problems";
import { DataSpectrocloudCluster } from "./provider";
import { brand, isBranded } from "./private/brand";

/** A Palette cluster that this stack does not manage: it is only referenced. */
export interface IPaletteCluster extends IConstruct {
  /** The cluster UID; for clusters given by name, resolved at plan time. */
  readonly clusterUid: string;
  /** How the cluster is named in config and messages: its name, or its UID when given by UID. */
  readonly displayName: string;
  readonly context: PaletteContext;
  /**
   * Terraform address of the `data.spectrocloud_cluster` that looks the cluster up (clusters given by name), whose
   * `state` and `health` attachments check at plan.
   * @default - no lookup (clusters given by UID)
   */
  readonly lookupAddress?: string;
}

export interface PaletteClusterLookupOptions {
  /**
   * @default PaletteContext.PROJECT
   */
  readonly context?: PaletteContext;
  /**
   * A Palette virtual cluster.
   * @default false
   */
  readonly virtual?: boolean;
}

/** References to existing clusters, by UID or by name. */
export class PaletteCluster extends Construct implements IPaletteCluster {
  /** Whether `x` is a PaletteCluster, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isPaletteCluster(x: unknown): x is PaletteCluster {
    return isBranded(x, "PaletteCluster");
  }

  /** A cluster by name, looked up with a `spectrocloud_cluster` data source; an unknown name fails the plan. */
  public static fromClusterName(scope: Construct, id: string, name: string, options: PaletteClusterLookupOptions = {}): IPaletteCluster {
    return new PaletteCluster(scope, id, { name, ...options });
  }

  /** A cluster by UID: no lookup. */
  public static fromClusterUid(scope: Construct, id: string, uid: string, options: Pick<PaletteClusterLookupOptions, "context"> = {}): IPaletteCluster {
    return new PaletteCluster(scope, id, { uid, ...options });
  }

  public readonly clusterUid: string;
  public readonly displayName: string;
  public readonly context: PaletteContext;
  public readonly lookupAddress?: string;

  private constructor(scope: Construct, id: string, props: { name?: string; uid?: string } & PaletteClusterLookupOptions) {
    super(scope, id);
    this.context = props.context ?? PaletteContext.PROJECT;
    if (props.name !== undefined) {
      const lookup = new DataSpectrocloudCluster(this, "Lookup", {
        name: props.name,
        context: this.context,
        virtual: props.virtual || undefined,
      });
      this.clusterUid = lookup.id;
      this.displayName = props.name;
      this.lookupAddress = `data.${lookup.terraformResourceType}.${lookup.friendlyUniqueId}`;
    } else {
      this.clusterUid = props.uid ?? "";
      this.displayName = props.uid ?? "";
    }
    addProblemCheck(this, () => {
      const errors: ValidationProblem[] = checkContext("context", props.context);
      if (props.name !== undefined && !props.name.trim()) errors.push({ field: ["name"], message: `the cluster name must not be empty.` });
      if (props.uid !== undefined && !Token.isUnresolved(props.uid) && !/^[A-Za-z0-9-]+$/.test(props.uid)) {
        errors.push({
          field: ["uid"],
          message: `${JSON.stringify(props.uid)} is not a Palette cluster UID (letters, digits and "-");`,
          fix: "copy it from the cluster's overview page.",
        });
      }
      return errors;
    });
  }
}
brand(PaletteCluster, "PaletteCluster");
