// VMO-022: cloud-init user data carries no inlined password.
import { IConstruct } from "constructs";
import { parse } from "yaml";
import { Token } from "../cdktf";
import { VirtualMachine } from "../virtual-machine";
import { VmCloudInit } from "../vm-spec";
import { VmTemplate } from "../vm-template";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-022: cloud-init user data carries no inlined password. */
export const VMO_022: IVmoRule = {
  id: "VMO-022",
  name: "cloud-init-no-inline-password",
  level: VmoRuleLevel.ERROR,
  description:
    "A VirtualMachine's or VmTemplate's literal cloud-init userData sets a password: a `password`, `plain_text_passwd` or `chpasswd` list/users entry (the pattern of the docs' examples, `password: spectro`). Terraform tokens (a sensitive variable) and userDataSecretName are fine; messages name the key, never the value.",
  rationale:
    "Error: the user data is written in clear to cdk.tf.json, the Terraform state and, for templates, the Palette profile every cluster of the profile receives; anyone who can read one of them can log in to every VM made from it.",
  fix: "Use SSH keys (ssh_authorized_keys), keep the user data in a Kubernetes Secret (cloudInit.userDataSecretName), or pass the whole user data from a sensitive Terraform variable (config: userData: { secret: <name> }).",
  docUrl: "https://docs.spectrocloud.com/vm-management/create-manage-vm/create-vm-template/",
  check(construct: IConstruct): RuleFinding[] {
    if (VirtualMachine.isVirtualMachine(construct)) return findings(construct.cloudInit, `VM "${construct.vmName}"`);
    if (VmTemplate.isVmTemplate(construct)) return findings(construct.spec.cloudInit, `template "${construct.templateName}"`);
    return [];
  },
};

function findings(cloudInit: VmCloudInit | undefined, what: string): RuleFinding[] {
  const userData = cloudInit?.userData;
  if (userData === undefined || Token.isUnresolved(userData)) return [];
  return inlinePasswordKeys(userData).map((key) => ({
    field: ["cloudInit", "userData"],
    message: `${what}'s cloud-init userData sets a password (${key}); it would be readable in cdk.tf.json and the Terraform state.`,
  }));
}

const PASSWORD_KEYS = new Set(["password", "plain_text_passwd", "passwd"]);

/** The cloud-config keys (as paths) that carry a password, or, when the data is not YAML, the matched line's key. */
export function inlinePasswordKeys(userData: string): string[] {
  let doc: unknown;
  try {
    doc = parse(userData);
  } catch {
    doc = undefined;
  }
  if (doc === null || typeof doc !== "object") {
    // A shell script or unparseable data: look for `password:`-like lines and chpasswd calls.
    const m = /^\s*(password|plain_text_passwd|passwd)\s*:\s*\S/m.exec(userData) ?? /\bchpasswd\b.*:\S/.exec(userData);
    return m ? [m[1] ?? "chpasswd"] : [];
  }
  const out: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        const at = path ? `${path}.${k}` : k;
        // users[].passwd is a hash; a hash is still a credential kept in clear text, but the docs' pattern is the plain password.
        if (PASSWORD_KEYS.has(k) && (typeof v === "string" || typeof v === "number") && String(v) !== "" && !(k === "passwd" && !path.includes("users")))
          out.push(at);
        else if (k === "list" && path.endsWith("chpasswd") && (typeof v === "string" || Array.isArray(v)) && String(v).includes(":")) out.push(at);
        else walk(v, at);
      }
    }
  };
  walk(doc, "");
  return out;
}
