// The validator's checks on hand-made Terraform JSON: each schema check and each provider runtime rule gets a
// failing case (exact rule id, JSON path and message) and a passing one. The base fixture is a clean stack that
// does not use our construct ids, as another team's stack would look.
import * as fs from "node:fs";
import * as path from "node:path";
import { checkDocument, Finding, SchemaIndex } from "../../lib/validate";
import { AccessMode, PaletteCluster, VmoAddonProfile, VmoClusterAttachment } from "../../lib";
import { synth } from "../util";

const FIXTURE = path.join(__dirname, "..", "fixtures", "validate", "base.cdk.tf.json");
const FILE = "stacks/team-stack/cdk.tf.json";
const index = SchemaIndex.load();

type Doc = Record<string, any>;
const base = (): Doc => JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
const profile = (doc: Doc) => doc.resource.spectrocloud_cluster_profile.Profile;
const attach = (doc: Doc) => doc.resource.spectrocloud_addon_deployment.Attach;
const P = "resource.spectrocloud_cluster_profile.Profile";
const A = "resource.spectrocloud_addon_deployment.Attach";

function check(mutate: (doc: Doc) => void = () => undefined) {
  const doc = base();
  mutate(doc);
  return checkDocument(doc, FILE, index);
}
const findings = (mutate: (doc: Doc) => void): Finding[] => check(mutate).findings;

/** The only finding (of `rule`, when given); fails when there is not exactly one. */
function one(mutate: (doc: Doc) => void, rule?: string): Finding {
  const all = findings(mutate).filter((f) => !rule || f.rule === rule);
  expect(all).toHaveLength(1);
  expect(all[0].file).toBe(FILE);
  expect(all[0].fix.length).toBeGreaterThan(10);
  return all[0];
}

const expectFinding = (f: Finding, rule: string, at: string, message: string) =>
  expect({ rule: f.rule, path: f.path, message: f.message }).toEqual({ rule, path: at, message });

test("the base fixture and a stack synthesized from our constructs are clean", () => {
  const r = check();
  expect(r.findings).toEqual([]);
  expect(r).toMatchObject({ stack: "team-stack", resources: 5, references: 9, skippedExpressions: 0, skippedBlocks: 0 });
  const json = synth((stack) => {
    const p = new VmoAddonProfile(stack, "Vmo", { name: "team-vmo", accessMode: AccessMode.DIRECT });
    new VmoClusterAttachment(stack, "Attach", { profile: p, cluster: PaletteCluster.fromClusterName(stack, "Cluster", "team-edge") });
  });
  const synthesized = checkDocument(json, "synth.json", index);
  expect(synthesized.findings).toEqual([]);
  expect(synthesized.resources).toBeGreaterThanOrEqual(4);
});

describe("types", () => {
  test("unknown-type for a spectrocloud_ type, with the closest name", () => {
    const f = one((d) => (d.resource.spectrocloud_cluster_profil = { X: { name: "x" } }));
    expectFinding(
      f,
      "unknown-type",
      "resource.spectrocloud_cluster_profil",
      "spectrocloud_cluster_profil is not a resource type of the spectrocloud provider 0.29.9. Did you mean `spectrocloud_cluster_profile`?",
    );
  });

  test("unknown-type says when a data source type is declared as a resource", () => {
    const f = one((d) => (d.resource.spectrocloud_pack_simple = { X: { name: "x", type: "manifest" } }));
    expectFinding(
      f,
      "unknown-type",
      "resource.spectrocloud_pack_simple",
      'spectrocloud_pack_simple is not a resource type of the spectrocloud provider 0.29.9. It is a data source type: declare it under "data".',
    );
  });

  test("other providers' types are skipped and counted, not reported", () => {
    const r = check((d) => {
      d.resource.aws_instance = { web: { ami: "ami-1", bogus_attribute: true } };
      d.data.random_thing = { a: {}, b: {} };
    });
    expect(r.findings).toEqual([]);
    expect(r.skippedBlocks).toBe(3);
  });
});

