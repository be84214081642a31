/** `markup`: a tagged template for HTML that escapes every interpolated value unless it is markup. */

const MARKUP: unique symbol = Symbol('markup');

/** A fragment of HTML (or SVG) that is already safe to emit verbatim. */
export interface Markup {
  readonly [MARKUP]: true;
  readonly text: string;
}

/** Anything `markup` accepts between `${}`: text is escaped, markup kept, empty values dropped. */
export type HtmlValue =
  Markup | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes the five characters that are special in HTML text and quoted attribute values
 * (HTML Living Standard §13.1.2.3-4), so manifest strings such as `<0` or `>=7` render as text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Marks trusted, already-escaped text (e.g. an SVG string built by `markup`) as markup. */
export function raw(text: string): Markup {
  return { [MARKUP]: true, text };
}

function isMarkup(value: unknown): value is Markup {
  return typeof value === 'object' && value !== null && MARKUP in value;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  if (isMarkup(value)) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  throw new TypeError('markup: only text, numbers, markup and arrays of them can be interpolated');
}

/**
 * Builds markup from a template literal: strings and numbers are escaped, `Markup` is kept, arrays
 * are concatenated, and `null`/`undefined`/booleans render nothing (so `${cond && markup`…`}` works).
 * Escaping by default means no manifest text can inject tags or attributes. (Named `markup`, not
 * `html`, so prettier does not reformat the template text as HTML.)
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Markup {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += render(value) + (strings[i + 1] ?? '');
  });
  return raw(text);
}
