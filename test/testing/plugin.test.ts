// The plugin without Terraform: go-plugin handshake and AutoMTLS as Terraform's client does them, the
// msgpack/protobuf codecs, and the SDK-style planning and validation rules.
import { spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as http2 from "node:http2";
import * as path from "node:path";
import * as fs from "node:fs";
import { buildModule, loadTesting, scratch } from "./helpers";
import type * as CertModule from "../../lib/testing/cert";
import type * as CtyModule from "../../lib/testing/cty";
import type * as ProviderModule from "../../lib/testing/provider";
import type * as Tf6Module from "../../lib/testing/tfplugin6";
import type { SchemaBlock } from "../../lib/testing/cty";

loadTesting();
const mainJs = path.resolve(__dirname, "..", "..", ".build", "lib", "testing", "main.js");
const cert = buildModule<typeof CertModule>("cert");
const cty = buildModule<typeof CtyModule>("cty");
const provider = buildModule<typeof ProviderModule>("provider");
const tf6 = buildModule<typeof Tf6Module>("tfplugin6");
const cacheDir = scratch("plugin-cache");
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
const COOKIE = {
  PALETTE_OFFLINE_CACHE_DIR: cacheDir,
  TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
  PLUGIN_PROTOCOL_VERSIONS: "5,6",
};

interface Launched {
  pid: number;
  line: string;
  exited: Promise<number | null>;
  ms: number;
}

function launch(env: Record<string, string>): Promise<Launched> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [mainJs], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve({ pid: child.pid!, line: out.slice(0, nl), exited, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
    });
    child.on("exit", (code) => (out.includes("\n") ? undefined : reject(new Error(`plugin exited ${code}: ${err}`))));
  });
}

function call(session: http2.ClientHttp2Session, method: string, body: Buffer): Promise<{ status: string; data: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ":method": "POST", ":path": method, "content-type": "application/grpc", te: "trailers" });
    const chunks: Buffer[] = [];
    let status = "";
    req.on("response", (h) => (status = String(h["grpc-status"] ?? status)));
    req.on("trailers", (t) => (status = String(t["grpc-status"])));
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const all = Buffer.concat(chunks);
      resolve({ status, data: all.length >= 5 ? all.subarray(5, 5 + all.readUInt32BE(1)) : Buffer.alloc(0) });
    });
    req.on("error", reject);
    const prefix = Buffer.alloc(5);
    prefix.writeUInt32BE(body.length, 1);
    req.end(Buffer.concat([prefix, body]));
  });
}

describe("plugin process", () => {
  test("refuses to run without Terraform's magic cookie", async () => {
    await expect(launch({ TF_PLUGIN_MAGIC_COOKIE: "" })).rejects.toThrow(/This binary is a plugin/);
  });

  test("handshake with AutoMTLS, GetProviderSchema, prompt exit on Shutdown", async () => {
    const client = cert.createServerCert(); // any self-signed cert works as Terraform's client cert
    const p = await launch({ ...COOKIE, PLUGIN_CLIENT_CERT: client.certPem });
    const fields = p.line.split("|");
    expect(fields.slice(0, 3)).toEqual(["1", "6", "unix"]);
    expect(fields[4]).toBe("grpc");
    expect(fields).toHaveLength(6);
    expect(fields[5]).not.toMatch(/=$/); // unpadded std base64
    const serverCert = new crypto.X509Certificate(Buffer.from(fields[5], "base64"));
    expect(serverCert.subjectAltName).toBe("DNS:localhost");
    expect(serverCert.checkIssued(serverCert)).toBe(true);
    expect(serverCert.verify(serverCert.publicKey)).toBe(true);

    // Without a client certificate the TLS handshake is refused.
    const anonymous = http2.connect("https://localhost", {
      createConnection: () => require("node:tls").connect({ path: fields[3], servername: "localhost", ca: serverCert.toString(), ALPNProtocols: ["h2"] }),
    });
    anonymous.on("error", () => undefined);
    await expect(call(anonymous, "/tfplugin6.Provider/GetProviderSchema", Buffer.alloc(0))).rejects.toThrow();
    anonymous.destroy();

    const session = http2.connect("https://localhost", {
      createConnection: () =>
        require("node:tls").connect({
          path: fields[3],
          servername: "localhost",
          ca: serverCert.toString(),
          key: client.keyPem,
          cert: client.certPem,
          ALPNProtocols: ["h2"],
        }),
    });
    const schema = await call(session, "/tfplugin6.Provider/GetProviderSchema", Buffer.alloc(0));
    expect(schema.status).toBe("0");
    const decoded = tf6.codec.decode("GetProviderSchema.Response", schema.data);
    expect(Object.keys(decoded.resource_schemas)).toHaveLength(53);
    expect(Object.keys(decoded.data_source_schemas)).toHaveLength(35);
    expect(decoded.server_capabilities).toMatchObject({ plan_destroy: true, get_provider_schema_optional: true });
    const profile = decoded.resource_schemas.spectrocloud_cluster_profile.block;
    expect(profile.block_types.find((b: any) => b.type_name === "pack").nesting).toBe(2);
    expect(JSON.parse(profile.attributes.find((a: any) => a.name === "tags").type.toString())).toEqual(["set", "string"]);

    const unknown = await call(session, "/tfplugin6.Provider/NoSuchRpc", Buffer.alloc(0));
    expect(unknown.status).toBe("12");

    const shut = await call(session, "/plugin.GRPCController/Shutdown", Buffer.alloc(0));
    expect(shut.status).toBe("0");
    session.destroy();
    expect(await p.exited).toBe(0);
  });

  // Launch time is measured by scripts/bench-plugin.js, not bounded here (a wall-clock bound flakes on a busy machine).
  test("SIGTERM (the plugin's other exit path) exits 0 and removes the socket, launch after launch", async () => {
    for (let i = 0; i < 3; i++) {
      const p = await launch({ ...COOKIE, PLUGIN_CLIENT_CERT: cert.createServerCert().certPem });
      process.kill(p.pid, "SIGTERM");
      expect(await p.exited).toBe(0);
      expect(fs.existsSync(p.line.split("|")[3])).toBe(false);
    }
  });
});