describe("attributes and blocks", () => {
  test("unknown-attribute with a did-you-mean hint", () => {
    const f = one((d) => (profile(d).pack[1].nmae = "x"));
    expectFinding(
      f,
      "unknown-attribute",
      `${P}.pack[1].nmae`,
      'spectrocloud_cluster_profile.pack has no attribute or block "nmae"; expected one of: manifest, name, registry_name, registry_uid, tag, type, uid, values. Did you mean `name`?',
    );
  });

  test("meta-arguments and cdktf // metadata are not attributes", () => {
    expect(
      findings((d) => {
        Object.assign(attach(d), { count: 2, provider: "spectrocloud", provisioner: [{ "local-exec": { command: "true" } }], connection: { host: "h" } });
        Object.assign(d.data.spectrocloud_pack.Vmo, { for_each: '${toset(["a"])}', depends_on: ["data.spectrocloud_registry.Public"], "//": { note: "x" } });
      }),
    ).toEqual([]);
  });

  test("missing-required attribute", () => {
    expectFinding(
      one((d) => delete attach(d).cluster_uid),
      "missing-required",
      `${A}.cluster_uid`,
      'spectrocloud_addon_deployment requires attribute "cluster_uid", which is not set.',
    );
    // null is unset in Terraform JSON
    expectFinding(
      one((d) => (attach(d).cluster_uid = null)),
      "missing-required",
      `${A}.cluster_uid`,
      'spectrocloud_addon_deployment requires attribute "cluster_uid", which is not set.',
    );
  });

  test("missing-required nested block", () => {
    const f = one((d) => (profile(d).profile_variables = [{}]));
    expectFinding(
      f,
      "missing-required",
      `${P}.profile_variables[0].variable`,
      'spectrocloud_cluster_profile.profile_variables requires at least 1 "variable" block, found none.',
    );
    expect(findings((d) => (profile(d).profile_variables = [{ variable: [{ name: "a", display_name: "A" }] }]))).toEqual([]);
  });

  test("read-only-set for computed-only attributes; optional+computed ones may be set", () => {
    const f = one((d) => (d.data.spectrocloud_pack.Vmo.values = "x: 1"));
    expectFinding(
      f,
      "read-only-set",
      "data.spectrocloud_pack.Vmo.values",
      '"values" of spectrocloud_pack is read-only (computed by the provider), but the configuration sets it to string "x: 1".',
    );
    expect(findings((d) => (attach(d).id = "custom"))).toEqual([]);
  });

  test("wrong-type names the found and expected type", () => {
    expectFinding(
      one((d) => (profile(d).tags = "team:vmo")),
      "wrong-type",
      `${P}.tags`,
      '"tags" of spectrocloud_cluster_profile must be set(string), found string "team:vmo".',
    );
    const nested = one((d) => (attach(d).cluster_profile[0].variables = { priority: { nested: 1 } }));
    expectFinding(
      nested,
      "wrong-type",
      `${A}.cluster_profile[0].variables.priority`,
      '"variables" of spectrocloud_addon_deployment.cluster_profile must be map(string) (at .priority: string), found an object with keys nested.',
    );
    expectFinding(
      one((d) => (d.provider.spectrocloud[0].retry_attempts = "ten")),
      "wrong-type",
      "provider.spectrocloud[0].retry_attempts",
      '"retry_attempts" of provider spectrocloud must be number, found string "ten".',
    );
  });

  test("values Terraform converts, and tokens, are accepted for any type", () => {
    expect(
      findings((d) => {
        profile(d).tags = ["team:vmo", "${var.edge_cluster}"];
        profile(d).description = 42;
        d.provider.spectrocloud[0].retry_attempts = "3";
        d.provider.spectrocloud[0].trace = "false";
        d.provider.spectrocloud[0].feature_flag = "${var.edge_cluster}";
      }),
    ).toEqual([]);
  });

  test("block-count outside min/max items", () => {
    const variable = { variable: [{ name: "a", display_name: "A" }] };
    const f = one((d) => (profile(d).profile_variables = [variable, variable]), "block-count");
    expectFinding(f, "block-count", `${P}.profile_variables`, 'spectrocloud_cluster_profile has 2 "profile_variables" blocks, expected 0 to 1.');
    // One block may also be written as an object.
    expect(findings((d) => (profile(d).profile_variables = variable))).toEqual([]);
  });

  test("item-count on a list attribute with min_items", () => {
    const f = one(
      (d) =>
        (d.resource.spectrocloud_cluster_aws = {
          C: {
            name: "c",
            cloud_account_id: "a",
            cloud_config: [{ region: "us-east-1", ssh_key_name: "k" }],
            machine_pool: [{ name: "p", count: 1, instance_type: "t3.large", azs: [] }],
          },
        }),
      "item-count",
    );
    expectFinding(
      f,
      "item-count",
      "resource.spectrocloud_cluster_aws.C.machine_pool[0].azs",
      '"azs" of spectrocloud_cluster_aws.machine_pool has 0 elements, expected 1 to any number.',
    );
  });

  test("dynamic blocks: content is checked, counts and required blocks are not", () => {
    const f = one((d) => {
      delete profile(d).pack;
      profile(d).dynamic = { pack: { for_each: "${var.edge_cluster}", iterator: "p", content: { tag: "${p.value.tag}" } } };
    });
    expectFinding(f, "missing-required", `${P}.dynamic.pack.content.name`, 'spectrocloud_cluster_profile.pack requires attribute "name", which is not set.');
    const unknown = one((d) => (profile(d).dynamic = { packs: { for_each: "${var.edge_cluster}", content: {} } }));
    expect(unknown.rule).toBe("unknown-attribute");
    expect(unknown.path).toBe(`${P}.dynamic.packs`);
    expect(unknown.message).toContain("Did you mean `pack`?");
  });

  test("lifecycle.ignore_changes must name attributes", () => {
    const f = one((d) => (attach(d).lifecycle.ignore_changes = ["cluster_profiles"]));
    expectFinding(
      f,
      "unknown-attribute",
      `${A}.lifecycle.ignore_changes[0]`,
      'lifecycle.ignore_changes names "cluster_profiles", which spectrocloud_addon_deployment does not have. Did you mean `cluster_profile`?',
    );
  });
});

