// The layering rules, checked in `npm test` (npm run lint). Data flows config -> stacks -> constructs and
// pipeline -> stacks; docs/ARCHITECTURE.md states the same rules in words.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "Modules form no import cycle.", from: {}, to: { circular: true } },
    {
      name: "lib-is-self-contained",
      severity: "error",
      comment: "The construct library (lib/) is what consumers import: it never reaches into stacks/, scripts/, test/, bench/ or main.ts.",
      from: { path: "^lib/" },
      to: { path: "^(stacks|scripts|test|bench)/|^main\\.ts$" },
    },
    {
      name: "one-cdktf-import",
      severity: "error",
      comment: "cdktf is archived: every import of it goes through lib/cdktf.ts, so moving to cdktn is a rename there.",
      from: { path: "^(lib|stacks|main\\.ts)", pathNot: "^lib/cdktf\\.ts$" },
      to: { path: "node_modules/cdktf/" },
    },
    {
      name: "stacks-do-not-import-the-pipeline",
      severity: "error",
      comment: "The pipeline drives stacks, not the other way round.",
      from: { path: "^stacks/", pathNot: "^stacks/pipeline/" },
      to: { path: "^stacks/pipeline/" },
    },
    {
      name: "config-below-stacks",
      severity: "error",
      comment: "The config layer (stacks/config) reads files and checks them; it knows no stack, app or pipeline.",
      from: { path: "^stacks/config/" },
      to: { path: "^stacks/(?!config/)" },
    },
    {
      name: "subpackages-through-their-index",
      severity: "error",
      comment: "Outside lib/, the validator and the offline provider are used through their public entry points (what consumers get).",
      from: { path: "^(stacks|scripts|main\\.ts)" },
      to: { path: "^lib/(validate|testing)/(?!index\\.ts$)" },
    },
    {
      name: "no-build-output",
      severity: "error",
      comment: "TypeScript sources never load transpiled output (.build/, dist/): the pipeline calls commands in-process.",
      from: { path: "^(lib|stacks|main\\.ts)" },
      to: { path: "^(\\.build|dist)/" },
    },
    {
      name: "no-test-code-in-product",
      severity: "error",
      from: { path: "^(lib|stacks|scripts|main\\.ts)" },
      to: { path: "^test/" },
    },
  ],
  options: {
    // Build output is not followed (or cruised as source) but stays visible as a target, so no-build-output fires.
    doNotFollow: { path: "node_modules|^(\\.build|dist)/" },
    exclude: { path: "^(cdktf\\.out|packages/provider-spectrocloud/(src|dist))/" },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports are dependencies too: a cycle of types is still a cycle a newcomer trips over.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["require", "default", "types"], extensions: [".ts", ".js", ".d.ts"] },
  },
};
