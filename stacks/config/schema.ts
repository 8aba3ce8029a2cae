// The environment file schema (zod), also the source of config/schema.json.
import { z } from "zod";
import {
  AccessMode,
  ApplySetting,
  CloudInitSource,
  DiskBus,
  InterfaceBinding,
  KubernetesRole,
  PaletteContext,
  PaletteRole,
  RunStrategy,
  SubjectKind,
  VMO_RULES,
  VmRole,
  VmoAuthMode,
} from "../../lib";

// The environment file format: one source of truth for the validator and for the published JSON Schema
// (scripts/config-schema.js writes config/schema.json from it). Enumerations are the constructs' own enums, so
// the parsed config is typed as the construct props it feeds (toProjectConfig needs no cast).

const values = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .describe("Pack values: a YAML document or the same data as a mapping; deep-merged over the seeded values");
const name = (what: string) => z.string().trim().min(1, `${what} must not be empty`);
const context = z.enum(PaletteContext).describe("Palette context");
const terraformName = (what: string) =>
  z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, `${what} must start with a letter or "_" and hold only letters, digits and "_"`);

/** A profile variable value: a plain string, or a secret carried by a sensitive Terraform variable. */
const variableValue = z.union([
  z.string(),
  z
    .strictObject({
      secret: terraformName("secret variable name").describe(
        "Name of a sensitive Terraform variable that carries the value; the pipeline sets it as TF_VAR_<name>",
      ),
    })
    .describe("A secret: never written in config; supplied through a sensitive Terraform variable"),
]);

/** A policy rule switched off where it is declared (and below), with the reason shown at every synth. */
const suppressions = z
  .array(
    z.strictObject({
      id: z.enum(VMO_RULES.map((r) => r.id) as [string, ...string[]]).describe("VMO rule id (docs/RULES.md)"),
      reason: name("suppression reason").describe("Why the finding is acceptable here; shown at synth"),
    }),
  )
  .describe("VMO policy rules suppressed here, each with a reason");

const subject = z.strictObject({
  kind: z.enum(SubjectKind),
  name: name("subject name"),
  namespace: z.string().optional().describe("ServiceAccount subjects only"),
});

const binding = z.strictObject({
  role: z.enum([...Object.values(VmRole), ...Object.values(KubernetesRole)] as [VmRole | KubernetesRole, ...(VmRole | KubernetesRole)[]]),
  subjects: z.array(subject).min(1, "a binding needs at least one subject"),
  namespaces: z.array(z.string()).optional().describe("Bind in these namespaces; default cluster wide"),
  allVmNamespaces: z.boolean().optional().describe("Bind in every VM namespace of the pinned VMO version"),
});

// VMs, templates and golden images: the constructs' props, with golden images and templates named.
const quantity = (what: string) =>
  z
    .string()
    .regex(/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/, `${what} must be a Kubernetes quantity such as "20Gi"`)
    .describe(`${what}, a Kubernetes quantity such as "20Gi"`);
const cpu = z.strictObject({
  cores: z.number().int().min(1),
  sockets: z.number().int().min(1).optional(),
  threads: z.number().int().min(1).optional(),
});
const diskSource = z
  .strictObject({
    goldenImage: z.string().optional().describe("A golden image of this profile, by name: the disk is a clone of it"),
    size: quantity("Clone size").optional(),
    storageClass: z.string().optional().describe("Storage class of the clone; default the golden image's"),
    containerDisk: z.string().optional().describe("A container disk image (ephemeral)"),
    emptyDisk: quantity("Empty disk capacity").optional(),
    persistentVolumeClaim: z.string().optional().describe("An existing PVC in the VM's namespace"),
  })
  .describe("What the disk holds: exactly one of goldenImage, containerDisk, emptyDisk, persistentVolumeClaim");
