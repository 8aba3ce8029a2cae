import { parse } from "yaml";
import { AccessMode, PaletteCluster, VmoAddonProfile, VmoAddonProfileProps, VmoAuthMode, VmoClusterAttachment } from "../lib";
import { TerraformVariable } from "../lib/cdktf";
import { Construct } from "constructs";
import { resources, synth, synthError } from "./util";

const secret = (s: Construct, name: string) => new TerraformVariable(s, name, { type: "string", sensitive: true }).stringValue;

/** The synthesized JSON, the VMO manager values, the profile variables and the attachment's variables. */
function build(props: (s: Construct) => Partial<VmoAddonProfileProps>) {
  const json = synth((s) => {
    const profile = new VmoAddonProfile(s, "P", { name: "vmo", ...props(s) });
    new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterName(s, "C", "dc-1") });
  });
  const profile = resources(json, "spectrocloud_cluster_profile")[0];
  const values = parse(profile.pack.find((p: any) => p.name === "virtual-machine-orchestrator").values);
  return {
    json,
    manager: values.charts["virtual-machine-orchestrator"]["vmo-manager"],
    variables: profile.profile_variables.variable,
    attached: resources(json, "spectrocloud_addon_deployment")[0].cluster_profile[0].variables,
  };
}

describe("External OIDC", () => {
  const external = (s: Construct) => ({
    authentication: {
      mode: VmoAuthMode.EXTERNAL_OIDC,
      issuerUrl: "https://acme.okta.com",
      clientId: "vmo",
      clientSecret: secret(s, "vmo_oidc_client_secret"),
      localAdmin: true,
      localAdminPassword: secret(s, "vmo_local_admin_password"),
    },
  });

  test("seeds the preset and the IdP values; secrets are profile variable references", () => {
    const { manager } = build(external);
    expect(manager.palette).toEqual({ enabled: true, managedIngress: true, serviceName: "vm-dashboard", managedOidc: false });
    expect(manager.oidc).toEqual({ enabled: true, issuerUrl: "https://acme.okta.com", clientId: "vmo", clientSecret: "{{ .spectro.var.OIDC_CLIENT_SECRET }}" });
    expect(manager.features).toEqual({ localAuth: { enabled: true, adminPassword: "{{ .spectro.var.LOCAL_ADMIN_PASSWORD }}" } });
  });

  test("the profile declares both secrets as sensitive variables and the attachment sets them from the Terraform variables", () => {
    const { json, variables, attached } = build(external);
    expect(variables.filter((v: any) => v.is_sensitive).map((v: any) => v.name)).toEqual(["LOCAL_ADMIN_PASSWORD", "OIDC_CLIENT_SECRET"]);
    expect(variables.every((v: any) => v.default_value === undefined)).toBe(true);
    expect(attached).toMatchObject({ LOCAL_ADMIN_PASSWORD: "${var.vmo_local_admin_password}", OIDC_CLIENT_SECRET: "${var.vmo_oidc_client_secret}" });
    expect((json as any).variable).toMatchObject({ vmo_oidc_client_secret: { sensitive: true }, vmo_local_admin_password: { sensitive: true } });
  });

  test("an existing Secret replaces the client secret variable", () => {
    const { manager, variables } = build(() => ({
      authentication: { mode: VmoAuthMode.EXTERNAL_OIDC, issuerUrl: "https://acme.okta.com", existingSecret: "vmo-manager-oidc" },
    }));
    expect(manager.secrets).toEqual({ create: false });
    expect(manager.existingSecret).toBe("vmo-manager-oidc");
    expect(manager.oidc.clientSecret).toBeUndefined();
    expect(manager.features.localAuth.enabled).toBe(false);
    expect(variables.map((v: any) => v.name)).toEqual(["LOCAL_ADMIN_PASSWORD", "vmo_profile_revision"]);
  });

  test("a literal client secret is an error naming the field and the fix", () => {
    expect(
      synthError(
        (s) =>
          new VmoAddonProfile(s, "P", { name: "vmo", authentication: { mode: VmoAuthMode.EXTERNAL_OIDC, issuerUrl: "https://idp", clientSecret: "hunter2" } }),
      ),
    ).toContain(
      "[test/P/Vmo] authentication.clientSecret: clientSecret is given as a literal: it would be written into cdk.tf.json, the Terraform state and the Palette profile in clear. Pass a sensitive Terraform variable's value (in config: { secret: <terraform variable name> }); the pipeline sets it as TF_VAR_<name>.",
    );
  });

  test("no issuer, no secret: both reported", () => {
    const err = synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", authentication: { mode: VmoAuthMode.EXTERNAL_OIDC } }));
    expect(err).toContain("authentication.issuerUrl: External OIDC needs the IdP's issuer URL");
    expect(err).toContain("authentication.clientSecret: External OIDC needs the client secret: give clientSecret (a sensitive variable) or existingSecret");
  });

  test("Direct access refuses a profile-wide baseUrl: each cluster's dashboardAddress sets it", () => {
    expect(
      synthError(
        (s) =>
          new VmoAddonProfile(s, "P", {
            name: "vmo",
            accessMode: AccessMode.DIRECT,
            authentication: { mode: VmoAuthMode.EXTERNAL_OIDC, issuerUrl: "https://idp", existingSecret: "x", baseUrl: "https://vmo.example.com" },
          }),
      ),
    ).toContain(
      "authentication.baseUrl: in Direct access each cluster reaches the UI at its own address, which its dashboardAddress writes to platform.baseUrl. Remove authentication.baseUrl",
    );
  });
});

