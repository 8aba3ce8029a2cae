/**
 * A minimal gRPC server on node:http2: unary calls plus open-and-silent streams, which is all a
 * Terraform provider needs. Skipping @grpc/grpc-js saves ~90 ms of module loading per plugin launch.
 * Framing per the gRPC-over-HTTP/2 spec: 5-byte message prefix (flag, big-endian length), response
 * headers, DATA, then trailers carrying grpc-status.
 */
import * as http2 from "node:http2";

export type UnaryHandler = (request: Buffer) => Buffer | Promise<Buffer>;

/** gRPC status codes used here. */
export const enum Status {
  OK = 0,
  UNKNOWN = 2,
  INTERNAL = 13,
  UNIMPLEMENTED = 12,
}

export class GrpcError extends Error {
  constructor(
    readonly code: Status,
    message: string,
  ) {
    super(message);
  }
}

export interface GrpcServerOptions {
  /** PEM key/cert and the only client certificate accepted (AutoMTLS); omit for plaintext. */
  readonly tls?: { key: string; cert: string; clientCa: string };
  /** Called after each unary response has been fully written (e.g. to exit after Shutdown). */
  readonly onResponded?: (path: string) => void;
}

export class GrpcServer {
  private readonly unary = new Map<string, UnaryHandler>();
  private readonly streams = new Set<string>();
  readonly server: http2.Http2Server | http2.Http2SecureServer;

  constructor(private readonly options: GrpcServerOptions = {}) {
    const settings: http2.Settings = { maxConcurrentStreams: 1000, initialWindowSize: 4 * 1024 * 1024 };
    this.server = options.tls
      ? http2.createSecureServer({
          key: options.tls.key,
          cert: options.tls.cert,
          ca: options.tls.clientCa,
          requestCert: true,
          rejectUnauthorized: true,
          minVersion: "TLSv1.2",
          settings,
        })
      : http2.createServer({ settings });
    this.server.on("stream", (stream, headers) => this.dispatch(stream, headers));
    this.server.on("sessionError", () => undefined);
    this.server.on("tlsClientError", () => undefined);
  }

  addUnary(path: string, handler: UnaryHandler): void {
    this.unary.set(path, handler);
  }

  /** A server- or bidi-streaming method that is accepted and then kept open without sending anything. */
  addIdleStream(path: string): void {
    this.streams.add(path);
  }

  private dispatch(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    const path = String(headers[":path"]);
    stream.on("error", () => undefined);
    if (this.streams.has(path)) {
      stream.respond({ ":status": 200, "content-type": "application/grpc" });
      stream.resume();
      return;
    }
    const handler = this.unary.get(path);
    if (!handler) {
      stream.resume();
      this.fail(stream, Status.UNIMPLEMENTED, `unknown method ${path}`);
      return;
    }
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const body = Buffer.concat(chunks);
      if (body.length < 5 || body[0] !== 0) {
        this.fail(stream, Status.INTERNAL, body.length < 5 ? "missing request message" : "compressed messages are not supported");
        return;
      }
      const message = body.subarray(5, 5 + body.readUInt32BE(1));
      Promise.resolve()
        .then(() => handler(message))
        .then(
          (response) => {
            if (stream.destroyed) return;
            const prefix = Buffer.alloc(5);
            prefix.writeUInt32BE(response.length, 1);
            stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
            stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(Status.OK) }));
            if (this.options.onResponded) stream.on("close", () => this.options.onResponded!(path));
            stream.write(prefix);
            stream.end(response);
          },
          (err: unknown) => {
            const code = err instanceof GrpcError ? err.code : Status.UNKNOWN;
            this.fail(stream, code, err instanceof Error ? err.stack || err.message : String(err));
          },
        );
    });
  }

  /** A trailers-only error response. */
  private fail(stream: http2.ServerHttp2Stream, code: Status, message: string): void {
    if (stream.destroyed || stream.headersSent) return;
    stream.respond(
      { ":status": 200, "content-type": "application/grpc", "grpc-status": String(code), "grpc-message": encodeURIComponent(message) },
      { endStream: true },
    );
  }

  listen(path: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(path, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
  }
}
