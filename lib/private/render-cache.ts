// A manifest's YAML, kept until its data changes.
import { stringify } from "yaml";
import { YAML_OUTPUT } from "../values";

/**
 * YAML of a manifest, rendered again only when its data changed: every attachment's revision hash resolves the
 * profile's packs, so a fleet would otherwise render each manifest once per cluster.
 */
export class RenderCache {
  private key?: string;
  private text = "";

  public yaml(data: unknown): string {
    const key = JSON.stringify(data);
    if (key !== this.key) {
      this.key = key;
      this.text = stringify(data, YAML_OUTPUT);
    }
    return this.text;
  }
}