describe("value validators", () => {
  test("enum", () => {
    const f = one((d) => (profile(d).context = "galaxy"));
    expectFinding(f, "enum", `${P}.context`, '"context" of spectrocloud_cluster_profile is "galaxy"; expected one of "", "project", "tenant", "system".');
    const typo = one((d) => (attach(d).apply_setting = "DownloadAndInstal"));
    expectFinding(
      typo,
      "enum",
      `${A}.apply_setting`,
      '"apply_setting" of spectrocloud_addon_deployment is "DownloadAndInstal"; expected one of "DownloadAndInstall", "DownloadAndInstallLater". Did you mean `DownloadAndInstall`?',
    );
    expect(findings((d) => (attach(d).apply_setting = "DownloadAndInstallLater"))).toEqual([]);
    expect(findings((d) => (attach(d).context = "${var.edge_cluster}"))).toEqual([]);
  });

  test("enum on collection elements", () => {
    const f = one((d) => (d.data.spectrocloud_pack.Filtered = { name: "k8sgpt", advance_filters: [{ pack_type: ["spectro", "helmm"] }] }));
    expectFinding(
      f,
      "enum",
      "data.spectrocloud_pack.Filtered.advance_filters[0].pack_type[1]",
      'element string "helmm" of "pack_type" is not allowed; expected one of "spectro", "helm", "manifest", "oci". Did you mean `helm`?',
    );
    expect(findings((d) => (d.data.spectrocloud_pack.Filtered = { name: "k8sgpt", advance_filters: [{ pack_type: ["helm"] }] }))).toEqual([]);
  });

  test("value-range, disallowed-value, not-empty and pattern", () => {
    const vc = (extra: object) => (d: Doc) => (d.resource.spectrocloud_virtual_cluster = { V: { name: "v", ...extra } });
    expectFinding(
      one(vc({ force_delete_delay: 5 }), "value-range"),
      "value-range",
      "resource.spectrocloud_virtual_cluster.V.force_delete_delay",
      '"force_delete_delay" of spectrocloud_virtual_cluster is 5; expected a number at least 20.',
    );
    expect(findings(vc({ force_delete_delay: 20 })).filter((f) => f.rule === "value-range")).toEqual([]);
    expectFinding(
      one(vc({ cluster_group_uid: "" }), "disallowed-value"),
      "disallowed-value",
      "resource.spectrocloud_virtual_cluster.V.cluster_group_uid",
      '"cluster_group_uid" of spectrocloud_virtual_cluster is "", which the provider rejects (not allowed: "").',
    );
    expectFinding(
      one((d) => (d.provider.spectrocloud[0].project_name = "")),
      "not-empty",
      "provider.spectrocloud[0].project_name",
      '"project_name" of provider spectrocloud is an empty string; the provider requires a non-empty value.',
    );
    const user = (email: string) => (d: Doc) => (d.resource.spectrocloud_user = { U: { email, first_name: "a", last_name: "b" } });
    expectFinding(
      one(user("not-an-email"), "pattern"),
      "pattern",
      "resource.spectrocloud_user.U.email",
      '"email" of spectrocloud_user is "not-an-email", which does not match /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$/.',
    );
    expect(findings(user("a@example.com")).filter((f) => f.rule === "pattern")).toEqual([]);
  });
});