describe("Local auth", () => {
  test("seeds exactly the documented table", () => {
    const { manager, variables } = build((s) => ({ authentication: { mode: VmoAuthMode.LOCAL, localAdminPassword: secret(s, "pw") } }));
    expect(manager.palette.managedOidc).toBe(false);
    expect(manager.oidc).toEqual({ enabled: false, issuerUrl: "", clientSecret: "", callbackUrl: "" });
    expect(manager.identity).toEqual({ keycloakAdminClientSecret: "" });
    expect(manager.platform).toEqual({ baseUrl: "" });
    expect(manager.features).toEqual({ localAuth: { enabled: true, adminPassword: "{{ .spectro.var.LOCAL_ADMIN_PASSWORD }}" } });
    expect(variables[0]).toMatchObject({ name: "LOCAL_ADMIN_PASSWORD", is_sensitive: true });
  });

  test("needs the password", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", authentication: { mode: VmoAuthMode.LOCAL } }))).toContain(
      "authentication.localAdminPassword: Local auth needs the LOCAL_ADMIN_PASSWORD profile variable, and no localAdminPassword is given.",
    );
  });
});

describe("Palette-managed OIDC (the default)", () => {
  test("seeds managedOidc and no variables", () => {
    const { manager, variables } = build(() => ({}));
    expect(manager.palette.managedOidc).toBe(true);
    expect(manager.oidc).toEqual({ enabled: true });
    expect(manager.features).toBeUndefined();
    expect(variables.map((v: any) => v.name)).toEqual(["vmo_profile_revision"]);
  });

  test("fields of other modes are refused", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", authentication: { issuerUrl: "https://idp" } }))).toContain(
      'authentication.issuerUrl: issuerUrl does not apply to authentication mode "palette-oidc"; remove it.',
    );
  });

  test("VMO before 4.10 offers no other mode", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", vmoVersion: "4.9.9", authentication: { mode: VmoAuthMode.LOCAL } }))).toContain(
      "authentication.mode: VMO packs before 4.10.0 offer only Palette-managed OIDC, with no local admin (upgrade-vmo-pack.md). Upgrade vmoVersion to 4.10.0 or later",
    );
  });

  test("a user variable may not reuse a name the values reference", () => {
    expect(
      synthError(
        (s) =>
          new VmoAddonProfile(s, "P", {
            name: "vmo",
            accessMode: AccessMode.DIRECT,
            variables: [{ name: "vmo_dashboard_address" }],
          }),
      ),
    ).toContain('variables[0].name: "vmo_dashboard_address" is declared by the profile itself');
  });
});
