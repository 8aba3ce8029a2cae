// GoldenImage: a disk template (a CDI DataVolume in the golden-images namespace) in the VMO profile's manifest layer.
import { Construct } from "constructs";
import { Token } from "./cdktf";
import type { PackManifest } from "./pack-layer";
import { DNS1123_LABEL_RULE, isDns1123Label, quoted } from "./private/kubernetes-names";
import { ValidationProblem, addProblemCheck } from "./problems";
import { IVmoPack } from "./vmo-pack";
import { IVmoManifestContributor, IVmoManifestHost, ManifestOrder } from "./vmo-manifest-layer";
import { VMO_PACK } from "./versions";
import { brand, isBranded } from "./private/brand";
import { RenderCache } from "./private/render-cache";

/** Where a golden image is imported from (CDI DataVolume `source`): give exactly one field. */
export interface GoldenImageSource {
  /**
   * An HTTP(S) URL of a qcow2, raw or ISO image (`source.http.url`).
   * @default - not from HTTP
   */
  readonly http?: string;
  /**
   * A container disk in a registry, `docker://<image>` (`source.registry.url`); `docker://` is added when missing.
   * @default - not from a registry
   */
  readonly registry?: string;
  /**
   * An existing PVC to clone (`source.pvc`), `namespace/name` or `name` in the golden images namespace.
   * @default - not a clone
   */
  readonly pvc?: string;
}

/** What other constructs need from the profile a golden image or VM template joins. */
export interface IVmImageHost extends IVmoManifestHost {
  /**
   * The VMO pack of the profile (its golden images namespace).
   * @default - none: a profile defined elsewhere
   */
  readonly vmoPack?: IVmoPack;
}

export interface GoldenImageProps {
  /** The VMO profile whose manifest layer carries the image. */
  readonly profile: IVmImageHost;
  /** DataVolume (and so PVC) name, a DNS-1123 label: what VMs clone. */
  readonly name: string;
  readonly source: GoldenImageSource;
  /** Requested size, a Kubernetes quantity (`20Gi`): at least the image's virtual size. */
  readonly size: string;
  /**
   * Storage class of the PVC; VMs cloning the image should use the same one for CSI-assisted cloning.
   * @default - the cluster's default storage class
   */
  readonly storageClass?: string;
  /**
   * @default ["ReadWriteMany"] (live migration needs it)
   */
  readonly accessModes?: readonly string[];
  /**
   * `Block` or `Filesystem`, as the CSI supports ReadWriteMany (create-disk-templates.md).
   * @default - the storage profile's
   */
  readonly volumeMode?: string;
  /**
   * @default - the VMO pack's goldenImagesNamespace ("vmo-golden-images")
   */
  readonly namespace?: string;
}

/** A golden image as VMs and the policy rules see it. */
export interface IGoldenImage extends IVmoManifestContributor {
  /** The DataVolume/PVC name. */
  readonly imageName: string;
  readonly namespace: string;
  readonly size: string;
  readonly storageClass?: string;
  readonly accessModes: readonly string[];
  readonly volumeMode?: string;
  /** The namespace the profile's VMO pack manages golden images in. */
  readonly managedNamespace: string;
}

/** Golden images travel as manifests `golden-image-<name>` of the profile's manifest layer (the plan summary reads them). */
export const GOLDEN_IMAGE_MANIFEST_PREFIX = "golden-image-";

/**
 * A golden image (Palette's disk template): a CDI DataVolume in the VMO pack's golden images namespace, imported
 * once per cluster and cloned by VMs (create-disk-templates.md). A manifest `golden-image-<name>` of the VMO
 * profile's manifest layer, which installs after VMO (whose CDI provides the DataVolume CRD).
 */
export class GoldenImage extends Construct implements IGoldenImage {
  /** Whether `x` is a GoldenImage, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isGoldenImage(x: unknown): x is GoldenImage {
    return isBranded(x, "GoldenImage");
  }

  public readonly manifestOrder = ManifestOrder.GOLDEN_IMAGE;
  public readonly imageName: string;
  public readonly size: string;
  public readonly storageClass?: string;
  public readonly accessModes: readonly string[];
  public readonly volumeMode?: string;
  public readonly source: GoldenImageSource;
  private readonly host: IVmImageHost;
  private readonly givenNamespace?: string;
  private readonly rendered = new RenderCache();

  constructor(scope: Construct, id: string, props: GoldenImageProps) {
    super(scope, id);
    this.imageName = props.name;
    this.size = props.size;
    this.storageClass = props.storageClass;
    this.accessModes = [...(props.accessModes ?? ["ReadWriteMany"])];
    this.volumeMode = props.volumeMode;
    this.source = props.source;
    this.host = props.profile;
    this.givenNamespace = props.namespace;
    addProblemCheck(this, () => this.validate());
    props.profile.addManifestContributor(this);
  }

  /** The manifest's name in the layer, `golden-image-<name>`. */
  public get manifestName(): string {
    return `${GOLDEN_IMAGE_MANIFEST_PREFIX}${this.imageName}`;
  }

