// Where a stack keeps its state, written from the environment file in Terraform's own setting names.
import { Construct } from "constructs";
import { TerraformBackend, TerraformRemoteState } from "../lib/cdktf";
import type { BackendConfig } from "./config/schema";

/** Where a stack keeps state when its environment names no backend, relative to the folder holding cdktf.out. */
export function defaultStateFile(stackId: string): string {
  return `terraform.${stackId}.tfstate`;
}

/**
 * The state location of one environment, written from config as Terraform's own backend settings.
 *
 * cdktf's backend classes are not used: their props are camelCase copies of these settings, the S3 one has no
 * `use_lockfile`, and CloudBackend's version check runs the terraform binary at synth, which a fresh machine
 * may not have. The settings here were validated by the config schema and never hold credentials.
 */
export class EnvironmentBackend extends TerraformBackend {
  private readonly settings: Record<string, unknown>;
  private readonly block: "backend" | "cloud";

  constructor(scope: Construct, config: BackendConfig, stackId: string) {
    super(scope, "backend", config.type);
    const { type, ...settings } = config as { type: string } & Record<string, unknown>;
    this.block = type === "cloud" ? "cloud" : "backend";
    if (type === "local") {
      // Terraform resolves the path from the stack's folder, cdktf.out/stacks/<id>/: anchor it three levels up,
      // at the folder holding cdktf.out, so the state survives a fresh synth and no absolute path is written.
      const file = (settings.path as string | undefined) ?? defaultStateFile(stackId);
      this.settings = { path: `../../../${file.replace(/^\.\//, "")}` };
    } else {
      this.settings = sortKeys(settings);
    }
  }

  /** Where the environment keeps state, for summaries: the backend type and its bucket, workspace or path. */
  public describe(): string {
    const s = this.settings as Record<string, any>;
    switch (this.name) {
      case "local":
        return `local ${String(s.path).replace(/^(\.\.\/){3}/, "")}`;
      case "s3":
        return `s3://${s.bucket}/${s.key} (${s.use_lockfile ? "lockfile" : `dynamodb ${s.dynamodb_table}`} locking)`;
      case "cloud":
        return `cloud ${s.organization}/${s.workspaces?.name ?? `tags ${(s.workspaces?.tags ?? []).join(",")}`}`;
      default:
        return this.name;
    }
  }

  public getRemoteStateDataSource(_scope: Construct, _name: string, fromStack: string): TerraformRemoteState {
    throw new Error(`stack "${fromStack}" is referenced from another environment's stack; environments are independent by design and share no state.`);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return this.settings;
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return this.settings;
  }

  public toTerraform(): any {
    const body = { ...this.settings, ...this.rawOverrides };
    return this.block === "cloud" ? { terraform: { cloud: body } } : { terraform: { backend: { [this.name]: body } } };
  }

  public toHclTerraform(): any {
    return this.toTerraform();
  }
}

function sortKeys(value: any): any {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  }
  return value;
}
