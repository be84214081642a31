/** Number formatting for the HTML pages: fixed decimals, percentages, thousands separators. */

/** `x` with exactly `digits` decimals (the manifest's metrics are read to 3: 0.817). */
export function fixed(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const text = x.toFixed(digits);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Groups the integer part in threes with commas: 1000000 → "1,000,000", 533.75 → "533.75". */
export function grouped(x: number, maxDigits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const rounded = x.toFixed(maxDigits);
  const text = rounded.includes('.') ? rounded.replace(/0+$/, '').replace(/\.$/, '') : rounded;
  const [whole = '', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const withCommas = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + withCommas + (fraction ? `.${fraction}` : '');
}

/** A share as a percentage with `digits` decimals: 0.0541 → "5.4%". */
export function percent(share: number, digits = 1): string {
  return `${fixed(share * 100, digits)}%`;
}

/** A number in compact plain text for lineage values: integers as is, others to 6 significant digits. */
export function compactNumber(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}
