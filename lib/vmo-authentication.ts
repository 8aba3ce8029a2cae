// How users sign in to VMO Manager (pack 4.10+): Palette-managed OIDC, External OIDC or local auth, as a typed choice
// that seeds the documented values; secrets only as sensitive profile variables.
import { Token } from "./cdktf";
import type { ProfileVariable } from "./profile-variable";
import { FieldPath, ValidationProblem } from "./problems";
import { expectedOneOf } from "./private/validation";

/**
 * The "Alternative Authentication" preset group of the VMO pack (vmo-pack/authentication-options.md). Independent of
 * the access (Deployment) mode: any combination is supported. The Keycloak preset needs the Keycloak pack and a realm,
 * which this library does not model; use values for it.
 */
export enum VmoAuthMode {
  /** No preset selected: Palette injects the cluster's OIDC settings. The default. */
  PALETTE_OIDC = "palette-oidc",
  /** A third-party IdP (Okta, Entra ID, Google...): issuer, client id and client secret are yours. */
  EXTERNAL_OIDC = "external-oidc",
  /** Built-in local admin accounts, OIDC off. */
  LOCAL = "local",
}

/** @internal The enum's values, for the library's own checks (users have the enum). */
export const VMO_AUTH_MODES: readonly string[] = Object.values(VmoAuthMode);

/** How VMO Manager authenticates users. Fields not used by the chosen mode are refused. */
export interface VmoAuthentication {
  /**
   * @default VmoAuthMode.PALETTE_OIDC
   */
  readonly mode?: VmoAuthMode;
  /**
   * External OIDC: the IdP's issuer URL (`oidc.issuerUrl`), e.g. `https://login.microsoftonline.com/<tenant>/v2.0`.
   * Required for External OIDC.
   * @default - none
   */
  readonly issuerUrl?: string;
  /**
   * External OIDC: the client id registered with the IdP (`oidc.clientId`).
   * @default - the pack default, "k8s-oidc"
   */
  readonly clientId?: string;
  /**
   * External OIDC: the client secret, as a sensitive Terraform variable's value (a token, never a literal). The
   * profile declares the sensitive variable `OIDC_CLIENT_SECRET`, the values reference it, and every attachment
   * sets it. Give this or `existingSecret`.
   * @default - none
   */
  readonly clientSecret?: string;
  /**
   * External OIDC: the name of a Kubernetes Secret in `vm-dashboard` holding `OIDC_CLIENT_SECRET` and `SESSION_KEY`
   * (at least 32 characters), instead of `clientSecret` (configure-external-oidc.md, "Use an Existing Secret").
   * @default - none
   */
  readonly existingSecret?: string;
  /**
   * External OIDC, Proxied or Custom access: the URL users reach the UI at (`platform.baseUrl`), which builds the
   * redirect URI. In Direct mode each cluster's `dashboardAddress` sets it instead.
   * @default - none
   */
  readonly baseUrl?: string;
  /**
   * External OIDC: `oidc.callbackUrl`, only when the UI is behind a proxy and `<baseUrl>/auth/callback` is not
   * reachable.
   * @default - the pack's `<baseUrl>/auth/callback`
   */
  readonly callbackUrl?: string;
  /**
   * The Day 0 local admin account (`features.localAuth.enabled`), signing in at `/local-login`. The docs' bootstrap
   * order for External OIDC turns it on for the first deploy. Needs `localAdminPassword`.
   * @default - true for Local, false otherwise (the presets' values)
   */
  readonly localAdmin?: boolean;
  /**
   * The local admin password, as a sensitive Terraform variable's value (never a literal): the profile declares the
   * sensitive variable `LOCAL_ADMIN_PASSWORD` and every attachment sets it. Required for Local and when
   * `localAdmin` is true.
   * @default - none
   */
  readonly localAdminPassword?: string;
}

/** The profile variable the Local Auth and External OIDC presets reference (authentication-options.md). */
export const LOCAL_ADMIN_PASSWORD_VARIABLE = "LOCAL_ADMIN_PASSWORD";
/** The profile variable the client secret travels in (the docs' name for it, from the Keycloak preset). */
export const OIDC_CLIENT_SECRET_VARIABLE = "OIDC_CLIENT_SECRET";

const ref = (name: string) => `{{ .spectro.var.${name} }}`;

/** What an authentication choice writes under `charts.virtual-machine-orchestrator.vmo-manager`, and what it needs. */
export interface AuthenticationSeed {
  /** Values below the `vmo-manager` root, by top-level key. */
  readonly managerValues: { readonly [key: string]: unknown };
  /** Whether OIDC is on, so `platform.baseUrl` builds a redirect URI (Direct mode writes the address there). */
  readonly oidc: boolean;
  /** Sensitive profile variables the values reference. */
  readonly variables: readonly ProfileVariable[];
  /** Values attachments set for those variables (Terraform tokens). */
  readonly attachmentVariables: { readonly [name: string]: string };
}

