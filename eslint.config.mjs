// ESLint (flat config) with typescript-eslint's recommended rules, run by `npm run lint` inside `npm test`.
// Formatting is Prettier's job (.prettierrc.json); ESLint checks code, not layout.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".build/",
      "dist/",
      "cdktf.out/",
      "coverage/",
      "packages/provider-spectrocloud/src/",
      "packages/provider-spectrocloud/dist/",
      ".offline/",
      ".tmp/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: {
        process: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        console: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URL: "readonly",
        fetch: "readonly",
      },
    },
    rules: {
      // `_` marks a parameter a signature needs but the body does not.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // The Terraform JSON and plan documents we read are untyped by nature; `any` there is deliberate.
      "@typescript-eslint/no-explicit-any": "off",
      // Error causes need lib es2022; the code targets es2020 (Node 20 consumers with cdktf's template: es2018 lib).
      "preserve-caught-error": "off",
    },
  },
  {
    // CommonJS scripts and jest setup: require() is their module system.
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The offline provider plugin loads its modules lazily: terraform launches it 2-5 times per command.
    files: ["lib/testing/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
    languageOptions: {
      globals: {
        describe: "readonly",
        test: "readonly",
        expect: "readonly",
        beforeAll: "readonly",
        afterAll: "readonly",
        beforeEach: "readonly",
        afterEach: "readonly",
        jest: "readonly",
        it: "readonly",
      },
    },
  },
);
