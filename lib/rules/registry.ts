// Every VMO rule in id order: the one list VmoChecks runs and docs/RULES.md is generated from.
import { IVmoRule } from "./rule";
import { VMO_001 } from "./vmo-001-vmo-own-add-on-profile";
import { VMO_002 } from "./vmo-002-proxied-needs-spectro-proxy";
import { VMO_003 } from "./vmo-003-proxy-vm-dashboard-integration";
import { VMO_004 } from "./vmo-004-vmo-upgrade-path";
import { VMO_005 } from "./vmo-005-no-volume-snapshot-controller";
import { VMO_006 } from "./vmo-006-direct-dashboard-service";
import { VMO_007 } from "./vmo-007-proxy-on-running-cluster";
import { VMO_008 } from "./vmo-008-attachment-prevent-destroy";
import { VMO_009 } from "./vmo-009-no-cluster-admin-binding";
import { VMO_010 } from "./vmo-010-no-duplicate-subject-binding";
import { VMO_011 } from "./vmo-011-no-inline-secrets";
import { VMO_012 } from "./vmo-012-no-insecure-tls";
import { VMO_013 } from "./vmo-013-bound-group-without-vmo-role";
import { VMO_014 } from "./vmo-014-service-account-no-vmo-role";
import { VMO_015 } from "./vmo-015-namespace-scoped-vmo-role";
import { VMO_016 } from "./vmo-016-oidc-prefixes-mirrored";
import { VMO_017 } from "./vmo-017-direct-dashboard-address";
import { VMO_018 } from "./vmo-018-palette-vm-role-paired";
import { VMO_020 } from "./vmo-020-vm-needs-vmo-attachment";
import { VMO_021 } from "./vmo-021-vm-needs-boot-source";
import { VMO_022 } from "./vmo-022-cloud-init-no-inline-password";
import { VMO_023 } from "./vmo-023-golden-image-managed-namespace";
import { VMO_024 } from "./vmo-024-vm-prevent-destroy";

/** Every VMO rule, in id order. VmoChecks runs all of them; docs/RULES.md is generated from this list. */
export const VMO_RULES: readonly IVmoRule[] = [
  VMO_001,
  VMO_002,
  VMO_003,
  VMO_004,
  VMO_005,
  VMO_006,
  VMO_007,
  VMO_008,
  VMO_009,
  VMO_010,
  VMO_011,
  VMO_012,
  VMO_013,
  VMO_014,
  VMO_015,
  VMO_016,
  VMO_017,
  VMO_018,
  VMO_020,
  VMO_021,
  VMO_022,
  VMO_023,
  VMO_024,
];

const BY_ID = new Map(VMO_RULES.map((r) => [r.id, r]));

/** The rule with this id, or undefined. */
export function findVmoRule(id: string): IVmoRule | undefined {
  return BY_ID.get(id);
}