const disk = z.strictObject({
  name: name("disk name"),
  bus: z.enum(DiskBus).optional(),
  bootOrder: z.number().int().min(1).optional(),
  source: diskSource,
});
const network = z.strictObject({
  name: name("network name"),
  multus: z.string().optional().describe("A Multus NetworkAttachmentDefinition (namespace/name); default the pod network"),
  binding: z.enum(InterfaceBinding).optional().describe("Default InterfaceMasquerade on the pod network, InterfaceBridge on Multus"),
  model: z.string().optional(),
});
const cloudInit = <T extends z.ZodType>(userData: T) =>
  z.strictObject({
    userData: userData.optional(),
    userDataSecretName: z.string().optional().describe("A Kubernetes Secret in the VM's namespace holding the user data"),
    networkData: z.string().optional(),
    source: z.enum(CloudInitSource).optional(),
  });
const vmShape = {
  cpu: cpu.optional(),
  memory: quantity("Memory").optional(),
  goldenImage: z.string().optional().describe("Boot from a clone of this golden image of the profile"),
  rootDiskSize: quantity("Root disk size").optional(),
  disks: z.array(disk).optional(),
  networks: z.array(network).optional(),
};
const goldenImage = z.strictObject({
  name: name("golden image name"),
  source: z
    .strictObject({
      http: z.string().optional().describe("An http(s) URL of a qcow2, raw or ISO image"),
      registry: z.string().optional().describe("A container disk image, docker://<image>"),
      pvc: z.string().optional().describe("An existing PVC to clone, namespace/name"),
    })
    .describe("Where the image is imported from: exactly one of http, registry, pvc"),
  size: quantity("Golden image size"),
  storageClass: z.string().optional(),
  accessModes: z.array(z.string()).optional().describe("Default [ReadWriteMany]"),
  volumeMode: z.enum(["Block", "Filesystem"]).optional(),
  namespace: z.string().optional().describe("Default the VMO pack's goldenImagesNamespace (vmo-golden-images)"),
});
const vmTemplate = z.strictObject({
  name: name("template name"),
  displayName: z.string().optional(),
  description: z.string().optional(),
  icon: z.string().optional(),
  ...vmShape,
  cloudInit: cloudInit(z.string().describe("cloud-config user data; published in the profile, so never a password")).optional(),
});
const addedDisk = z.strictObject({
  name: name("disk name"),
  size: quantity("Disk size"),
  goldenImage: z.string().optional().describe("Clone this golden image of the profile"),
  source: z.strictObject({ http: z.string().optional(), registry: z.string().optional(), pvc: z.string().optional() }).optional(),
  storageClass: z.string().optional(),
  accessModes: z.array(z.string()).optional(),
  bus: z.enum(DiskBus).optional(),
});
const virtualMachine = z
  .strictObject({
    name: name("VM name"),
    namespace: z.string().optional().describe('Default "default"; one of the VMO pack\'s VM namespaces'),
    template: z.string().optional().describe("A VM template of this profile, by name, expanded into the VM"),
    cloneFrom: z.string().optional().describe("Clone this existing VM of the namespace"),
    ...vmShape,
    cloudInit: cloudInit(variableValue.describe("cloud-config user data, or { secret: <terraform variable name> } when it holds secrets")).optional(),
    runStrategy: z.enum(RunStrategy).optional().describe("Default: run_on_launch (started at create, awaited)"),
    labels: z.record(z.string(), z.string()).optional(),
    addedDisks: z.array(addedDisk).optional().describe("Disks added as their own data volumes"),
    preventDestroy: z.boolean().optional().describe("false lets Terraform delete or replace the VM and its disks (also suppress VMO-024 with a reason)"),
    suppressions: suppressions.optional(),
  })
  .describe("A VM on this cluster");