describe("cross-attribute rules", () => {
  test("conflicts-with; an unknown (token) value does not conflict yet", () => {
    const f = one((d) => (d.data.spectrocloud_project = { P: { id: "x", name: "Team" } }));
    expectFinding(f, "conflicts-with", "data.spectrocloud_project.P.id", '"id" of spectrocloud_project conflicts with name, and both are set.');
    expect(findings((d) => (d.data.spectrocloud_project = { P: { id: "x", name: "${var.edge_cluster}" } }))).toEqual([]);
    expect(findings((d) => (d.data.spectrocloud_project = { P: { name: "Team" } }))).toEqual([]);
  });

  test("conflicts-with on a nested key (backup_policy.0.x)", () => {
    const f = one(
      (d) =>
        (d.resource.spectrocloud_virtual_cluster = {
          V: {
            name: "v",
            backup_policy: [
              {
                backup_location_id: "b",
                expiry_in_hour: 1,
                prefix: "p",
                schedule: "0 * * * *",
                include_cluster_resources: true,
                include_cluster_resources_mode: "Always",
              },
            ],
          },
        }),
      "conflicts-with",
    );
    expectFinding(
      f,
      "conflicts-with",
      "resource.spectrocloud_virtual_cluster.V.backup_policy[0].include_cluster_resources",
      '"include_cluster_resources" of spectrocloud_virtual_cluster conflicts with backup_policy.0.include_cluster_resources_mode, and both are set.',
    );
  });

  test("exactly-one-of: none, both, one", () => {
    expectFinding(
      one((d) => (d.data.spectrocloud_cluster_profile = { C: { context: "project" } })),
      "exactly-one-of",
      "data.spectrocloud_cluster_profile.C",
      "spectrocloud_cluster_profile needs exactly one of id, name; found none set.",
    );
    expectFinding(
      one((d) => (d.data.spectrocloud_cluster_profile = { C: { id: "1", name: "n" } })),
      "exactly-one-of",
      "data.spectrocloud_cluster_profile.C",
      "spectrocloud_cluster_profile needs exactly one of id, name; found id, name all set.",
    );
    expect(findings((d) => (d.data.spectrocloud_cluster_profile = { C: { name: "n" } }))).toEqual([]);
    expect(findings((d) => (d.data.spectrocloud_cluster_profile = { C: { name: "${var.edge_cluster}" } }))).toEqual([]);
  });

  test("at-least-one-of", () => {
    expectFinding(
      one((d) => (d.data.spectrocloud_registration_token = { T: {} })),
      "at-least-one-of",
      "data.spectrocloud_registration_token.T",
      "spectrocloud_registration_token needs at least one of id, name; found none set.",
    );
    expect(findings((d) => (d.data.spectrocloud_registration_token = { T: { name: "t" } }))).toEqual([]);
  });

  test("required-with", () => {
    const azure = (cloudConfig: object) => (d: Doc) =>
      (d.resource.spectrocloud_cluster_azure = {
        Z: { name: "z", cloud_account_id: "a", cloud_config: [{ region: "r", resource_group: "g", ssh_key: "k", subscription_id: "s", ...cloudConfig }] },
      });
    const f = one(azure({ virtual_network_name: "vnet" }), "required-with");
    expectFinding(
      f,
      "required-with",
      "resource.spectrocloud_cluster_azure.Z.cloud_config[0].virtual_network_name",
      '"virtual_network_name" of spectrocloud_cluster_azure requires all of cloud_config.0.control_plane_subnet, cloud_config.0.network_resource_group, cloud_config.0.virtual_network_cidr_block, cloud_config.0.virtual_network_name, cloud_config.0.worker_node_subnet; missing cloud_config.0.control_plane_subnet, cloud_config.0.network_resource_group, cloud_config.0.virtual_network_cidr_block, cloud_config.0.worker_node_subnet.',
    );
    const full = {
      virtual_network_name: "v",
      network_resource_group: "n",
      virtual_network_cidr_block: "10.0.0.0/16",
      control_plane_subnet: [{ name: "c", cidr_block: "10.0.1.0/24" }],
      worker_node_subnet: [{ name: "w", cidr_block: "10.0.2.0/24" }],
    };
    expect(findings(azure(full)).filter((x) => x.rule === "required-with")).toEqual([]);
  });
});

