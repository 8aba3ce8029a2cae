// The docs' Validate step as a Terraform check block: the profile is listed in Palette with its packs.
import { Construct } from "constructs";
import { TerraformElement } from "./cdktf";
import { PackType } from "./pack-layer";
import type { IClusterProfile } from "./cluster-profile";

export interface VmoProfileCheckProps {
  readonly profile: IClusterProfile;
}

/**
 * The docs' "Validate" step as code: a Terraform `check` block that looks the profile up in Palette by name,
 * version and context after apply, and asserts it is the profile this stack manages, with the expected packs.
 * Checks run on every plan and apply and report failures as warnings, so drift made in the UI shows up in
 * every pipeline run without blocking it.
 */
export class VmoProfileCheck extends TerraformElement {
  private readonly profile: IClusterProfile;

  constructor(scope: Construct, id: string, props: VmoProfileCheckProps) {
    super(scope, id, "check");
    this.profile = props.profile;
  }

  public toTerraform(): any {
    const p = this.profile;
    const lookup = `data.spectrocloud_cluster_profile.listed`;
    // Layers are read at synth, so packs added with addPack after this construct are included. Registry packs
    // are compared by name and version; manifest layers carry no registry version, so by name only.
    const names = p.layers.map((l) => l.packName).sort();
    const versioned = p.layers.filter((l) => l.packType !== PackType.MANIFEST).sort((a, b) => (a.packName < b.packName ? -1 : 1));
    // tolist/tomap: Terraform's == is false between a list and a tuple (or a map and an object) of equal values.
    const expectedNames = `tolist([${names.map((n) => JSON.stringify(n)).join(", ")}])`;
    const expectedTags = `tomap({${versioned.map((l) => `${JSON.stringify(l.packName)} = ${JSON.stringify(l.tag)}`).join(", ")}})`;
    const shown = p.layers.map((l) => (l.packType === PackType.MANIFEST ? l.packName : `${l.packName} ${l.tag}`)).join(", ");
    return {
      check: {
        [this.friendlyUniqueId]: {
          data: {
            spectrocloud_cluster_profile: {
              listed: {
                name: p.profileName,
                version: p.profileVersion,
                context: p.context,
                // Read after the profile is applied, not before it exists.
                depends_on: [p.resourceAddress],
              },
            },
          },
          assert: [
            {
              condition: `\${${lookup}.id == ${p.resourceAddress}.id}`,
              error_message: `Palette lists no cluster profile ${p.profileName} ${p.profileVersion} (${p.context} context) with the UID this stack manages; it was deleted or replaced outside Terraform.`,
            },
            {
              condition: `\${sort([for pack in ${lookup}.pack : pack.name]) == ${expectedNames} && tomap({for pack in ${lookup}.pack : pack.name => pack.tag if pack.type != "manifest"}) == ${expectedTags}}`,
              error_message: `Cluster profile ${p.profileName} ${p.profileVersion} in Palette does not hold the expected packs (${shown}); it was edited outside Terraform.`,
            },
          ],
        },
      },
    };
  }
}
