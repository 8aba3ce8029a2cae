/**
 * A small proto3 wire codec driven by hand-written message tables (see tfplugin6.ts). The plugin uses
 * about 40 messages; a generic table-driven codec keeps startup free of protobufjs' reflection and
 * schema parsing, which cost ~85 ms per launch, and Terraform starts the plugin up to 5 times a command.
 */

/** Scalar field kinds that the plugin protocol messages use. */
export type Scalar = "string" | "bytes" | "bool" | "int64" | "uint32" | "enum";

/** One field: name, field number, kind (a scalar or a message name) and its cardinality. */
export interface FieldDef {
  readonly name: string;
  readonly no: number;
  readonly kind: Scalar | string;
  /** "repeated" list, "map" (map<string, kind>), or "oneof" (explicit presence: zero values are sent). */
  readonly card?: "repeated" | "map" | "oneof";
}

export type MessageTable = Readonly<Record<string, readonly FieldDef[]>>;

const SCALARS = new Set(["string", "bytes", "bool", "int64", "uint32", "enum"]);

/** Decoded messages are plain objects; absent scalars get proto3 defaults, absent messages stay undefined. */
export type Msg = Record<string, any>;

class Writer {
  private chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(Math.max(n, 4096));
  }
  private flush(): void {
    if (this.pos > 0) this.chunks.push(Buffer.from(this.buf.subarray(0, this.pos)));
    this.pos = 0;
  }
  varint(v: number): void {
    this.ensure(10);
    // Numbers above 2^31 cannot use bit operators; divide instead (values here stay below 2^53).
    while (v > 0x7f) {
      this.buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }
  bytes(b: Uint8Array): void {
    this.varint(b.length);
    if (b.length > 1024) {
      this.flush();
      this.chunks.push(Buffer.from(b.buffer, b.byteOffset, b.length));
      return;
    }
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  finish(): Buffer {
    this.flush();
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
  }
}

/** Encodes and decodes the messages of one table. */
export class Codec {
  constructor(private readonly table: MessageTable) {}

  encode(type: string, value: Msg): Buffer {
    const w = new Writer();
    this.write(w, type, value);
    return w.finish();
  }

  decode(type: string, buf: Uint8Array): Msg {
    return this.read(type, buf, 0, buf.length);
  }

  private fields(type: string): readonly FieldDef[] {
    const f = this.table[type];
    if (!f) throw new Error(`protobuf: unknown message ${type}`);
    return f;
  }

  private write(w: Writer, type: string, value: Msg): void {
    for (const f of this.fields(type)) {
      const v = value[f.name];
      if (v === undefined || v === null) continue;
      if (f.card === "repeated") {
        for (const item of v as unknown[]) this.writeOne(w, f, item, true);
      } else if (f.card === "map") {
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          const entry = new Writer();
          entry.varint((1 << 3) | 2);
          entry.bytes(Buffer.from(k, "utf8"));
          this.writeOne(entry, { name: "value", no: 2, kind: f.kind }, item, true);
          w.varint((f.no << 3) | 2);
          w.bytes(entry.finish());
        }
      } else {
        this.writeOne(w, f, v, f.card === "oneof");
      }
    }
  }

  private writeOne(w: Writer, f: FieldDef, v: unknown, always: boolean): void {
    switch (f.kind) {
      case "string": {
        const s = v as string;
        if (!always && s === "") return;
        w.varint((f.no << 3) | 2);
        w.bytes(Buffer.from(s, "utf8"));
        return;
      }
      case "bytes": {
        const b = v as Uint8Array;
        if (!always && b.length === 0) return;
        w.varint((f.no << 3) | 2);
        w.bytes(b);
        return;
      }
      case "bool":
        if (!always && !v) return;
        w.varint(f.no << 3);
        w.varint(v ? 1 : 0);
        return;
      case "int64":
      case "uint32":
      case "enum": {
        const n = Number(v);
        if (!always && n === 0) return;
        if (n < 0) throw new Error(`protobuf: negative ${f.name} is not supported`);
        w.varint(f.no << 3);
        w.varint(n);
        return;
      }
      default: {
        const sub = new Writer();
        this.write(sub, f.kind, v as Msg);
        w.varint((f.no << 3) | 2);
        w.bytes(sub.finish());
      }
    }
  }

  private read(type: string, buf: Uint8Array, start: number, end: number): Msg {
    const defs = this.fields(type);
    const out: Msg = {};
    for (const f of defs) {
      if (f.card === "repeated") out[f.name] = [];
      else if (f.card === "map") out[f.name] = {};
      else if (f.card === "oneof" || !SCALARS.has(f.kind)) continue;
      else out[f.name] = f.kind === "string" ? "" : f.kind === "bytes" ? Buffer.alloc(0) : f.kind === "bool" ? false : 0;
    }
    let pos = start;
    const varint = (): number => {
      let result = 0;
      let mul = 1;
      for (;;) {
        if (pos >= end) throw new Error("protobuf: truncated varint");
        const b = buf[pos++];
        result += (b & 0x7f) * mul;
        if (b < 0x80) return result;
        mul *= 128;
      }
    };
    while (pos < end) {
      const key = varint();
      const no = Math.floor(key / 8);
      const wire = key & 7;
      const f = defs.find((d) => d.no === no);
      let value: unknown;
      if (wire === 0) value = varint();
      else if (wire === 2) {
        const len = varint();
        value = buf.subarray(pos, pos + len);
        pos += len;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else throw new Error(`protobuf: unsupported wire type ${wire} in ${type}`);
      if (!f || value === undefined) continue;
      if (f.card === "map") {
        const entry = value as Uint8Array;
        const kv = this.read(`__map_entry_${f.kind}`, entry, 0, entry.length);
        out[f.name][kv.key ?? ""] = kv.value;
        continue;
      }
      const conv = this.convert(f, value);
      if (f.card === "repeated") out[f.name].push(conv);
      else out[f.name] = conv;
    }
    return out;
  }

  private convert(f: FieldDef, value: unknown): unknown {
    switch (f.kind) {
      case "string":
        return Buffer.from(value as Uint8Array).toString("utf8");
      case "bytes":
        return Buffer.from(value as Uint8Array);
      case "bool":
        return value !== 0;
      case "int64":
      case "uint32":
      case "enum":
        return value as number;
      default: {
        const b = value as Uint8Array;
        return this.read(f.kind, b, 0, b.length);
      }
    }
  }
}

/** Adds the synthetic map-entry messages (key = 1, value = 2) that proto3 maps are encoded as. */
export function withMapEntries(table: Record<string, FieldDef[]>): MessageTable {
  const out: Record<string, FieldDef[]> = { ...table };
  for (const defs of Object.values(table)) {
    for (const f of defs) {
      if (f.card === "map") {
        out[`__map_entry_${f.kind}`] = [
          { name: "key", no: 1, kind: "string" },
          { name: "value", no: 2, kind: f.kind },
        ];
      }
    }
  }
  return out;
}
