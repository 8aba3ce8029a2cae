// The policy rules' barrel: the rule interface, the registry, VmoChecks and suppressions.
export * from "./rule";
export * from "./registry";
export * from "./suppressions";
export * from "./vmo-checks";
export * from "./vmo-001-vmo-own-add-on-profile";
export * from "./vmo-002-proxied-needs-spectro-proxy";
export * from "./vmo-003-proxy-vm-dashboard-integration";
export * from "./vmo-004-vmo-upgrade-path";
export * from "./vmo-005-no-volume-snapshot-controller";
export * from "./vmo-006-direct-dashboard-service";
export * from "./vmo-007-proxy-on-running-cluster";
export * from "./vmo-008-attachment-prevent-destroy";
export * from "./vmo-009-no-cluster-admin-binding";
export * from "./vmo-010-no-duplicate-subject-binding";
export * from "./vmo-011-no-inline-secrets";
export * from "./vmo-012-no-insecure-tls";
export * from "./vmo-018-palette-vm-role-paired";
