// Kubernetes quantities in the canonical form the API server returns them in. The VM constructs write this form
// at synth (a "2048Mi" in the config reads back as "2Gi" and would diff on every plan); the offline provider
// (lib/testing/palette-vms.ts) applies the same rule to what it stores. One rule for both.

/** A quantity of bytes as VMs take them: digits, an optional fraction and a binary or decimal suffix. */
const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/** Whether `q` is a byte quantity (`2Gi`, `500M`, `1.5Gi`). */
export function isQuantity(q: string): boolean {
  return QUANTITY.test(q);
}

const BINARY = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const DECIMAL: [string, number][] = [
  ["n", -9],
  ["u", -6],
  ["m", -3],
  ["", 0],
  ["k", 3],
  ["M", 6],
  ["G", 9],
  ["T", 12],
  ["P", 15],
  ["E", 18],
];

/**
 * A Kubernetes quantity in the canonical form the API server returns it in (apimachinery resource.Quantity
 * `String()`; inferred for Palette, which passes the VM's `resources` through untyped): "2048Mi" -> "2Gi",
 * "1000m" -> "1", "0.5" -> "500m". Anything it cannot parse is returned as written.
 */
export function canonicalQuantity(q: string): string {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(q.trim());
  if (!m) return q;
  const [, sign, whole, frac = "", suffix = ""] = m;
  // value = digits * 10^-scale (decimal) or digits * 10^-scale * 1024^k (binary)
  let digits = BigInt(whole + frac);
  let scale = frac.length;
  if (digits === 0n) return "0";
  const neg = sign === "-" ? "-" : "";
  const binary = BINARY.indexOf(suffix);
  if (binary > 0) {
    let num = digits * 1024n ** BigInt(binary);
    const den = 10n ** BigInt(scale);
    if (num % den === 0n) {
      num /= den;
      let k = 0;
      while (k < BINARY.length - 1 && num % 1024n === 0n) {
        num /= 1024n;
        k++;
      }
      return `${neg}${num}${BINARY[k]}`;
    }
    // Not a whole number of bytes: Kubernetes falls back to decimal SI.
    digits = num;
  } else {
    scale -= DECIMAL.find(([s]) => s === suffix)![1];
  }
  // digits * 10^-scale: pick the largest exponent (a multiple of 3, at least -9) leaving a whole mantissa.
  let exp = -scale;
  while (digits % 10n === 0n) {
    digits /= 10n;
    exp++;
  }
  let e3 = Math.floor(exp / 3) * 3;
  if (e3 < -9) e3 = -9;
  if (e3 > 18) e3 = 18;
  const mantissa = exp - e3 >= 0 ? digits * 10n ** BigInt(exp - e3) : digits;
  const sfx = DECIMAL.find(([, e]) => e === e3)![0];
  return `${neg}${mantissa}${sfx}`;
}
