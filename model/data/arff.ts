/** A strict reader for dense, complete ARFF files (Weka's Attribute-Relation File Format). */

/** An attribute's type: a number, or one of a declared list of labels. */
export type ArffType = 'numeric' | { readonly nominal: readonly string[] };

/** One `@attribute` declaration. */
export interface ArffAttribute {
  readonly name: string;
  readonly type: ArffType;
}

/** A parsed ARFF file; each row holds one value per attribute, in declaration order. */
export interface ArffData {
  readonly relation: string;
  readonly attributes: readonly ArffAttribute[];
  readonly rows: (string | number)[][];
}

/** A malformed or unsupported ARFF file; `line` is 1-based. */
export class ArffParseError extends Error {
  readonly code = 'ARFF_PARSE' as const;
  readonly line: number;

  constructor(line: number, message: string) {
    super(`ARFF line ${line}: ${message}`);
    this.name = 'ArffParseError';
    this.line = line;
  }
}

interface Token {
  readonly text: string;
  readonly quoted: boolean;
}

/** Decimal numbers only: `Number()` alone would also accept '', '0x1f' and 'Infinity'. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ESCAPES = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
]);
/** Characters that end an unquoted value ('%' starts a comment, as in Weka's tokenizer). */
const DELIMITERS = /[\s,%{}'"]/;

function skipSpace(s: string, i: number): number {
  let j = i;
  while (j < s.length && /\s/.test(s.charAt(j))) j++;
  return j;
}

/** Reads the quoted value opening at `s[start]`; a backslash escapes the next character. */
function readQuoted(s: string, start: number, line: number): { token: Token; end: number } {
  const quote = s.charAt(start);
  let text = '';
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === quote) return { token: { text, quoted: true }, end: i + 1 };
    if (c === '\\' && i + 1 < s.length) {
      i++;
      text += ESCAPES.get(s.charAt(i)) ?? s.charAt(i);
    } else {
      text += c;
    }
  }
  throw new ArffParseError(line, `unterminated quoted value starting at column ${start + 1}`);
}

/** Reads one quoted or unquoted value starting at or after `start`. */
function readToken(s: string, start: number, line: number): { token: Token; end: number } {
  const i = skipSpace(s, start);
  const c = s.charAt(i);
  if (c === "'" || c === '"') return readQuoted(s, i, line);
  let j = i;
  while (j < s.length && !DELIMITERS.test(s.charAt(j))) j++;
  if (j === i) {
    const found = c === '' ? 'the end of the line' : `'${c}'`;
    throw new ArffParseError(line, `expected a value at column ${i + 1}, found ${found}`);
  }
  return { token: { text: s.slice(i, j), quoted: false }, end: j };
}

/** Reads a comma-separated list up to `close` (a nominal list) or to the end of the line (a data row). */
function readList(s: string, start: number, line: number, close?: '}'): Token[] {
  const tokens: Token[] = [];
  let i = start;
  for (;;) {
    const { token, end } = readToken(s, i, line);
    tokens.push(token);
    i = skipSpace(s, end);
    const next = s.charAt(i);
    if (next === ',') {
      i++;
    } else if (close !== undefined && next === close) {
      expectEnd(s, i + 1, line);
      return tokens;
    } else if (next === '' || next === '%') {
      if (close === undefined) return tokens;
      throw new ArffParseError(line, `missing '${close}' at the end of the list`);
    } else {
      throw new ArffParseError(line, `unexpected '${next}' at column ${i + 1}`);
    }
  }
}

/** Only blanks or a comment may follow a complete declaration. */
function expectEnd(s: string, start: number, line: number): void {
  const i = skipSpace(s, start);
  if (i < s.length && s.charAt(i) !== '%') {
    throw new ArffParseError(line, `unexpected text at column ${i + 1}: '${s.slice(i)}'`);
  }
}