describe("references", () => {
  test("dangling resource, data source, attribute, variable and local references", () => {
    expectFinding(
      one((d) => (attach(d).cluster_profile[0].id = "${spectrocloud_cluster_profile.Profle.id}")),
      "dangling-reference",
      `${A}.cluster_profile[0].id`,
      "${spectrocloud_cluster_profile.Profle.id} points at resource spectrocloud_cluster_profile.Profle, which is not declared in this stack; declared spectrocloud_cluster_profile: Profile. Did you mean `Profile`?",
    );
    expectFinding(
      one((d) => (attach(d).cluster_uid = "${data.spectrocloud_cluster.Edge.uid}")),
      "dangling-reference",
      `${A}.cluster_uid`,
      '${data.spectrocloud_cluster.Edge.uid} points at "uid", which data.spectrocloud_cluster.Edge does not have. Did you mean `id`?',
    );
    expectFinding(
      one((d) => (attach(d).cluster_uid = "${data.spectrocloud_clusters.Edge.id}")),
      "dangling-reference",
      `${A}.cluster_uid`,
      "${data.spectrocloud_clusters.Edge.id} points at data source data.spectrocloud_clusters.Edge, which is not declared in this stack; declared data.spectrocloud_clusters: none.",
    );
    expectFinding(
      one((d) => (profile(d).name = "vmo-${var.edge}")),
      "dangling-reference",
      `${P}.name`,
      '${var.edge} points at variable "edge", which is not declared in this file; declared: edge_cluster.',
    );
    expectFinding(
      one((d) => (d.output["profile-id"].value = "${local.nope}")),
      "dangling-reference",
      "output.profile-id.value",
      '${local.nope} points at local value "nope", which is not declared in this file; declared: profile_name.',
    );
  });

  test("a bare name in ${...} (a literal meant as text) is a dangling reference; an escaped $${ is text", () => {
    expectFinding(
      one((d) => (profile(d).description = "PATH=${PATH}:/opt/bin")),
      "dangling-reference",
      `${P}.description`,
      '${PATH} is a bare name, not a reference Terraform can resolve (it fails with "Invalid reference"); to write a literal "${", escape it as "$${".',
    );
    expect(findings((d) => (profile(d).description = "PATH=$${PATH}:/opt/bin"))).toEqual([]);
    // Names a template's own `%{ for }` directive declares are not references.
    expect(findings((d) => (profile(d).description = '%{ for s in ["a", "b"] }${s}%{ endfor }'))).toEqual([]);
  });

  test("nested attribute paths, instance keys and computed objects resolve", () => {
    const r = check((d) => {
      d.output.a = { value: "${data.spectrocloud_cluster_profile.C.pack[0].name}" };
      d.output.b = { value: "${spectrocloud_cluster_profile.Profile.pack[0].uid}" };
      d.output.c = { value: "${spectrocloud_addon_deployment.Attach[0].cluster_profile}" };
      d.data.spectrocloud_cluster_profile = { C: { name: "n" } };
    });
    expect(r.findings).toEqual([]);
    expect(r.references).toBe(12);
    const bad = one((d) => {
      d.output.a = { value: "${data.spectrocloud_cluster_profile.C.pack[0].nam}" };
      d.data.spectrocloud_cluster_profile = { C: { name: "n" } };
    });
    expect(bad.message).toContain(
      'points at "nam", which data.spectrocloud_cluster_profile.C.pack[0] (object({manifest, name, registry_uid, tag, type, uid, values})) does not have.',
    );
    expect(bad.message).toContain("Did you mean `name`?");
  });

  test("expressions that are not plain references are skipped and counted; escapes are not expressions", () => {
    const r = check((d) => {
      d.output.f = { value: '${lookup(var.nope, "k")}' };
      d.output.g = { value: '${var.edge_cluster == "" ? "a" : "b"}' };
      d.output.h = { value: "%{ if true }x%{ endif }" };
      d.output.i = { value: "$${not.a.reference}" };
      d.output.j = { value: "${each.value}" };
    });
    expect(r.findings).toEqual([]);
    expect(r.skippedExpressions).toBe(5);
  });

  test("depends_on and the provider meta-argument must point at declared blocks", () => {
    expectFinding(
      one((d) => (attach(d).depends_on = ["spectrocloud_cluster_profile.Other"])),
      "dangling-reference",
      `${A}.depends_on[0]`,
      '"spectrocloud_cluster_profile.Other" points at resource spectrocloud_cluster_profile.Other, which is not declared in this stack; declared spectrocloud_cluster_profile: Profile.',
    );
    expectFinding(
      one((d) => (attach(d).provider = "spectrocloud.prod")),
      "dangling-reference",
      `${A}.provider`,
      'provider "spectrocloud.prod" is not configured in this stack; declared: spectrocloud (no aliases).',
    );
    expect(
      findings((d) => {
        d.provider.spectrocloud.push({ alias: "prod", project_name: "Prod" });
        attach(d).provider = "spectrocloud.prod";
      }),
    ).toEqual([]);
  });
});

