import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { INVENTORY_FORMAT, InventoryError, parseInventory, readInventoryFile } from "../../lib/testing/inventory";

const root = path.resolve(__dirname, "..", "..");
const fixture = path.join(root, "lib", "testing", "fixtures", "inventory.json");

test("the committed JSON Schema is generated from the InventoryFile type (npm run inventory-schema)", () => {
  const { inventorySchema, target } = require(path.join(root, "scripts", "inventory-schema.js"));
  expect(fs.readFileSync(target, "utf8")).toBe(inventorySchema());
}, 30_000);

test("the packaged sample inventory is of the current format and points editors at the schema", () => {
  const doc = JSON.parse(fs.readFileSync(fixture, "utf8"));
  expect(doc.format).toBe(INVENTORY_FORMAT);
  expect(doc.$schema).toBe("./inventory.schema.json");
  const inv = readInventoryFile(fixture);
  // The README's consumer example: project Edge with cluster edge-a.
  expect(inv.projects.map((p) => p.name)).toEqual(expect.arrayContaining(["Dev", "Production", "Edge"]));
  expect(inv.clusters.filter((c) => c.project === "Edge").map((c) => c.name)).toEqual(expect.arrayContaining(["edge-a"]));
});

test("a file without `format` reads as format 1; another format is a clear error, not a crash", () => {
  expect(parseInventory({ projects: [{ name: "P", uid: "1" }] }, "inv.json").projects).toEqual([{ name: "P", uid: "1" }]);
  expect(() => parseInventory({ format: 2, projects: [] }, "inv.json")).toThrow(
    new InventoryError(
      "offline provider: inventory inv.json: format: format 2, expected 1: this release of palette-vmo-cdktf reads inventory format 1; rewrite the file against dist/testing/fixtures/inventory.schema.json (the packaged fixtures/inventory.json is an example)",
    ),
  );
  expect(() => parseInventory({ format: "1" }, "inv.json")).toThrow('format "1", expected 1');
});

test.each([
  [[], "inventory x.json: (root): expected an object with projects, registries, packs and clusters, found array"],
  [{ project: [] }, "inventory x.json: project: unknown key; allowed: $schema, //, format, projects, registries, packs, clusters, clusterProfiles"],
  [{ clusters: {} }, "inventory x.json: clusters: expected a list, found object"],
  [{ clusters: ["edge"] }, "inventory x.json: clusters[0]: expected an object, found string"],
  [{ clusters: [{ uid: "u" }] }, "inventory x.json: clusters[0].name: missing; expected a string"],
  [{ clusters: [{ uid: "u", name: "n", virtual: "no" }] }, 'inventory x.json: clusters[0].virtual: expected a boolean, found string "no"'],
  [
    { packs: [{ name: "p", registry: "r", versions: [], cloudTypes: ["all", 1] }] },
    'inventory x.json: packs[0].cloudTypes: expected a string[], found array ["all",1]',
  ],
])("malformed inventory %j names the entry and field", (doc, message) => {
  expect(() => parseInventory(doc, "x.json")).toThrow(message);
});

test("unreadable and unparsable files name the file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inventory-"));
  expect(() => readInventoryFile(path.join(dir, "missing.json"))).toThrow(`inventory ${path.join(dir, "missing.json")}: cannot be read (ENOENT)`);
  fs.writeFileSync(path.join(dir, "bad.json"), "{");
  expect(() => readInventoryFile(path.join(dir, "bad.json"))).toThrow(`inventory ${path.join(dir, "bad.json")}: not valid JSON:`);
  fs.writeFileSync(path.join(dir, "inv.yaml"), "format: 1\nprojects:\n  - { name: Y, uid: '2' }\n");
  expect(readInventoryFile(path.join(dir, "inv.yaml")).projects).toEqual([{ name: "Y", uid: "2" }]);
});
