// VmTemplate: a VM template (`VmTemplate`, apiVersion spectrocloud.com/v1) in the VMO profile's manifest layer.
import { Construct } from "constructs";
import { IGoldenImage, IVmImageHost } from "./golden-image";
import { RenderCache } from "./private/render-cache";
import type { PackManifest } from "./pack-layer";
import { DNS1123_LABEL_RULE, isDns1123Label, quoted } from "./private/kubernetes-names";
import { ValidationProblem, addProblemCheck, under } from "./problems";
import { ROOT_DISK, VmSpec, kubevirtSpec, resolveVmSpec, vmSpecProblems } from "./vm-spec";
import { IVmoManifestContributor, ManifestOrder } from "./vmo-manifest-layer";
import { brand, isBranded } from "./private/brand";

export interface VmTemplateProps extends VmSpec {
  /** The VMO profile whose manifest layer carries the template. */
  readonly profile: IVmImageHost;
  /** The VmTemplate's name, a DNS-1123 label. */
  readonly name: string;
  /**
   * What Palette's VM creation page shows.
   * @default - the name
   */
  readonly displayName?: string;
  /**
   * @default - none
   */
  readonly description?: string;
  /**
   * Icon URL shown beside the template.
   * @default - none
   */
  readonly icon?: string;
  /**
   * Boot from a clone of this golden image (a data volume template `rootdisk`, boot order 1).
   * @default - no golden image boot disk
   */
  readonly goldenImage?: IGoldenImage;
  /**
   * Size of the golden image clone.
   * @default - the golden image's size
   */
  readonly rootDiskSize?: string;
}

/** A VM template as VMs and the policy rules see it. */
export interface IVmTemplate extends IVmoManifestContributor {
  readonly templateName: string;
  /** The VM shape the template publishes; a VirtualMachine from this template expands it at synth. */
  readonly spec: VmSpec;
}

/**
 * A VM template published to a cluster's VM creation page: a `VmTemplate` manifest `vm-template-<name>`
 * (create-vm-template.md) in the VMO profile's manifest layer, which installs after VMO (whose VMO Manager
 * provides the VmTemplate CRD).
 * The provider's spectrocloud_virtual_machine has no template reference, so a VirtualMachine built from a
 * VmTemplate carries the template's spec itself.
 */
export class VmTemplate extends Construct implements IVmTemplate {
  /** Whether `x` is a VmTemplate, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isVmTemplate(x: unknown): x is VmTemplate {
    return isBranded(x, "VmTemplate");
  }

  public readonly manifestOrder = ManifestOrder.VM_TEMPLATE;
  public readonly templateName: string;
  public readonly displayName: string;
  public readonly spec: VmSpec;
  private readonly props: VmTemplateProps;
  private readonly rendered = new RenderCache();

  constructor(scope: Construct, id: string, props: VmTemplateProps) {
    super(scope, id);
    this.templateName = props.name;
    this.displayName = props.displayName ?? props.name;
    const root = props.goldenImage
      ? [{ name: ROOT_DISK, bootOrder: 1, source: { goldenImage: { goldenImage: props.goldenImage, size: props.rootDiskSize } } }]
      : [];
    this.spec = { cpu: props.cpu, memory: props.memory, disks: [...root, ...(props.disks ?? [])], networks: props.networks, cloudInit: props.cloudInit };
    this.props = props;
    addProblemCheck(this, () => this.validate());
    props.profile.addManifestContributor(this);
  }

  /** The manifest's name in the layer, `vm-template-<name>`. */
  public get manifestName(): string {
    return `vm-template-${this.templateName}`;
  }

  public get manifestSortKey(): string {
    return this.templateName;
  }

  public get manifests(): readonly PackManifest[] {
    const manifest = {
      apiVersion: "spectrocloud.com/v1",
      kind: "VmTemplate",
      metadata: { name: this.templateName, labels: { "app.kubernetes.io/managed-by": "palette-vmo-cdktf" } },
      spec: {
        displayName: this.displayName,
        ...(this.props.description ? { description: this.props.description } : {}),
        ...(this.props.icon ? { icon: this.props.icon } : {}),
        // A template is a blueprint: VMs made from it in the UI start as the user chooses.
        running: false,
        ...kubevirtSpec(this.templateName, resolveVmSpec(this.spec)),
      },
    };
    return [{ name: this.manifestName, content: this.rendered.yaml(manifest) }];
  }

  private validate(): ValidationProblem[] {
    const out: ValidationProblem[] = [];
    if (!isDns1123Label(this.templateName))
      out.push({ field: ["name"], message: `template name ${quoted(this.templateName)} is not valid; ${DNS1123_LABEL_RULE}.` });
    out.push(...under([], vmSpecProblems(this.spec)));
    return out;
  }
}
brand(VmTemplate, "VmTemplate");
