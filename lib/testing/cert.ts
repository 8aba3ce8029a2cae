/**
 * The plugin's AutoMTLS server certificate. Terraform pins the certificate from the handshake line as
 * its only root and dials with ServerName "localhost", so a self-signed leaf with SAN DNS:localhost and
 * EKU serverAuth is enough (the same profile go-plugin generates). Node can sign but cannot build
 * certificates, so the DER is assembled here with node:crypto only.
 */
import { createHash, generateKeyPairSync, sign } from "node:crypto";

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);
const set = (...c: Buffer[]): Buffer => tlv(0x31, ...c);

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const enc = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) enc.unshift((v & 0x7f) | 0x80);
    out.push(...enc);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, "0");
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, "ascii"));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

export interface ServerCert {
  /** DER of the certificate, for the handshake line. */
  readonly der: Buffer;
  readonly certPem: string;
  readonly keyPem: string;
}

/** A fresh ECDSA P-256 key and a one-day self-signed certificate for "localhost". */
export function createServerCert(now = new Date()): ServerCert {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  // Serial: 16 bytes from the key hash; first byte in 0x40-0x7f keeps the DER INTEGER positive and minimal.
  const serial = createHash("sha256").update(spki).digest().subarray(0, 16);
  serial[0] = (serial[0] & 0x3f) | 0x40;
  const name = seq(set(seq(oid("2.5.4.10"), tlv(0x0c, Buffer.from("HashiCorp")))), set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from("localhost")))));
  const ecdsaSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const extensions = seq(
    // keyUsage: digitalSignature, keyEncipherment, keyAgreement, keyCertSign.
    extension("2.5.29.15", true, tlv(0x03, Buffer.from([0x02, 0xac]))),
    // extKeyUsage: serverAuth, clientAuth.
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))),
    // basicConstraints: CA:TRUE, as go-plugin's generated certificates are.
    extension("2.5.29.19", true, seq(tlv(0x01, Buffer.from([0xff])))),
    // subjectAltName: DNS:localhost.
    extension("2.5.29.17", false, seq(tlv(0x82, Buffer.from("localhost")))),
  );
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    ecdsaSha256,
    name,
    seq(utcTime(new Date(now.getTime() - 60_000)), utcTime(new Date(now.getTime() + 86_400_000))),
    name,
    spki,
    tlv(0xa3, extensions),
  );
  const signature = sign("sha256", tbs, privateKey);
  const der = seq(tbs, ecdsaSha256, tlv(0x03, Buffer.from([0]), signature));
  const b64 = der.toString("base64").replace(/(.{64})/g, "$1\n");
  return {
    der,
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith("\n") ? "" : "\n"}-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