const cluster = z
  .strictObject({
    name: name("cluster name").optional(),
    uid: name("cluster uid").optional(),
    context: context.optional(),
    applySetting: z.enum(ApplySetting).optional(),
    packValues: z.record(z.string(), values).optional().describe("Per-cluster values, by pack name"),
    variables: z
      .record(z.string(), variableValue)
      .optional()
      .describe("Profile variable values; secrets as { secret: <terraform variable name> }, never inline"),
    roleBindings: z.array(binding).optional().describe("Bindings added on this cluster only"),
    dashboardAddress: z
      .string()
      .optional()
      .describe(
        "Direct access: the URL of this cluster's VM dashboard, https://<vm-dashboard LoadBalancer address> without /v1 (kubectl get services -n vm-dashboard); written to consoleBaseAddress and platform.baseUrl",
      ),
    preventDestroy: z.boolean().optional().describe("false lets Terraform detach VMO, which deletes the cluster's VMs (also suppress VMO-008 with a reason)"),
    suppressions: suppressions.optional(),
    virtualMachines: z.array(virtualMachine).optional().describe("VMs on this cluster"),
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

const authentication = z
  .strictObject({
    mode: z.enum(VmoAuthMode).optional().describe("palette-oidc (default), external-oidc or local"),
    issuerUrl: z.string().optional().describe("External OIDC: the IdP's issuer URL"),
    clientId: z.string().optional().describe("External OIDC: the client id; default the pack's k8s-oidc"),
    clientSecret: variableValue.optional().describe("External OIDC: { secret: <terraform variable name> }, never inline"),
    existingSecret: z.string().optional().describe("External OIDC: a Secret in vm-dashboard with OIDC_CLIENT_SECRET and SESSION_KEY, instead of clientSecret"),
    baseUrl: z.string().optional().describe("External OIDC, Proxied or Custom access: the URL users reach the UI at (Direct: each cluster's dashboardAddress)"),
    callbackUrl: z.string().optional().describe("External OIDC: only when <baseUrl>/auth/callback is not reachable"),
    localAdmin: z.boolean().optional().describe("The Day 0 local admin account at /local-login; default on for local, off otherwise"),
    localAdminPassword: variableValue.optional().describe("{ secret: <terraform variable name> }: the LOCAL_ADMIN_PASSWORD profile variable, never inline"),
  })
  .describe("How VMO Manager (4.10+) signs users in; secrets as { secret: <terraform variable name> }");

const profile = z.strictObject({
  name: name("profile name"),
  profileVersion: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  context: context.optional(),
  vmoVersion: z.string().optional().describe("VMO pack version, MAJOR.MINOR.PATCH, 1.0.0 or later"),
  accessMode: z.enum(AccessMode).optional(),
  authentication: authentication.optional(),
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
      groupPrefix: z.string().optional().describe("The API server's --oidc-groups-prefix; prepended to Group subjects and mirrored into the VMO values"),
      usernamePrefix: z
        .string()
        .optional()
        .describe("The API server's --oidc-username-prefix; prepended to User subjects and mirrored into the VMO values (was userPrefix before 0.2)"),
      bindings: z.array(binding),
    })
    .optional(),
  variables: z.array(variable).optional(),
  import: z
    .union([z.boolean(), z.string()])
    .optional()
    .describe("Adopt a profile created by hand in Palette: true, or the provider import ID NAME:CONTEXT[:VERSION]"),
  clusters: z.array(cluster).optional(),
  suppressions: suppressions.optional(),
  goldenImages: z.array(goldenImage).optional().describe("Golden images (disk templates) delivered with the profile"),
  vmTemplates: z.array(vmTemplate).optional().describe("VM templates delivered with the profile"),
});

/** A Palette team this environment creates and owns; its VM role comes from the bindings naming Group <name>. */
const team = z
  .strictObject({
    name: name("team name").describe(
      "Palette team name (tenant-wide): the Group subject name the roleBindings give, before groupPrefix; Palette's OIDC groups claim carries it",
    ),
    members: z
      .array(z.string().regex(/^[^\s@]+@[^\s@]+$/, "expected a Palette login e-mail"))
      .optional()
      .describe("Members, by their Palette login e-mail"),
    roles: z
      .array(z.enum(PaletteRole))
      .min(1, "give at least one role, or leave roles out")
      .optional()
      .describe("Palette roles replacing the pairing the bindings imply (vm-roles-permissions.md); VMO-018 checks the pairing"),
    suppressions: suppressions.optional(),
  })
  .describe("A Palette team created and owned by this environment (never one made elsewhere)");

