/**
 * Entry point of the offline Spectro Cloud provider plugin (`terraform-provider-spectrocloud_v0.29.9`
 * execs `node main.js`). It does what a go-plugin server does for Terraform: checks the magic cookie,
 * listens on a unix socket with AutoMTLS, prints the handshake line, serves tfplugin6.Provider and
 * go-plugin's controller/stdio/broker services, and exits as soon as Terraform calls Shutdown.
 * Nothing may reach stdout before the handshake line, and startup is kept to node built-ins.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ENV } from "./assets";
import { GrpcServer } from "./grpc-server";
import type { SpectroCloudProvider } from "./provider";

const started = process.hrtime.bigint();
const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const PROTOCOL_VERSION = 6;

function trace(event: Record<string, unknown>): void {
  const file = process.env[ENV.log];
  if (!file) return;
  try {
    fs.appendFileSync(file, JSON.stringify({ pid: process.pid, ...event }) + "\n");
  } catch {
    // Tracing must never break a run.
  }
}

function fail(message: string): never {
  process.stderr.write(message + "\n");
  process.exit(1);
}

/** go-plugin's listener location: a fresh socket under $TMPDIR (sun_path is limited to ~107 bytes). */
function socketPath(): string {
  const name = `plugin${crypto.randomBytes(6).toString("hex")}`;
  const dir = os.tmpdir();
  return path.join(dir.length + name.length + 1 < 100 ? dir : "/tmp", name);
}

async function main(): Promise<void> {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    fail(
      "This binary is a plugin. These are not meant to be executed directly.\n" +
        "Please execute the program that consumes these plugins, which will\n" +
        "load any plugins automatically",
    );
  }
  const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? String(PROTOCOL_VERSION)).split(",").map((v) => Number(v.trim()));
  if (!offered.includes(PROTOCOL_VERSION))
    fail(`Incompatible API version with plugin. Plugin version: ${PROTOCOL_VERSION}, Client versions: ${offered.join(",")}`);

  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const cert = clientCert ? (require("./cert") as typeof import("./cert")).createServerCert() : undefined;
  const sock = socketPath();
  const cleanup = () => {
    try {
      fs.unlinkSync(sock);
    } catch {
      // Already gone.
    }
  };
  const exit = () => {
    trace({ event: "exit", ms: Number(process.hrtime.bigint() - started) / 1e6 });
    cleanup();
    process.exit(0);
  };

  const server = new GrpcServer({
    tls: cert && clientCert ? { key: cert.keyPem, cert: cert.certPem, clientCa: clientCert } : undefined,
    onResponded: (p) => {
      if (p === "/plugin.GRPCController/Shutdown") exit();
    },
  });

  let provider: SpectroCloudProvider | undefined;
  let methods: typeof import("./tfplugin6").PROVIDER_METHODS | undefined;
  const serve = (rpc: string) => (request: Buffer) => {
    const t0 = process.hrtime.bigint();
    if (!provider || !methods) {
      provider = new (require("./provider") as typeof import("./provider")).SpectroCloudProvider();
      methods = (require("./tfplugin6") as typeof import("./tfplugin6")).PROVIDER_METHODS;
    }
    const [req, res] = methods[rpc];
    const out = provider.handle(rpc, req, res, request);
    trace({ event: "rpc", rpc, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
    return out;
  };
  for (const rpc of [
    "GetMetadata",
    "GetProviderSchema",
    "ValidateProviderConfig",
    "ValidateResourceConfig",
    "ValidateDataResourceConfig",
    "UpgradeResourceState",
    "ConfigureProvider",
    "ReadResource",
    "PlanResourceChange",
    "ApplyResourceChange",
    "ImportResourceState",
    "ReadDataSource",
    "GetFunctions",
    "StopProvider",
  ]) {
    server.addUnary(`/tfplugin6.Provider/${rpc}`, serve(rpc));
  }
  // go-plugin services: Shutdown answers (empty message) and then the process exits; stdio and broker stay idle.
  server.addUnary("/plugin.GRPCController/Shutdown", () => Buffer.alloc(0));
  server.addIdleStream("/plugin.GRPCStdio/StreamStdio");
  server.addIdleStream("/plugin.GRPCBroker/StartStream");
  // grpc.health.v1 Check → status SERVING (field 1 = 1).
  server.addUnary("/grpc.health.v1.Health/Check", () => Buffer.from([0x08, 0x01]));

  process.on("SIGINT", () => undefined); // Terraform handles Ctrl-C and then calls Shutdown.
  process.on("SIGTERM", exit);
  process.on("exit", cleanup);

  await server.listen(sock);
  const certField = cert ? cert.der.toString("base64").replace(/=+$/, "") : "";
  process.stdout.write(`1|${PROTOCOL_VERSION}|unix|${sock}|grpc|${certField}\n`);
  trace({ event: "ready", ms: Number(process.hrtime.bigint() - started) / 1e6 });
}

main().catch((e) => fail(`offline spectrocloud provider: ${e instanceof Error ? e.stack : e}`));
