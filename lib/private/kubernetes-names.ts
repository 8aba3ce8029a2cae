// Kubernetes' own name rules, with the API server's wording, for the objects our manifest layers create.
// Source: k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain) and
// pkg/api/validation/path (IsValidPathSegmentName); namespaces are DNS-1123 labels (ValidateNamespaceName),
// ServiceAccount names DNS-1123 subdomains (ValidateServiceAccountName), RoleBinding names path segments
// (rbac ValidateRoleBindingName).

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export const DNS1123_LABEL_RULE =
  "Kubernetes: \"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\" and \"must be no more than 63 characters\"";
export const DNS1123_SUBDOMAIN_RULE =
  "Kubernetes: \"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\" and \"must be no more than 253 characters\"";
export const PATH_SEGMENT_RULE = "Kubernetes: a RoleBinding name \"may not be '.'\", \"may not be '..'\", \"may not contain '/'\" and \"may not contain '%'\"";

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && SUBDOMAIN.test(value);
}

export function isPathSegmentName(value: string): boolean {
  return value !== "" && value !== "." && value !== ".." && !/[/%]/.test(value);
}

/** True when `value` holds a control character, a newline among them. */
export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

/** A string as messages show it: JSON-quoted, so a newline or a control character is visible as an escape. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
}
