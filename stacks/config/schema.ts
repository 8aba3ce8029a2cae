import { z } from "zod";
import { ACCESS_MODES, APPLY_SETTINGS, BINDABLE_ROLES, PALETTE_CONTEXTS, SUBJECT_KINDS } from "../../lib";

// The environment file format: one source of truth for the validator and for the published JSON Schema
// (scripts/config-schema.js writes config/schema.json from it).

const values = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .describe("Pack values: a YAML document or the same data as a mapping; deep-merged over the seeded values");
const name = (what: string) => z.string().trim().min(1, `${what} must not be empty`);
const context = z.enum(PALETTE_CONTEXTS as [string, ...string[]]).describe("Palette context");

const subject = z.strictObject({
  kind: z.enum(SUBJECT_KINDS as [string, ...string[]]),
  name: name("subject name"),
  namespace: z.string().optional().describe("ServiceAccount subjects only"),
});

const binding = z.strictObject({
  role: z.enum(BINDABLE_ROLES as [string, ...string[]]),
  subjects: z.array(subject).min(1, "a binding needs at least one subject"),
  namespaces: z.array(z.string()).optional().describe("Bind in these namespaces; default cluster wide"),
  allVmNamespaces: z.boolean().optional().describe("Bind in every VM namespace of the pinned VMO version"),
});

const cluster = z
  .strictObject({
    name: name("cluster name").optional(),
    uid: name("cluster uid").optional(),
    context: context.optional(),
    applySetting: z.enum(APPLY_SETTINGS as [string, ...string[]]).optional(),
    packValues: z.record(z.string(), values).optional().describe("Per-cluster values, by pack name"),
    variables: z.record(z.string(), z.string()).optional().describe("Profile variable values (no secrets: use sensitive Terraform variables)"),
    roleBindings: z.array(binding).optional().describe("Bindings added on this cluster only"),
    preventDestroy: z.boolean().optional().describe("false lets Terraform detach VMO, which deletes the cluster's VMs"),
  })
  .describe("An existing cluster, by name or by uid");

const variable = z.strictObject({
  name: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  format: z.string().optional(),
  required: z.boolean().optional(),
  isSensitive: z.boolean().optional(),
  hidden: z.boolean().optional(),
  defaultValue: z.string().optional(),
});

const profile = z.strictObject({
  name: name("profile name"),
  profileVersion: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  context: context.optional(),
  vmoVersion: z.string().optional().describe("VMO pack version, MAJOR.MINOR.PATCH, 1.0.0 or later"),
  accessMode: z.enum(ACCESS_MODES as [string, ...string[]]).optional(),
  values: values.optional(),
  proxy: z
    .strictObject({
      enabled: z.boolean().optional(),
      version: z.string().optional(),
      values: values.optional(),
      vmDashboardIntegration: z.boolean().optional(),
    })
    .optional(),
  roleBindings: z
    .strictObject({
      groupPrefix: z.string().optional(),
      userPrefix: z.string().optional(),
      bindings: z.array(binding),
    })
    .optional(),
  variables: z.array(variable).optional(),
  clusters: z.array(cluster).optional(),
});

export const environmentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    project: z.strictObject({ name: name("project name"), host: z.string().optional() }),
    profiles: z.array(profile).min(1, "an environment needs at least one profile"),
  })
  .describe("palette-vmo-cdktf environment: the VMO profiles of one Palette project and the clusters they attach to");

export type EnvironmentConfig = z.infer<typeof environmentSchema>;

/** The JSON Schema editors use for config files, derived from the validator. */
export function environmentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(environmentSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