describe("top level", () => {
  test("unknown-top-level", () => {
    expectFinding(
      one((d) => (d.resources = {})),
      "unknown-top-level",
      "resources",
      '"resources" is not a top-level Terraform JSON key; expected one of: terraform, provider, resource, data, variable, output, locals, module, import, check, moved, removed, ephemeral. Did you mean `resource`?',
    );
  });

  test("terraform, import, moved, removed and check blocks are understood; check data sources are validated", () => {
    const extra = (d: Doc) => {
      d.import = [{ to: "spectrocloud_cluster_profile.Profile", id: "uid:project" }];
      d.moved = [{ from: "spectrocloud_cluster_profile.Old", to: "spectrocloud_cluster_profile.Profile" }];
      d.removed = [{ from: "spectrocloud_cluster_profile.Gone", lifecycle: { destroy: false } }];
      d.check = {
        healthy: {
          data: { spectrocloud_cluster: { Probe: { name: "edge" } } },
          assert: [{ condition: '${data.spectrocloud_cluster.Probe.health == "Running"}', error_message: "x" }],
        },
      };
    };
    expect(findings(extra)).toEqual([]);
    const f = one((d) => {
      extra(d);
      d.check.healthy.data.spectrocloud_cluster.Probe = { nmae: "edge" };
    }, "unknown-attribute");
    expect(f.path).toBe("check.healthy.data.spectrocloud_cluster.Probe.nmae");
  });

  test("provider block attributes are checked; other providers' blocks are not", () => {
    const f = one((d) => {
      d.provider.spectrocloud[0].projectname = "x";
      d.provider.aws = [{ region: "us-east-1" }];
    });
    expectFinding(
      f,
      "unknown-attribute",
      "provider.spectrocloud[0].projectname",
      'provider spectrocloud has no attribute or block "projectname"; expected one of: api_key, feature_flag, feature_preview, host, ignore_insecure_tls_error, project_name, retry_attempts, trace. Did you mean `project_name`?',
    );
  });
});