/**
 * The values each mode applies, exactly as authentication-options.md tables them (paths below `vmo-manager`):
 * Palette-managed OIDC: `oidc.enabled`, `palette.managedOidc` true (plus the local admin its info box describes);
 * Local Auth: OIDC off, the IdP keys reset to "", `features.localAuth` on with `LOCAL_ADMIN_PASSWORD`;
 * External OIDC: OIDC on, `palette.managedOidc` false, local auth off with the password referenced, plus the
 * IdP's own values (configure-external-oidc.md, "Configure the VMO Pack").
 */
export function authenticationSeed(auth: VmoAuthentication): AuthenticationSeed {
  const mode = auth.mode ?? VmoAuthMode.PALETTE_OIDC;
  const variables: ProfileVariable[] = [];
  const attachmentVariables: Record<string, string> = {};
  const sensitive = (name: string, description: string, value: string | undefined) => {
    variables.push({ name, displayName: name, description, isSensitive: true });
    if (value !== undefined) attachmentVariables[name] = value;
  };
  const localAuth = (enabled: boolean) => ({ localAuth: { enabled, adminPassword: ref(LOCAL_ADMIN_PASSWORD_VARIABLE) } });
  const passwordVariable = () =>
    sensitive(
      LOCAL_ADMIN_PASSWORD_VARIABLE,
      "VMO Day 0 local admin password (user admin, /local-login); set by Terraform from a sensitive variable.",
      auth.localAdminPassword,
    );

  if (mode === VmoAuthMode.LOCAL) {
    passwordVariable();
    return {
      oidc: false,
      variables,
      attachmentVariables,
      managerValues: {
        palette: { managedOidc: false },
        oidc: { enabled: false, issuerUrl: "", clientSecret: "", callbackUrl: "" },
        identity: { keycloakAdminClientSecret: "" },
        platform: { baseUrl: "" },
        features: localAuth(true),
      },
    };
  }
  if (mode === VmoAuthMode.EXTERNAL_OIDC) {
    passwordVariable();
    const oidc: Record<string, unknown> = { enabled: true, issuerUrl: auth.issuerUrl };
    if (auth.clientId !== undefined) oidc.clientId = auth.clientId;
    if (auth.clientSecret !== undefined) {
      oidc.clientSecret = ref(OIDC_CLIENT_SECRET_VARIABLE);
      sensitive(OIDC_CLIENT_SECRET_VARIABLE, "VMO OIDC client secret; set by Terraform from a sensitive variable.", auth.clientSecret);
    }
    if (auth.callbackUrl !== undefined) oidc.callbackUrl = auth.callbackUrl;
    const values: Record<string, unknown> = { palette: { managedOidc: false }, oidc };
    if (auth.baseUrl !== undefined) values.platform = { baseUrl: auth.baseUrl };
    values.features = localAuth(auth.localAdmin ?? false);
    if (auth.existingSecret !== undefined) {
      values.secrets = { create: false };
      values.existingSecret = auth.existingSecret;
    }
    return { oidc: true, variables, attachmentVariables, managerValues: values };
  }
  // Palette-managed OIDC: the base values already say so; seeding them makes the choice visible in review.
  const values: Record<string, unknown> = { palette: { managedOidc: true }, oidc: { enabled: true } };
  if (auth.localAdminPassword !== undefined || auth.localAdmin) {
    passwordVariable();
    values.features = localAuth(auth.localAdmin ?? true);
  }
  return { oidc: true, variables, attachmentVariables, managerValues: values };
}

/** Which fields each mode takes. */
const FIELDS_BY_MODE: { readonly [mode: string]: readonly (keyof VmoAuthentication)[] } = {
  [VmoAuthMode.PALETTE_OIDC]: ["mode", "localAdmin", "localAdminPassword"],
  [VmoAuthMode.EXTERNAL_OIDC]: [
    "mode",
    "issuerUrl",
    "clientId",
    "clientSecret",
    "existingSecret",
    "baseUrl",
    "callbackUrl",
    "localAdmin",
    "localAdminPassword",
  ],
  [VmoAuthMode.LOCAL]: ["mode", "localAdmin", "localAdminPassword"],
};

const SECRET_FIX = "Pass a sensitive Terraform variable's value (in config: { secret: <terraform variable name> }); the pipeline sets it as TF_VAR_<name>.";

