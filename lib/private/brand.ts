// Construct kinds recognised by a brand on the class prototype under a Symbol.for key, not by instanceof: two
// copies of this library in one process (lib/ and dist/, or two versions in a monorepo) still recognise each
// other's constructs, as the suppressions already do.
const key = (kind: string): symbol => Symbol.for(`palette-vmo-cdktf/${kind}`);

/** Marks every instance of `cls` (and of its subclasses) as a `kind`. */
export function brand(cls: { prototype: object }, kind: string): void {
  Object.defineProperty(cls.prototype, key(kind), { value: true, enumerable: false });
}

export function isBranded(x: unknown, kind: string): boolean {
  return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[key(kind)] === true;
}