// Backends: settings use Terraform's own (snake_case) names and go to the backend block verbatim, so the
// Terraform docs apply as written. Credentials are never accepted here: they come from the environment.
const s3Backend = z.strictObject({
  type: z.literal("s3"),
  bucket: name("S3 bucket"),
  key: name("S3 state key"),
  region: name("AWS region"),
  use_lockfile: z.boolean().optional().describe("S3-native state locking (Terraform 1.10 or later)"),
  dynamodb_table: z.string().optional().describe("DynamoDB table for state locking (older Terraform)"),
  encrypt: z.boolean().optional(),
  kms_key_id: z.string().optional(),
  acl: z.string().optional(),
  profile: z.string().optional().describe("Named AWS profile; the credentials stay in the pipeline's AWS config"),
  workspace_key_prefix: z.string().optional(),
  assume_role: z.strictObject({ role_arn: z.string(), session_name: z.string().optional(), external_id: z.string().optional() }).optional(),
  endpoints: z.strictObject({ s3: z.string().optional(), dynamodb: z.string().optional(), iam: z.string().optional(), sts: z.string().optional() }).optional(),
  use_path_style: z.boolean().optional(),
  skip_credentials_validation: z.boolean().optional(),
  skip_region_validation: z.boolean().optional(),
  skip_requesting_account_id: z.boolean().optional(),
  skip_metadata_api_check: z.boolean().optional(),
  skip_s3_checksum: z.boolean().optional(),
});

const cloudBackend = z.strictObject({
  type: z.literal("cloud"),
  organization: name("HCP Terraform organization"),
  hostname: z.string().optional().describe("Terraform Enterprise host; default app.terraform.io"),
  workspaces: z
    .strictObject({
      name: z.string().optional(),
      tags: z.array(z.string()).optional(),
      project: z.string().optional(),
    })
    .describe("One workspace by name, or the workspaces carrying these tags"),
});

const localBackend = z.strictObject({
  type: z.literal("local"),
  path: z.string().optional().describe("State file, relative to the project root (the folder holding cdktf.out)"),
});

/**
 * The other backends Terraform 1.11 has (internal/backend/init/init.go; swift went in 1.3); their settings are
 * checked by name against Terraform's argument list (backend-arguments.ts) and for credentials, and otherwise
 * passed through as written.
 */
export const OTHER_BACKENDS = ["azurerm", "consul", "cos", "gcs", "http", "kubernetes", "oss", "pg", "remote"] as const;
const otherBackend = z.looseObject({ type: z.enum(OTHER_BACKENDS) });

const backend = z
  .discriminatedUnion("type", [localBackend, s3Backend, cloudBackend, otherBackend])
  .describe("Where this environment keeps its Terraform state; default: a local file per environment");

export type BackendConfig = z.infer<typeof backend>;
export const BACKEND_TYPES: readonly string[] = ["local", "s3", "cloud", ...OTHER_BACKENDS];

export const environmentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    project: z.strictObject({
      name: name("project name"),
      host: z.string().optional().describe("Palette API host; default the provider's (api.spectrocloud.com)"),
      context: context.optional().describe("Default context of the environment's profiles and clusters"),
    }),
    backend: backend.optional(),
    suppressions: suppressions.optional().describe("VMO policy rules suppressed for the whole environment, each with a reason"),
    profiles: z.array(profile).min(1, "an environment needs at least one profile"),
    teams: z.array(team).optional().describe("Palette teams holding the Palette roles paired with their groups' VM roles"),
  })
  .describe("palette-vmo-cdktf environment: the VMO profiles of one Palette project and the clusters they attach to");

export type EnvironmentConfig = z.infer<typeof environmentSchema>;

/** The JSON Schema editors use for config files, derived from the validator. */
export function environmentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(environmentSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
