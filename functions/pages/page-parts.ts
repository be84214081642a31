/** Small HTML building blocks shared by the model card's sections: prose, fact lists, JSON blocks. */
import { compactNumber } from './format.js';
import { markup, type HtmlValue, type Markup } from './html.js';

/** A card entry (string or list of strings) as a paragraph or a bulleted list; nothing if absent. */
export function prose(value: string | readonly string[] | undefined): Markup | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return markup`<p>${value}</p>`;
  return markup`<ul>${value.map((item) => markup`<li>${item}</li>`)}</ul>`;
}

/** The word with its first letter in upper case ("decline" → "Decline"). */
export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const ACRONYMS: Readonly<Record<string, string>> = { sha256: 'SHA-256', onnx: 'ONNX', auc: 'AUC' };

/** `snake_case` or `camelCase` key → "Sentence case" label; known acronyms spelled as such. */
export function humanise(key: string): string {
  const acronym = ACRONYMS[key.toLowerCase()];
  if (acronym !== undefined) return acronym;
  return capitalise(
    key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase(),
  );
}

/** A definition list of facts; rows whose value is `undefined` are left out. */
export function facts(rows: readonly (readonly [string, HtmlValue])[], variant = ''): Markup {
  const shown = rows.filter(([, value]) => value !== undefined);
  return markup`<dl class="${variant === '' ? 'facts' : `facts ${variant}`}">${shown.map(([term, value]) => markup`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

const ONE_LINE = 88;

function jsonText(value: unknown, indent: string): string {
  if (typeof value === 'number') return compactNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return 'null';
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v: unknown) => ['', v])
    : Object.entries(value);
  const parts = entries.map(
    ([k, v]) => (Array.isArray(value) ? '' : `${JSON.stringify(k)}: `) + jsonText(v, indent + '  '),
  );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const flat = `${open}${parts.join(', ')}${close}`;
  if (flat.length + indent.length <= ONE_LINE || parts.length === 0) return flat;
  return `${open}\n${parts.map((p) => `${indent}  ${p}`).join(',\n')}\n${indent}${close}`;
}

/**
 * JSON laid out for reading: a value that fits on one line stays on one line, larger ones break
 * one entry per line; non-integers keep 6 significant digits (training diagnostics, not data).
 */
export function compactJson(value: unknown): string {
  return jsonText(value, '');
}

type Primitive = string | number | boolean | null;

function isPrimitive(value: unknown): value is Primitive {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function primitiveText(value: Primitive): string {
  return typeof value === 'number' ? compactNumber(value) : String(value);
}

/** Rows of flat objects with the same keys (e.g. a tuning trace) as a compact table, else undefined. */
function tableOf(rows: readonly unknown[]): Markup | undefined {
  const [first] = rows;
  if (!isRecord(first)) return undefined;
  const keys = Object.keys(first);
  const flat = rows.every(
    (r) =>
      isRecord(r) && Object.keys(r).join() === keys.join() && Object.values(r).every(isPrimitive),
  );
  if (!flat || keys.length === 0) return undefined;
  const body = (rows as Record<string, Primitive>[]).map(
    (r) =>
      markup`<tr>${keys.map((k) => markup`<td class="num">${primitiveText(r[k] ?? null)}</td>`)}</tr>`,
  );
  return markup`<table class="compact"><thead><tr>${keys.map((k) => markup`<th class="num" scope="col">${k}</th>`)}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * A value from the manifest as page content: primitives as text, lists of primitives comma-separated,
 * lists of flat records as a table, objects as nested fact lists (two levels), deeper as JSON.
 */
export function valueMarkup(value: unknown, depth = 0): HtmlValue {
  if (isPrimitive(value)) return primitiveText(value);
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) return value.map(primitiveText).join(', ');
    const table = tableOf(value);
    if (table !== undefined) return table;
  } else if (isRecord(value) && depth < 2) {
    return facts(
      Object.entries(value).map(([k, v]) => [k, valueMarkup(v, depth + 1)]),
      'nested',
    );
  }
  const text = compactJson(value);
  return text.includes('\n')
    ? markup`<pre><code>${text}</code></pre>`
    : markup`<code>${text}</code>`;
}