/**
 * Problems with an authentication choice, fields under `authentication`. `layoutSince410` is false for packs before
 * 4.10.0, which offer only Palette-managed OIDC (upgrade-vmo-pack.md, "IdP choice"; no local admin fallback).
 */
export function authenticationProblems(auth: VmoAuthentication, opts: { readonly layoutSince410: boolean; readonly direct: boolean }): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const at = (field: keyof VmoAuthentication): FieldPath => ["authentication", field];
  const mode = auth.mode ?? VmoAuthMode.PALETTE_OIDC;
  if (!VMO_AUTH_MODES.includes(mode)) {
    return [{ field: at("mode"), message: `"${mode}" is not a VMO authentication mode; ${expectedOneOf(String(mode), VMO_AUTH_MODES)}.` }];
  }
  for (const [key, value] of Object.entries(auth)) {
    if (value !== undefined && !FIELDS_BY_MODE[mode].includes(key as keyof VmoAuthentication)) {
      out.push({ field: at(key as keyof VmoAuthentication), message: `${key} does not apply to authentication mode "${mode}"; remove it.` });
    }
  }
  if (!opts.layoutSince410 && (mode !== VmoAuthMode.PALETTE_OIDC || auth.localAdmin || auth.localAdminPassword !== undefined)) {
    out.push({
      field: mode !== VmoAuthMode.PALETTE_OIDC ? at("mode") : at("localAdminPassword"),
      message: `VMO packs before 4.10.0 offer only Palette-managed OIDC, with no local admin (upgrade-vmo-pack.md).`,
      fix: `Upgrade vmoVersion to 4.10.0 or later, or leave authentication out.`,
    });
    return out;
  }
  for (const key of ["clientSecret", "localAdminPassword"] as const) {
    const value = auth[key];
    if (value !== undefined && !Token.isUnresolved(value)) {
      out.push({
        field: at(key),
        message: `${key} is given as a literal: it would be written into cdk.tf.json, the Terraform state and the Palette profile in clear.`,
        fix: SECRET_FIX,
      });
    }
  }
  const needsPassword = mode === VmoAuthMode.LOCAL || auth.localAdmin === true;
  if (needsPassword && auth.localAdminPassword === undefined) {
    out.push({
      field: at("localAdminPassword"),
      message: `${mode === VmoAuthMode.LOCAL ? "Local auth" : "the local admin account"} needs the LOCAL_ADMIN_PASSWORD profile variable, and no localAdminPassword is given.`,
      fix: SECRET_FIX,
    });
  }
  if (mode === VmoAuthMode.LOCAL && auth.localAdmin === false) {
    out.push({ field: at("localAdmin"), message: `Local auth with the local admin off leaves no way to sign in; remove localAdmin or choose another mode.` });
  }
  if (mode === VmoAuthMode.EXTERNAL_OIDC) {
    if (auth.issuerUrl === undefined) {
      out.push({
        field: at("issuerUrl"),
        message: `External OIDC needs the IdP's issuer URL; without it VMO Manager cannot start its OIDC provider ("Authentication service unavailable", configure-external-oidc.md).`,
      });
    } else out.push(...urlProblems(auth.issuerUrl, at("issuerUrl"), "issuerUrl"));
    if ((auth.clientSecret === undefined) === (auth.existingSecret === undefined)) {
      out.push({
        field: at(auth.clientSecret === undefined ? "clientSecret" : "existingSecret"),
        message:
          auth.clientSecret === undefined
            ? `External OIDC needs the client secret: give clientSecret (a sensitive variable) or existingSecret (a Kubernetes Secret with OIDC_CLIENT_SECRET and SESSION_KEY).`
            : `give either clientSecret or existingSecret, not both.`,
      });
    }
    if (auth.baseUrl !== undefined) {
      if (opts.direct) {
        out.push({
          field: at("baseUrl"),
          message: `in Direct access each cluster reaches the UI at its own address, which its dashboardAddress writes to platform.baseUrl.`,
          fix: "Remove authentication.baseUrl and give each cluster its dashboardAddress.",
        });
      } else out.push(...urlProblems(auth.baseUrl, at("baseUrl"), "baseUrl"));
    }
    if (auth.callbackUrl !== undefined) out.push(...urlProblems(auth.callbackUrl, at("callbackUrl"), "callbackUrl"));
  }
  return out;
}

/** An http(s) URL, or a token; `what` names it in the message. */
export function urlProblems(value: string, field: FieldPath, what: string): ValidationProblem[] {
  if (Token.isUnresolved(value)) return [];
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || /\s/.test(value)) {
    return [{ field, message: `${what} "${value}" is not an http(s) URL; give the full address, such as "https://198.51.100.42".` }];
  }
  return [];
}