function parseAttribute(s: string, start: number, line: number): ArffAttribute {
  const { token: name, end } = readToken(s, start, line);
  const i = skipSpace(s, end);
  if (s.charAt(i) === '{') {
    const labels = readList(s, i + 1, line, '}').map((t) => t.text);
    const repeated = labels.find((label, k) => labels.indexOf(label) !== k);
    if (repeated !== undefined) {
      throw new ArffParseError(line, `attribute '${name.text}' declares '${repeated}' twice`);
    }
    return { name: name.text, type: { nominal: labels } };
  }
  const { token: type, end: typeEnd } = readToken(s, i, line);
  const keyword = type.text.toLowerCase();
  if (type.quoted || !['numeric', 'real', 'integer'].includes(keyword)) {
    throw new ArffParseError(line, `unsupported type '${type.text}' for attribute '${name.text}'`);
  }
  expectEnd(s, typeEnd, line);
  return { name: name.text, type: 'numeric' };
}

function parseValue(token: Token, attribute: ArffAttribute, line: number): string | number {
  if (token.text === '?' && !token.quoted) {
    throw new ArffParseError(line, `missing value '?' for '${attribute.name}' is not supported`);
  }
  if (attribute.type === 'numeric') {
    if (!NUMBER.test(token.text)) {
      throw new ArffParseError(line, `'${token.text}' is not a number (${attribute.name})`);
    }
    return Number(token.text);
  }
  if (!attribute.type.nominal.includes(token.text)) {
    throw new ArffParseError(line, `'${token.text}' is not a declared value of ${attribute.name}`);
  }
  return token.text;
}

function parseRow(
  s: string,
  line: number,
  attributes: readonly ArffAttribute[],
): (string | number)[] {
  if (s.startsWith('{')) throw new ArffParseError(line, 'sparse rows are not supported');
  const tokens = readList(s, 0, line);
  if (tokens.length !== attributes.length) {
    throw new ArffParseError(line, `expected ${attributes.length} values, found ${tokens.length}`);
  }
  return tokens.map((token, k) => parseValue(token, attributes[k] as ArffAttribute, line));
}

/**
 * Parses an ARFF file into its relation name, attributes and rows.
 * Follows the Weka ARFF specification (https://waikato.github.io/weka-wiki/formats_and_processing/arff/)
 * for numeric and nominal attributes; rejects what this project never needs (string, date and
 * relational attributes, sparse rows, missing values) so that a surprise fails loudly.
 * @throws ArffParseError naming the offending line.
 */
export function parseArff(text: string): ArffData {
  const lines = text.split(/\r\n|\n|\r/);
  let relation: string | undefined;
  const attributes: ArffAttribute[] = [];
  const rows: (string | number)[][] = [];
  let inData = false;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const s = raw.trim();
    if (s === '' || s.startsWith('%')) continue;
    if (inData) {
      rows.push(parseRow(s, line, attributes));
      continue;
    }
    const keyword = /^@(\w+)/.exec(s)?.[1]?.toLowerCase();
    const rest = 1 + (keyword?.length ?? 0);
    if (keyword === 'relation' && relation === undefined) {
      const { token, end } = readToken(s, rest, line);
      expectEnd(s, end, line);
      relation = token.text;
    } else if (keyword === 'attribute' && relation !== undefined) {
      const attribute = parseAttribute(s, rest, line);
      if (attributes.some((a) => a.name === attribute.name)) {
        throw new ArffParseError(line, `attribute '${attribute.name}' is declared twice`);
      }
      attributes.push(attribute);
    } else if (keyword === 'data' && attributes.length > 0) {
      expectEnd(s, rest, line);
      inData = true;
    } else {
      throw new ArffParseError(line, `expected ${expected(relation, attributes)}, found '${s}'`);
    }
  }
  if (!inData) throw new ArffParseError(lines.length, 'no @data section');
  return { relation: relation ?? '', attributes, rows };
}

function expected(relation: string | undefined, attributes: readonly ArffAttribute[]): string {
  if (relation === undefined) return '@relation';
  return attributes.length === 0 ? '@attribute' : '@attribute or @data';
}
