/**
 * Wire definitions of the messages this plugin exchanges with Terraform: tfplugin6 (protocol 6.8, as
 * shipped with Terraform 1.11.4), go-plugin's internal controller/stdio/broker services and
 * grpc.health.v1. Only the messages and fields the plugin reads or writes are listed; the decoder skips
 * any other field, so newer clients that add fields still work. Names and numbers follow the public
 * protocol specification.
 */
import { Codec, FieldDef, withMapEntries } from "./protobuf";

const f = (name: string, no: number, kind: string, card?: FieldDef["card"]): FieldDef => ({ name, no, kind, card });

const table: Record<string, FieldDef[]> = {
  Empty: [],
  DynamicValue: [f("msgpack", 1, "bytes"), f("json", 2, "bytes")],
  Diagnostic: [f("severity", 1, "enum"), f("summary", 2, "string"), f("detail", 3, "string"), f("attribute", 4, "AttributePath")],
  AttributePath: [f("steps", 1, "AttributePath.Step", "repeated")],
  "AttributePath.Step": [f("attribute_name", 1, "string", "oneof"), f("element_key_string", 2, "string", "oneof"), f("element_key_int", 3, "int64", "oneof")],
  RawState: [f("json", 1, "bytes"), f("flatmap", 2, "string", "map")],
  Schema: [f("version", 1, "int64"), f("block", 2, "Schema.Block")],
  "Schema.Block": [
    f("version", 1, "int64"),
    f("attributes", 2, "Schema.Attribute", "repeated"),
    f("block_types", 3, "Schema.NestedBlock", "repeated"),
    f("description", 4, "string"),
    f("description_kind", 5, "enum"),
    f("deprecated", 6, "bool"),
  ],
  "Schema.Attribute": [
    f("name", 1, "string"),
    f("type", 2, "bytes"),
    f("description", 3, "string"),
    f("required", 4, "bool"),
    f("optional", 5, "bool"),
    f("computed", 6, "bool"),
    f("sensitive", 7, "bool"),
    f("description_kind", 8, "enum"),
    f("deprecated", 9, "bool"),
  ],
  "Schema.NestedBlock": [
    f("type_name", 1, "string"),
    f("block", 2, "Schema.Block"),
    f("nesting", 3, "enum"),
    f("min_items", 4, "int64"),
    f("max_items", 5, "int64"),
  ],
  ServerCapabilities: [f("plan_destroy", 1, "bool"), f("get_provider_schema_optional", 2, "bool"), f("move_resource_state", 3, "bool")],
  TypeName: [f("type_name", 1, "string")],

  "GetMetadata.Response": [
    f("server_capabilities", 1, "ServerCapabilities"),
    f("diagnostics", 2, "Diagnostic", "repeated"),
    f("data_sources", 3, "TypeName", "repeated"),
    f("resources", 4, "TypeName", "repeated"),
  ],
  "GetProviderSchema.Response": [
    f("provider", 1, "Schema"),
    f("resource_schemas", 2, "Schema", "map"),
    f("data_source_schemas", 3, "Schema", "map"),
    f("diagnostics", 4, "Diagnostic", "repeated"),
    f("server_capabilities", 6, "ServerCapabilities"),
  ],
  "ValidateProviderConfig.Request": [f("config", 1, "DynamicValue")],
  "ValidateProviderConfig.Response": [f("diagnostics", 2, "Diagnostic", "repeated")],
  "UpgradeResourceState.Request": [f("type_name", 1, "string"), f("version", 2, "int64"), f("raw_state", 3, "RawState")],
  "UpgradeResourceState.Response": [f("upgraded_state", 1, "DynamicValue"), f("diagnostics", 2, "Diagnostic", "repeated")],
  "ValidateConfig.Request": [f("type_name", 1, "string"), f("config", 2, "DynamicValue")],
  "Diagnostics.Response": [f("diagnostics", 1, "Diagnostic", "repeated")],
  "ConfigureProvider.Request": [f("terraform_version", 1, "string"), f("config", 2, "DynamicValue")],
  "ReadResource.Request": [f("type_name", 1, "string"), f("current_state", 2, "DynamicValue"), f("private", 3, "bytes")],
  "ReadResource.Response": [f("new_state", 1, "DynamicValue"), f("diagnostics", 2, "Diagnostic", "repeated"), f("private", 3, "bytes")],
  "PlanResourceChange.Request": [
    f("type_name", 1, "string"),
    f("prior_state", 2, "DynamicValue"),
    f("proposed_new_state", 3, "DynamicValue"),
    f("config", 4, "DynamicValue"),
    f("prior_private", 5, "bytes"),
  ],
  "PlanResourceChange.Response": [
    f("planned_state", 1, "DynamicValue"),
    f("requires_replace", 2, "AttributePath", "repeated"),
    f("planned_private", 3, "bytes"),
    f("diagnostics", 4, "Diagnostic", "repeated"),
    f("legacy_type_system", 5, "bool"),
  ],
  "ApplyResourceChange.Request": [
    f("type_name", 1, "string"),
    f("prior_state", 2, "DynamicValue"),
    f("planned_state", 3, "DynamicValue"),
    f("config", 4, "DynamicValue"),
    f("planned_private", 5, "bytes"),
  ],
  "ApplyResourceChange.Response": [
    f("new_state", 1, "DynamicValue"),
    f("private", 2, "bytes"),
    f("diagnostics", 3, "Diagnostic", "repeated"),
    f("legacy_type_system", 4, "bool"),
  ],
  "ImportResourceState.Request": [f("type_name", 1, "string"), f("id", 2, "string")],
  "ImportResourceState.ImportedResource": [f("type_name", 1, "string"), f("state", 2, "DynamicValue"), f("private", 3, "bytes")],
  "ImportResourceState.Response": [
    f("imported_resources", 1, "ImportResourceState.ImportedResource", "repeated"),
    f("diagnostics", 2, "Diagnostic", "repeated"),
  ],
  "ReadDataSource.Request": [f("type_name", 1, "string"), f("config", 2, "DynamicValue")],
  "ReadDataSource.Response": [f("state", 1, "DynamicValue"), f("diagnostics", 2, "Diagnostic", "repeated")],
  "StopProvider.Response": [f("Error", 1, "string")],
  // The plugin offers no functions, so field 1 (map<string, Function>) is always empty and left out.
  "GetFunctions.Response": [f("diagnostics", 2, "Diagnostic", "repeated")],

  // grpc.health.v1.HealthCheckResponse: status 1 = SERVING.
  HealthCheckResponse: [f("status", 1, "enum")],
};