describe("cty msgpack codec", () => {
  test("unknowns: extension 0 and refined extension 12 decode as UNKNOWN; UNKNOWN encodes as fixext1 type 0", () => {
    const encoded = Buffer.from(cty.encodeMsgpack({ a: cty.UNKNOWN, b: null, c: [1, 2.5, "x"] }));
    expect(encoded.includes(Buffer.from([0xd4, 0x00, 0x00]))).toBe(true);
    expect(cty.decodeMsgpack(encoded)).toEqual({ a: cty.UNKNOWN, b: null, c: [1, 2.5, "x"] });
    // fixmap{ "r": ext8 type 12 with a 3-byte refinement payload }
    const refined = Buffer.from([0x81, 0xa1, 0x72, 0xc7, 0x03, 0x0c, 0x81, 0x01, 0xc3]);
    expect(cty.decodeMsgpack(refined)).toEqual({ r: cty.UNKNOWN });
    expect(cty.isKnown({ r: [cty.UNKNOWN] })).toBe(false);
  });

  const block: SchemaBlock = {
    attributes: {
      name: { type: "string", required: true },
      tags: { type: ["set", "string"], optional: true },
      id: { type: "string", optional: true, computed: true },
    },
    block_types: {
      pack: {
        nesting_mode: "list",
        block: {
          attributes: {
            name: { type: "string", required: true },
            type: { type: "string", optional: true },
            uid: { type: "string", optional: true, computed: true },
          },
          block_types: { manifest: { nesting_mode: "list", block: { attributes: { uid: { type: "string", computed: true } } } } },
        },
      },
      timeouts: { nesting_mode: "single", block: { attributes: { create: { type: "string", optional: true } } } },
      sets: { nesting_mode: "set", block: { attributes: { k: { type: "string", optional: true } } } },
    },
  };

  test("normalize fills every attribute and nested block; sets stay arrays", () => {
    expect(cty.normalizeBlock({ name: "x", pack: [{ name: "p" }], tags: ["b", "a"], extra: 1 }, block)).toEqual({
      name: "x",
      tags: ["b", "a"],
      id: null,
      pack: [{ name: "p", type: null, uid: null, manifest: [] }],
      timeouts: null,
      sets: [],
    });
    const roundTrip = cty.decodeMsgpack(cty.encodeMsgpack(cty.normalizeBlock({ name: "x", sets: [{ k: "1" }, { k: "2" }] }, block)));
    expect((roundTrip as any).sets).toEqual([{ k: "1" }, { k: "2" }]);
  });

  test("numbers sent as msgpack strings are read back as numbers", () => {
    expect(cty.normalizeType(cty.decodeMsgpack(cty.encodeMsgpack("12345678901234567")), "number")).toBe(12345678901234568);
  });

  test("planning: defaults for unset optionals, unknown for unset computed, nested too", () => {
    const value = cty.normalizeBlock({ name: "x", pack: [{ name: "p", manifest: [{}] }] }, block);
    const planned = provider.planBlock(value, block, { "pack.type": { default: "spectro" } }) as any;
    expect(planned.id).toBe(cty.UNKNOWN);
    expect(planned.pack[0].type).toBe("spectro");
    expect(planned.pack[0].uid).toBe(cty.UNKNOWN);
    expect(planned.pack[0].manifest[0].uid).toBe(cty.UNKNOWN);
    const filled = provider.fillComputed(planned, block, "seed") as any;
    expect(filled.id).toMatch(/^[0-9a-f]{24}$/);
    expect(provider.fillComputed(planned, block, "seed")).toEqual(filled); // deterministic
  });

  test("force_new paths become requires_replace with list indexes", () => {
    const prior = cty.normalizeBlock({ name: "x", pack: [{ name: "a" }, { name: "b" }] }, block);
    const next = cty.normalizeBlock({ name: "x", pack: [{ name: "a" }, { name: "c" }] }, block);
    expect(provider.forceNewChanges(prior, next, block, ["pack.name", "name"])).toEqual([["pack", 1, "name"]]);
    expect(provider.forceNewChanges(prior, prior, block, ["pack.name", "name"])).toEqual([]);
  });

  test("validation: enum, read-only, conflicts; unknown values are skipped", () => {
    const diags: ProviderModule.Diagnostic[] = [];
    const cons = { "pack.type": { enum: ["spectro", "helm"] }, tags: { conflicts_with: ["id"] } };
    const config = cty.normalizeBlock({ name: "x", id: "i", tags: ["t"], pack: [{ name: "p", type: "zip", manifest: [{ uid: "u" }] }] }, block);
    provider.validateBlock(block, cons, config, config, { key: "", cpath: "", steps: [] }, diags);
    expect(diags.map((d) => d.summary + "|" + d.detail)).toEqual([
      'ConflictsWith|"tags": conflicts with id',
      'expected pack.0.type to be one of ["spectro" "helm"], got zip|',
      'Computed attributes cannot be set|Computed attributes cannot be set, but a value was set for "pack.0.manifest.0.uid".',
    ]);
    expect(diags[1].attribute?.steps).toEqual([{ attribute_name: "pack" }, { element_key_int: 0 }, { attribute_name: "type" }]);
    const unknownDiags: ProviderModule.Diagnostic[] = [];
    const u = cty.normalizeBlock({ name: "x", pack: [{ name: "p", type: cty.UNKNOWN }] }, block);
    provider.validateBlock(block, cons, u, u, { key: "", cpath: "", steps: [] }, unknownDiags);
    expect(unknownDiags).toEqual([]);
  });
});

