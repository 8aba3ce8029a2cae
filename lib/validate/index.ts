// `palette-vmo-cdktf/validate`: the offline validator of synthesized Terraform JSON, as a library.
export { checkDocument, findStackFiles, InputError, readStackFile, validatePath } from "./engine";
export type { FileReport, Report, Summary, ValidateOptions } from "./engine";
export { RULES } from "./findings";
export type { Finding, RuleId } from "./findings";
export { formatHuman, formatJson, summaryLine } from "./report";
export { runCli, USAGE } from "./cli";
export type { CliIo } from "./cli";
export { defaultSchemaIndex, findSchemaDir, PROVIDER_VERSION, SchemaIndex } from "./schema-index";
export type { AttrSpec, BlockSpec, BlockTypeSpec, TypeExpr, TypeSpec } from "./schema-index";