export const codec = new Codec(withMapEntries(table));

export const enum Severity {
  ERROR = 1,
  WARNING = 2,
}

export const NESTING: Readonly<Record<string, number>> = { single: 1, list: 2, set: 3, map: 4, group: 5 };

/** gRPC method path → request and response message names. Streams are served open and silent. */
export const PROVIDER_METHODS: Readonly<Record<string, readonly [string, string]>> = {
  GetMetadata: ["Empty", "GetMetadata.Response"],
  GetProviderSchema: ["Empty", "GetProviderSchema.Response"],
  ValidateProviderConfig: ["ValidateProviderConfig.Request", "ValidateProviderConfig.Response"],
  ValidateResourceConfig: ["ValidateConfig.Request", "Diagnostics.Response"],
  ValidateDataResourceConfig: ["ValidateConfig.Request", "Diagnostics.Response"],
  UpgradeResourceState: ["UpgradeResourceState.Request", "UpgradeResourceState.Response"],
  ConfigureProvider: ["ConfigureProvider.Request", "Diagnostics.Response"],
  ReadResource: ["ReadResource.Request", "ReadResource.Response"],
  PlanResourceChange: ["PlanResourceChange.Request", "PlanResourceChange.Response"],
  ApplyResourceChange: ["ApplyResourceChange.Request", "ApplyResourceChange.Response"],
  ImportResourceState: ["ImportResourceState.Request", "ImportResourceState.Response"],
  ReadDataSource: ["ReadDataSource.Request", "ReadDataSource.Response"],
  GetFunctions: ["Empty", "GetFunctions.Response"],
  StopProvider: ["Empty", "StopProvider.Response"],
};