describe("protobuf codec", () => {
  test("round-trips a plan response, keeping explicit zero element keys", () => {
    const msg = {
      planned_state: { msgpack: Buffer.from([0xc0]) },
      requires_replace: [{ steps: [{ attribute_name: "pack" }, { element_key_int: 0 }, { attribute_name: "name" }] }],
      diagnostics: [{ severity: 1, summary: "s", detail: "d" }],
      legacy_type_system: true,
    };
    const back = tf6.codec.decode("PlanResourceChange.Response", tf6.codec.encode("PlanResourceChange.Response", msg));
    expect(back.requires_replace[0].steps).toEqual([{ attribute_name: "pack" }, { element_key_int: 0 }, { attribute_name: "name" }]);
    expect(back.legacy_type_system).toBe(true);
    expect(back.diagnostics[0]).toMatchObject({ severity: 1, summary: "s", detail: "d" });
    expect(Buffer.from(back.planned_state.msgpack)).toEqual(Buffer.from([0xc0]));
  });

  test("skips fields it does not know (newer clients)", () => {
    // ReadDataSource.Request with type_name, config and an unknown field 4 (client_capabilities).
    const known = tf6.codec.encode("ReadDataSource.Request", { type_name: "t", config: { msgpack: Buffer.from([0x80]) } });
    const extra = Buffer.concat([known, Buffer.from([0x22, 0x02, 0x08, 0x01])]);
    expect(tf6.codec.decode("ReadDataSource.Request", extra)).toMatchObject({ type_name: "t" });
  });
});
