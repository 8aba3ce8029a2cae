// VMO-012: the Palette API key must only travel over verified TLS.
import { IConstruct } from "constructs";
import { TerraformProvider, Token } from "../cdktf";
import { overrideAt } from "./helpers";
import { IVmoRule, VmoRuleLevel } from "./rule";

/** VMO-012: the Palette API key must only travel over verified TLS. */
export const VMO_012: IVmoRule = {
  id: "VMO-012",
  name: "no-insecure-tls",
  level: VmoRuleLevel.ERROR,
  description:
    "The spectrocloud provider sets ignore_insecure_tls_error = true (PaletteProvider has no such property; this catches the escape hatch, an addOverride or a provider created directly).",
  rationale:
    "Error: Terraform would skip TLS verification of the Palette API and send the API key (SPECTROCLOUD_APIKEY) to anyone able to intercept the connection; there is a safe alternative for private CAs, so there is no reason to ship this.",
  fix: "Remove ignore_insecure_tls_error. For a self-hosted Palette with a private CA, trust the CA on the machine that runs Terraform (system trust store or SSL_CERT_FILE) instead.",
  docUrl: "https://registry.terraform.io/providers/spectrocloud/spectrocloud/latest/docs#ignore_insecure_tls_error",
  check(construct: IConstruct): string[] {
    if (!TerraformProvider.isTerraformProvider(construct) || construct.terraformResourceType !== "spectrocloud") return [];
    const override = overrideAt(construct, ["ignore_insecure_tls_error"]);
    const value = override.found ? override.value : (construct as { ignoreInsecureTlsError?: unknown }).ignoreInsecureTlsError;
    if (value !== true && !(typeof value === "string" && !Token.isUnresolved(value) && value.toLowerCase() === "true")) return [];
    return ["the spectrocloud provider sets ignore_insecure_tls_error = true; the Palette API key would be sent over unverified TLS."];
  },
};
