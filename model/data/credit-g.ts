/** The project's German Credit data: ARFF → tidy CSV conversion and a validating CSV loader. */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Dataset, Feature, FeatureRecord } from '../features.js';
import { CREDIT_CSV_PATH } from '../paths.js';
import { parseArff, type ArffAttribute } from './arff.js';
import { CREDIT_FEATURES, TARGET } from './credit-g-features.js';

export { CREDIT_FEATURES, TARGET, COST_MATRIX } from './credit-g-features.js';
export { CREDIT_CSV_PATH };

/** CSV header: the 20 feature names in ARFF order, then the target. */
export const CREDIT_COLUMNS: readonly string[] = [
  ...CREDIT_FEATURES.map((f) => f.name),
  TARGET.name,
];

const TARGET_LABELS: readonly string[] = [TARGET.negative, TARGET.positive];
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Data that does not match the dictionary; `row` is the 1-based applicant, `column` the column name. */
export class CreditDataError extends Error {
  readonly code = 'CREDIT_DATA' as const;
  readonly row: number | undefined;
  readonly column: string | undefined;

  constructor(message: string, where: { row?: number; column?: string; line?: number } = {}) {
    const place = [
      where.row === undefined ? '' : `row ${where.row}`,
      where.line === undefined ? '' : `CSV line ${where.line}`,
      where.column === undefined ? '' : `column ${where.column}`,
    ].filter((p) => p !== '');
    super(place.length === 0 ? message : `${place.join(', ')}: ${message}`);
    this.name = 'CreditDataError';
    this.row = where.row;
    this.column = where.column;
  }
}

/** Why `value` is invalid for `feature`, or undefined when it is valid. */
function problemWith(feature: Feature, value: string | number): string | undefined {
  if (feature.kind === 'categorical') {
    return typeof value === 'string' && feature.categories.includes(value)
      ? undefined
      : `'${value}' is not one of ${JSON.stringify(feature.categories)}`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return `'${value}' is not a number`;
  if (feature.integer && !Number.isInteger(value)) return `${value} is not a whole number`;
  if (value < feature.minimum || value > feature.maximum) {
    return `${value} is outside ${feature.minimum}..${feature.maximum} ${feature.unit}`;
  }
  return undefined;
}

function checkValue(feature: Feature, value: string | number, row: number, line?: number): void {
  const problem = problemWith(feature, value);
  if (problem !== undefined)
    throw new CreditDataError(problem, { row, column: feature.name, line });
}

function describeType(attribute: ArffAttribute): string {
  return attribute.type === 'numeric' ? 'numeric' : JSON.stringify(attribute.type.nominal);
}

/** The ARFF must declare exactly the dictionary's columns, kinds and category lists, in order. */
function checkAttributes(attributes: readonly ArffAttribute[]): void {
  const expected: ArffAttribute[] = [
    ...CREDIT_FEATURES.map((f) => ({
      name: f.name,
      type: f.kind === 'numeric' ? ('numeric' as const) : { nominal: f.categories },
    })),
    { name: TARGET.name, type: { nominal: TARGET_LABELS } },
  ];
  const count = Math.max(attributes.length, expected.length);
  for (let k = 0; k < count; k++) {
    const got = attributes[k];
    const want = expected[k];
    const gotText = got === undefined ? 'nothing' : `${got.name} ${describeType(got)}`;
    const wantText = want === undefined ? 'nothing' : `${want.name} ${describeType(want)}`;
    if (gotText !== wantText) {
      throw new CreditDataError(`ARFF attribute ${k + 1} is ${gotText}, expected ${wantText}`);
    }
  }
}

/**
 * Converts the credit-g ARFF to the project's tidy CSV: a header of snake_case names (20 features,
 * then `class`), one row per applicant in ARFF order, RFC 4180 quoting only where needed
 * (https://www.rfc-editor.org/rfc/rfc4180), `\n` line ends and a trailing newline.
 * @throws ArffParseError when the text is not valid ARFF (syntax, undeclared labels, missing values).
 * @throws CreditDataError when the ARFF's attributes or values do not match the dictionary.
 */
export function convertArffToCsv(arffText: string): string {
  const arff = parseArff(arffText);
  checkAttributes(arff.attributes);
  arff.rows.forEach((values, index) => {
    CREDIT_FEATURES.forEach((feature, k) => {
      checkValue(feature, values[k] as string | number, index + 1);
    });
  });
  return stringify([[...CREDIT_COLUMNS], ...arff.rows], { record_delimiter: '\n', eof: true });
}

/** Reads the ARFF at `arffPath` and writes its CSV to `csvPath` (the `convert-data` command). */
export function writeCreditCsv(arffPath: string, csvPath: string): void {
  writeFileSync(csvPath, convertArffToCsv(readFileSync(arffPath, 'utf8')));
}

/** Numbers are written as plain decimals; anything else (including '') is not a number. */
function parseCell(feature: Feature, cell: string): string | number {
  if (feature.kind === 'categorical' || !DECIMAL.test(cell)) return cell;
  return Number(cell);
}

/** Data row `row` (1-based) sits on CSV line row + 1: the values never span lines. */
function parseRecord(cells: readonly string[], row: number): FeatureRecord {
  const line = row + 1;
  if (cells.length !== CREDIT_COLUMNS.length) {
    const message = `expected ${CREDIT_COLUMNS.length} values, found ${cells.length}`;
    throw new CreditDataError(message, { row, line });
  }
  const entries = CREDIT_FEATURES.map((feature, k) => {
    const value = parseCell(feature, cells[k] ?? '');
    checkValue(feature, value, row, line);
    return [feature.name, value] as const;
  });
  return Object.freeze(Object.fromEntries(entries));
}

function targetBit(label: string | undefined, row: number): number {
  if (label === TARGET.positive) return 1;
  if (label === TARGET.negative) return 0;
  const message = `'${label ?? ''}' is not one of ${JSON.stringify(TARGET_LABELS)}`;
  throw new CreditDataError(message, { row, line: row + 1, column: TARGET.name });
}

/**
 * Loads the committed credit-g CSV as a Dataset, checking the header and every value against the
 * dictionary, so that training never starts from data the runtime would refuse.
 * @param csvPath defaults to the committed `credit-g.csv` beside this module.
 * @throws CreditDataError naming the row and column of the first invalid value.
 */
export function loadCreditData(csvPath: string = CREDIT_CSV_PATH): Dataset {
  const table = parse(readFileSync(csvPath, 'utf8'), { relax_column_count: true });
  const [header = [], ...body] = table;
  if (
    header.length !== CREDIT_COLUMNS.length ||
    header.some((name, k) => name !== CREDIT_COLUMNS[k])
  ) {
    throw new CreditDataError(
      `header is ${JSON.stringify(header)}, expected ${JSON.stringify(CREDIT_COLUMNS)}`,
    );
  }
  const records: FeatureRecord[] = [];
  const target = new Uint8Array(body.length);
  body.forEach((cells, index) => {
    records.push(parseRecord(cells, index + 1));
    target[index] = targetBit(cells[CREDIT_FEATURES.length], index + 1);
  });
  return { features: CREDIT_FEATURES, records, target };
}
