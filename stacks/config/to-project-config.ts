// A validated environment file as the typed config VmoProjectStack takes, its strings made literal for Terraform.
import type { VmoProjectConfig } from "./project-config";
import type { EnvironmentConfig } from "./schema";

/**
 * Turns a validated environment into the stack's typed config. Config strings are literal text: `${` and `%{`
 * are escaped (`$${`, `%%{`) so Terraform never evaluates a value from a config file as an expression (which
 * could pull a variable, a file or a secret into a profile). Palette's `{{ .spectro... }}` macros are untouched.
 */
export function toProjectConfig(env: EnvironmentConfig): VmoProjectConfig {
  const { $schema: _schema, backend, suppressions, teams, ...rest } = env;
  const context = env.project.context;
  const profiles = env.profiles.map((p) => {
    const { suppressions: profileSuppressions, clusters, ...profile } = p;
    return {
      ...literal(profile),
      context: p.context ?? context,
      suppressions: profileSuppressions,
      clusters: clusters?.map((c) => {
        const { suppressions: clusterSuppressions, ...cluster } = c;
        return { ...literal(cluster), context: c.context ?? context, suppressions: clusterSuppressions };
      }),
    };
  });
  const teamConfigs = teams?.map(({ suppressions: teamSuppressions, ...t }) => ({ ...literal(t), suppressions: teamSuppressions }));
  return { ...rest, project: literal(env.project), backend, suppressions, profiles, ...(teamConfigs ? { teams: teamConfigs } : {}) } satisfies VmoProjectConfig;
}

/** Every string below `value` with Terraform's template sequences escaped; the shape (and so the type) is kept. */
function literal<T>(value: T): T {
  return escapeTemplates(value) as T;
}

function escapeTemplates(value: unknown): unknown {
  // Replacement functions: in a replacement string, "$$" would itself mean one "$".
  if (typeof value === "string") return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
  if (Array.isArray(value)) return value.map(escapeTemplates);
  // Keys too: pack values' keys end up in the values text Terraform reads as a template.
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeTemplates(k) as string, escapeTemplates(v)]));
  return value;
}
