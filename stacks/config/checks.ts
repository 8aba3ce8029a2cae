// Checks of an environment file that its schema cannot express: uniqueness, import IDs, backend settings.
import * as path from "node:path";
import { PROVIDER_DEFAULT_PROFILE_VERSION } from "../../lib";
import { closest } from "../../lib/private/validation";
import { TERRAFORM_BACKEND_ARGUMENTS, TERRAFORM_VERSION_READ } from "./backend-arguments";
import type { Key } from "./paths";
import type { EnvironmentConfig } from "./schema";

export function semanticChecks(env: EnvironmentConfig, problem: (keys: readonly Key[], message: string, onKey?: boolean) => void): void {
  const profiles = new Map<string, number>();
  const clusters = new Map<string, string>();
  const teams = new Map<string, number>();
  (env.teams ?? []).forEach((t, i) => {
    // Team names are tenant-wide (resource_team.go uses the tenant-scoped client): one owner per name.
    if (teams.has(t.name)) problem(["teams", i, "name"], `duplicate team name "${t.name}" (also teams[${teams.get(t.name)}]); a team is owned once.`);
    else teams.set(t.name, i);
  });
  if (env.backend) backendChecks(env.backend, problem);
  env.profiles.forEach((p, i) => {
    if (p.import !== undefined && typeof p.import === "string") {
      const context = p.context ?? env.project.context ?? "project";
      const m = /^([^:]+):([^:]+)(?::([^:]+))?$/.exec(p.import);
      if (!m)
        problem(
          ["profiles", i, "import"],
          `expected the provider's import ID NAME:CONTEXT[:VERSION] such as "${p.name}:${context}:${p.profileVersion ?? PROVIDER_DEFAULT_PROFILE_VERSION}", found "${p.import}".`,
        );
      else if (m[1] !== p.name)
        problem(
          ["profiles", i, "import"],
          `import ID names profile "${m[1]}" but this profile is "${p.name}"; adopting a profile under another name would rename it in Palette. Use "${p.name}:${context}${m[3] ? `:${m[3]}` : ""}".`,
        );
      else if (m[2] !== context)
        problem(
          ["profiles", i, "import"],
          `import ID context "${m[2]}" differs from the profile's context "${context}"; use "${p.name}:${context}${m[3] ? `:${m[3]}` : ""}".`,
        );
      else if (m[3] !== undefined && m[3] !== (p.profileVersion ?? PROVIDER_DEFAULT_PROFILE_VERSION))
        problem(
          ["profiles", i, "import"],
          `import ID version "${m[3]}" differs from profileVersion "${p.profileVersion ?? PROVIDER_DEFAULT_PROFILE_VERSION}"; adopt the version this config manages.`,
        );
    }
    if (profiles.has(p.name))
      problem(["profiles", i, "name"], `duplicate profile name "${p.name}" (also profiles[${profiles.get(p.name)}]); profile names must be unique.`);
    profiles.set(p.name, i);
    (p.clusters ?? []).forEach((c, j) => {
      const keys = ["profiles", i, "clusters", j];
      // Exactly one of name and uid: VmoProjectStack checks it (for config and code alike).
      if ((c.name === undefined) === (c.uid === undefined)) return;
      const id = c.name !== undefined ? `name ${c.name}` : `uid ${c.uid}`;
      // Names are unique per context (a tenant cluster and a project cluster may share one); UIDs everywhere.
      const scope = c.name !== undefined ? `${id} in ${c.context ?? env.project.context ?? "project"}` : id;
      const where = `profiles[${i}].clusters[${j}]`;
      if (clusters.has(scope))
        problem(
          [...keys, c.name !== undefined ? "name" : "uid"],
          `duplicate cluster ${id.replace(" ", ' "')}" (also ${clusters.get(scope)}); a cluster gets VMO from one profile only.`,
        );
      else clusters.set(scope, where);
    });
  });
}

/** Credential settings a backend could take, and where they come from instead. */
const CREDENTIALS: Record<string, string> = {
  access_key: "AWS_ACCESS_KEY_ID",
  secret_key: "AWS_SECRET_ACCESS_KEY",
  token: "the backend's token variable (TF_TOKEN_<host> for cloud/remote, AWS_SESSION_TOKEN for s3)",
  password: "the backend's password variable (e.g. HTTP_PASSWORD, SWIFT_PASSWORD)",
  client_secret: "ARM_CLIENT_SECRET",
  client_certificate_password: "ARM_CLIENT_CERTIFICATE_PASSWORD",
  sas_token: "ARM_SAS_TOKEN",
  access_token: "the backend's token variable (e.g. GOOGLE_OAUTH_ACCESS_TOKEN)",
  credentials: "GOOGLE_BACKEND_CREDENTIALS or GOOGLE_APPLICATION_CREDENTIALS",
  conn_str: "PG_CONN_STR",
  secret_id: "TENCENTCLOUD_SECRET_ID",
  secret_access_key: "the backend's secret key variable",
  sse_customer_key: "AWS_SSE_CUSTOMER_KEY",
  encryption_key: "GOOGLE_ENCRYPTION_KEY",
  master_key: "the backend's key variable",
};

export function credentialHint(key: string): string | undefined {
  const env = CREDENTIALS[key];
  return env ? `"${key}" is a credential; config files never hold credentials. Remove it and set ${env} in the pipeline's environment.` : undefined;
}

function backendChecks(backend: NonNullable<EnvironmentConfig["backend"]>, problem: (keys: readonly Key[], message: string, onKey?: boolean) => void): void {
  if (backend.type === "local") {
    if (backend.path !== undefined && (path.isAbsolute(backend.path) || backend.path.trim() === "")) {
      problem(
        ["backend", "path"],
        `expected a state file path relative to the project root (absolute paths make the output machine-specific), found "${backend.path}".`,
      );
    }
  } else if (backend.type === "s3") {
    if (backend.use_lockfile !== true && !backend.dynamodb_table) {
      problem(
        ["backend"],
        `S3 state needs locking so two pipelines cannot write it at once; set use_lockfile: true (Terraform 1.10 or later) or dynamodb_table.`,
      );
    }
  } else if (backend.type === "cloud") {
    const w = backend.workspaces;
    if ((w.name === undefined) === (w.tags === undefined)) {
      problem(["backend", "workspaces"], `give exactly one of workspaces.name and workspaces.tags; found ${w.name === undefined ? "neither" : "both"}.`);
    }
  } else {
    // Free-form by type: each key is checked against Terraform's own arguments for that backend, values are not.
    const known = TERRAFORM_BACKEND_ARGUMENTS[backend.type] ?? [];
    for (const key of Object.keys(backend)) {
      if (key === "type") continue;
      const hint = credentialHint(key);
      if (hint) problem(["backend", key], hint, true);
      else if (!known.includes(key)) {
        const near = closest(key, known);
        problem(
          ["backend", key],
          `unknown key "${key}" for the ${backend.type} backend${near ? ` (did you mean "${near}"?)` : ""}; Terraform ${TERRAFORM_VERSION_READ}'s ${backend.type} backend takes: ${known.join(", ")}.`,
          true,
        );
      }
    }
  }
}
