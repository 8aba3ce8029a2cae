/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2020" } }] },
  setupFiles: ["<rootDir>/test/setup-env.js"],
  setupFilesAfterEnv: ["<rootDir>/test/setup-jest.js"],
  testTimeout: 120000,
};
