import { PackValuesError, atPath, deepMerge, getPath, parsePackValues, renderYaml } from "../lib/values";

describe("parsePackValues", () => {
  test("reads a YAML mapping", () => {
    expect(parsePackValues("charts:\n  a: 1\n", "values")).toEqual({ charts: { a: 1 } });
  });

  test("takes an object as it is and treats undefined or an empty document as no override", () => {
    expect(parsePackValues({ a: { b: true } }, "values")).toEqual({ a: { b: true } });
    expect(parsePackValues(undefined, "values")).toEqual({});
    expect(parsePackValues("", "values")).toEqual({});
    expect(parsePackValues("# only a comment\n", "values")).toEqual({});
  });

  test("invalid YAML names the field and the position", () => {
    expect(() => parsePackValues("charts:\n  a: [1, 2\n", "profiles[0].values")).toThrow(PackValuesError);
    expect(() => parsePackValues("charts:\n  a: [1, 2\n", "profiles[0].values")).toThrow(
      /^profiles\[0\]\.values: invalid YAML at line \d+, column \d+: .*Fix the YAML syntax\.$/,
    );
  });

  test("duplicate keys are a YAML error", () => {
    expect(() => parsePackValues("a: 1\na: 2\n", "values")).toThrow(/values: invalid YAML at line 2/);
  });

  test("a scalar or a list at the top level is rejected with what was found", () => {
    expect(() => parsePackValues("just text", "values")).toThrow('values: expected a YAML mapping at the top level, got the string "just text"');
    expect(() => parsePackValues("- a\n- b\n", "values")).toThrow("values: expected a YAML mapping at the top level, got a list");
    expect(() => parsePackValues([1] as any, "values")).toThrow("values: expected a mapping of values, got a list");
    expect(() => parsePackValues(42 as any, "values")).toThrow("values: expected a mapping of values, got a number (42)");
  });
});

describe("deepMerge", () => {
  test("merges maps key by key, replaces lists and scalars, deletes on null", () => {
    const base = { a: { b: 1, c: [1, 2], d: "x" }, keep: true };
    const merged = deepMerge(base, { a: { b: 2, c: [3], d: null, e: { f: 1 } } });
    expect(merged).toEqual({ a: { b: 2, c: [3], e: { f: 1 } }, keep: true });
  });

  test("does not modify its inputs", () => {
    const base = { a: { b: 1 } };
    const override = { a: { c: { d: [1] } } };
    const merged = deepMerge(base, override);
    (merged.a as any).c.d.push(2);
    expect(base).toEqual({ a: { b: 1 } });
    expect(override).toEqual({ a: { c: { d: [1] } } });
  });
});

describe("paths and rendering", () => {
  test("getPath reads keys that contain dots as single segments", () => {
    const v = { pack: { "spectrocloud.com/install-priority": "90" } };
    expect(getPath(v, ["pack", "spectrocloud.com/install-priority"])).toBe("90");
    expect(getPath(v, ["pack", "missing", "deeper"])).toBeUndefined();
    expect(atPath(["a", "b"], 1)).toEqual({ a: { b: 1 } });
  });

  test("reads and writes YAML 1.1 as Helm does: octal modes, and yes/on strings stay strings", () => {
    expect(parsePackValues("mode: 0644\n", "values")).toEqual({ mode: 420 });
    expect(renderYaml({ a: "yes", b: "on", c: "0644", d: "1:20" })).toBe('a: "yes"\nb: "on"\nc: "0644"\nd: "1:20"\n');
  });

  test("renders stable YAML and nothing for empty values", () => {
    expect(renderYaml({})).toBeUndefined();
    const yaml = renderYaml({ b: { long: "x".repeat(200) }, a: 1 });
    expect(yaml).toBe(`b:\n  long: ${"x".repeat(200)}\na: 1\n`);
  });
});