  public get manifestSortKey(): string {
    return this.imageName;
  }

  public get managedNamespace(): string {
    return this.host.vmoPack?.goldenImagesNamespace ?? VMO_PACK.defaultGoldenImagesNamespace;
  }

  public get namespace(): string {
    return this.givenNamespace ?? this.managedNamespace;
  }

  public get manifests(): readonly PackManifest[] {
    return [{ name: this.manifestName, content: this.rendered.yaml(this.dataVolume()) }];
  }

  private dataVolume(): Record<string, unknown> {
    const s = this.source;
    const source =
      s.http !== undefined
        ? { http: { url: s.http } }
        : s.registry !== undefined
          ? { registry: { url: registryUrl(s.registry) } }
          : { pvc: pvcRef(s.pvc ?? "", this.namespace) };
    return {
      apiVersion: "cdi.kubevirt.io/v1beta1",
      kind: "DataVolume",
      metadata: {
        name: this.imageName,
        namespace: this.namespace,
        // Keeps the DataVolume after the import, or Palette recreates it forever (create-disk-templates.md).
        annotations: { "cdi.kubevirt.io/storage.deleteAfterCompletion": "false" },
        labels: { "app.kubernetes.io/managed-by": "palette-vmo-cdktf" },
      },
      spec: {
        storage: {
          accessModes: [...this.accessModes],
          resources: { requests: { storage: this.size } },
          ...(this.storageClass ? { storageClassName: this.storageClass } : {}),
          ...(this.volumeMode ? { volumeMode: this.volumeMode } : {}),
        },
        source,
      },
    };
  }

  private validate(): ValidationProblem[] {
    const out: ValidationProblem[] = [];
    if (!isDns1123Label(this.imageName))
      out.push({ field: ["name"], message: `golden image name ${quoted(this.imageName)} is not valid; ${DNS1123_LABEL_RULE}.` });
    if (!isDns1123Label(this.namespace))
      out.push({ field: ["namespace"], message: `namespace ${quoted(this.namespace)} is not valid; ${DNS1123_LABEL_RULE}.` });
    const given = (["http", "registry", "pvc"] as const).filter((k) => this.source?.[k] !== undefined);
    if (given.length !== 1)
      out.push({
        field: ["source"],
        message:
          given.length === 0
            ? `golden image "${this.imageName}" has no source; give http, registry or pvc.`
            : `golden image "${this.imageName}" has ${given.join(" and ")}; give exactly one source.`,
      });
    if (this.source?.http !== undefined && !Token.isUnresolved(this.source.http) && !/^https?:\/\/\S+$/.test(this.source.http))
      out.push({ field: ["source", "http"], message: `${quoted(this.source.http)} is not an http(s) URL.` });
    if (!Token.isUnresolved(this.size) && !/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.test(this.size ?? ""))
      out.push({ field: ["size"], message: `${quoted(this.size ?? "")} is not a Kubernetes quantity such as "20Gi".` });
    if (this.accessModes.length === 0) out.push({ field: ["accessModes"], message: `give at least one access mode, such as "ReadWriteMany".` });
    if (this.volumeMode !== undefined && !["Block", "Filesystem"].includes(this.volumeMode))
      out.push({ field: ["volumeMode"], message: `"${this.volumeMode}" is not a volume mode; expected "Block" or "Filesystem".` });
    return out;
  }
}
brand(GoldenImage, "GoldenImage");

function registryUrl(url: string): string {
  return /^(docker|oci-archive):\/\//.test(url) ? url : `docker://${url}`;
}

function pvcRef(ref: string, namespace: string): { name: string; namespace: string } {
  const i = ref.indexOf("/");
  return i >= 0 ? { namespace: ref.slice(0, i), name: ref.slice(i + 1) } : { namespace, name: ref };
}