describe("provider runtime rules", () => {
  test("pack-source: a non-manifest pack needs uid or name + tag + registry", () => {
    const f = one((d) => {
      delete profile(d).pack[0].uid;
      delete profile(d).pack[0].tag;
    });
    expectFinding(
      f,
      "pack-source",
      `${P}.pack[0]`,
      'spectro pack "virtual-machine-orchestrator" has no uid, so the provider resolves it from name + tag + registry, but tag is missing.',
    );
    const noRegistry = one((d) => {
      delete profile(d).pack[0].uid;
      delete profile(d).pack[0].registry_uid;
      profile(d).pack[0].type = "helm";
    });
    expectFinding(
      noRegistry,
      "pack-source",
      `${P}.pack[0]`,
      'helm pack "virtual-machine-orchestrator" has no uid, so the provider resolves it from name + tag + registry, but registry_uid or registry_name is missing.',
    );
    expect(
      findings((d) => {
        delete profile(d).pack[0].uid;
        delete profile(d).pack[0].registry_uid;
        profile(d).pack[0].registry_name = "Public Repo";
        delete profile(d).pack[1].tag; // manifest packs are exempt
      }),
    ).toEqual([]);
  });

  test("pack-source also holds for an add-on deployment's per-cluster pack overrides", () => {
    const f = one((d) => {
      attach(d).cluster_profile[0].pack = [{ name: "virtual-machine-orchestrator", tag: "4.10.7", values: "a: 1" }];
    });
    expectFinding(
      f,
      "pack-source",
      `${A}.cluster_profile[0].pack[0]`,
      'spectro pack "virtual-machine-orchestrator" has no uid, so the provider resolves it from name + tag + registry, but registry_uid or registry_name is missing.',
    );
    expect(
      findings((d) => {
        attach(d).cluster_profile[0].pack = [
          { name: "virtual-machine-orchestrator", tag: "4.10.7", uid: "u", values: "a: 1" },
          { name: "vmo-role-bindings", type: "manifest", manifest: [{ name: "m", content: "a: 1" }] },
        ];
      }),
    ).toEqual([]);
  });

  test("pack-registry-conflict", () => {
    const f = one((d) => (profile(d).pack[0].registry_name = "Public Repo"));
    expectFinding(
      f,
      "pack-registry-conflict",
      `${P}.pack[0]`,
      'pack "virtual-machine-orchestrator" sets both registry_uid and registry_name; the provider accepts one of them.',
    );
  });

  test("duplicate-name for packs and manifests", () => {
    const f = one((d) => (profile(d).pack[1].name = "virtual-machine-orchestrator"));
    expectFinding(
      f,
      "duplicate-name",
      `${P}.pack[1].name`,
      `pack name "virtual-machine-orchestrator" is used twice in the cluster profile (first at ${P}.pack[0]); the provider needs it unique.`,
    );
    const m = one((d) => profile(d).pack[1].manifest.push({ name: "bindings", content: "x" }));
    expectFinding(
      m,
      "duplicate-name",
      `${P}.pack[1].manifest[1].name`,
      `manifest name "bindings" is used twice in pack "role-bindings" (first at ${P}.pack[1].manifest[0]); the provider needs it unique.`,
    );
  });

  test("profile-cloud-type: cloud all only for add-on profiles", () => {
    const f = one((d) => (profile(d).type = "cluster"));
    expectFinding(
      f,
      "profile-cloud-type",
      `${P}.cloud`,
      'cluster profile type is "cluster" with cloud "all"; the provider allows cloud "all" only for type "add-on".',
    );
    expect(
      findings((d) => {
        profile(d).type = "cluster";
        profile(d).cloud = "edge-native";
      }),
    ).toEqual([]);
  });

  test("addon-profile-count: exactly one cluster_profile per add-on deployment", () => {
    expectFinding(
      one((d) => attach(d).cluster_profile.push({ id: "other" })),
      "addon-profile-count",
      `${A}.cluster_profile`,
      "spectrocloud_addon_deployment has 2 cluster_profile blocks; the provider allows exactly one per add-on deployment.",
    );
    expectFinding(
      one((d) => {
        delete attach(d).cluster_profile;
        attach(d).lifecycle.ignore_changes = [];
      }),
      "addon-profile-count",
      `${A}.cluster_profile`,
      "spectrocloud_addon_deployment has 0 cluster_profile blocks; the provider allows exactly one per add-on deployment.",
    );
  });

  test("addon-deployment-disabled by the provider's feature flag", () => {
    const f = one((d) => (d.provider.spectrocloud[0].feature_flag = { disable_addon_deployment_resource: true }));
    expectFinding(
      f,
      "addon-deployment-disabled",
      A,
      "the provider configuration sets feature_flag.disable_addon_deployment_resource = true, which makes every plan of spectrocloud_addon_deployment fail.",
    );
    expect(findings((d) => (d.provider.spectrocloud[0].feature_flag = { disable_addon_deployment_resource: false }))).toEqual([]);
  });

  test("pack-simple-registry: registry_uid is required except for manifest packs", () => {
    const f = one((d) => (d.data.spectrocloud_pack_simple = { S: { name: "nginx", type: "helm" } }));
    expectFinding(
      f,
      "pack-simple-registry",
      "data.spectrocloud_pack_simple.S.registry_uid",
      'spectrocloud_pack_simple of type "helm" has no registry_uid; the provider requires it for every type except "manifest".',
    );
    expect(findings((d) => (d.data.spectrocloud_pack_simple = { S: { name: "nginx", type: "manifest" } }))).toEqual([]);
  });
});
