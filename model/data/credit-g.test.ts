// Tests for the credit-g dictionary, converter and loader, checked against the raw ARFF text and hand-counted figures.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it, expect } from 'vitest';
import {
  COST_MATRIX,
  CREDIT_COLUMNS,
  CREDIT_FEATURES,
  CreditDataError,
  TARGET,
  convertArffToCsv,
  loadCreditData,
  writeCreditCsv,
} from './credit-g.js';

const ARFF_PATH = fileURLToPath(new URL('./credit-g.arff', import.meta.url));
const CSV_PATH = fileURLToPath(new URL('./credit-g.csv', import.meta.url));
const ARFF = readFileSync(ARFF_PATH, 'utf8');
const CSV = readFileSync(CSV_PATH, 'utf8');
const NAMES =
  'checking_status,duration,credit_history,purpose,credit_amount,savings_status,employment,installment_commitment,personal_status,other_parties,residence_since,property_magnitude,age,other_payment_plans,housing,existing_credits,job,num_dependents,own_telephone,foreign_worker';
/** The ARFF's data lines, found without the parser: everything after the @data line. */
const ARFF_ROWS = ARFF.slice(ARFF.indexOf('\n@data\n') + 7)
  .trimEnd()
  .split('\n');

const scratch = mkdtempSync(join(tmpdir(), 'credit-g-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function errorOf(run: () => unknown): CreditDataError {
  try {
    run();
  } catch (error) {
    if (error instanceof CreditDataError) return error;
    throw error;
  }
  throw new Error('expected a CreditDataError');
}

/** Loads the committed CSV with data row `row` (1-based) replaced by `line`. */
function loadWithRow(row: number, line: string): () => unknown {
  const lines = CSV.split('\n');
  lines[row] = line;
  const path = join(scratch, `row-${row}.csv`);
  writeFileSync(path, lines.join('\n'));
  return () => loadCreditData(path);
}

describe('the data dictionary', () => {
  it('lists the 20 ARFF attributes in order, 7 numeric and 13 categorical, then the class', () => {
    expect(CREDIT_FEATURES.map((f) => f.name).join(',')).toBe(NAMES);
    expect(CREDIT_FEATURES.filter((f) => f.kind === 'numeric')).toHaveLength(7);
    expect(CREDIT_COLUMNS.join(',')).toBe(`${NAMES},class`);
  });

  it('keeps declared categories that never occur, in declared order', () => {
    const purpose = CREDIT_FEATURES.find((f) => f.name === 'purpose');
    expect(purpose?.kind === 'categorical' && purpose.categories[7]).toBe('vacation');
    const status = CREDIT_FEATURES.find((f) => f.name === 'personal_status');
    expect(status?.kind === 'categorical' && status.categories.at(-1)).toBe('female single');
  });

  it('names bad as the positive class and costs an accepted bad applicant 5 times a refused good one', () => {
    expect(TARGET).toEqual({ name: 'class', negative: 'good', positive: 'bad' });
    expect(COST_MATRIX).toEqual({ false_negative: 5, false_positive: 1 });
  });
});

describe('convertArffToCsv', () => {
  it('reproduces the committed CSV byte for byte', () => {
    expect(convertArffToCsv(ARFF)).toBe(CSV);
  });

  it('writes each ARFF row with its quotes dropped, under a snake_case header, ending in a newline', () => {
    expect(ARFF_ROWS).toHaveLength(1000);
    expect(CSV).toBe(`${NAMES},class\n${ARFF_ROWS.map((r) => r.replaceAll("'", '')).join('\n')}\n`);
  });

  const ages = Array.from({ length: 75 - 19 + 1 }, (_, k) => 19 + k).join(', ');
  it.each([
    [
      'a renamed attribute',
      (a: string) => a.replace('@attribute duration ', '@attribute term '),
      /^ARFF attribute 2 is term numeric, expected duration numeric$/,
    ],
    [
      'a numeric turned nominal',
      (a: string) => a.replace('@attribute age numeric', `@attribute age { ${ages} }`),
      /^ARFF attribute 13 is age \["19",/,
    ],
    [
      'an extra category',
      (a: string) => a.replace("'no known savings'}", "'no known savings', other}"),
      /^ARFF attribute 6 /,
    ],
    [
      'reordered categories',
      (a: string) => a.replace('housing { rent, own,', 'housing { own, rent,'),
      /^ARFF attribute 15 /,
    ],
    [
      'swapped classes',
      (a: string) => a.replace('class { good, bad}', 'class { bad, good}'),
      /^ARFF attribute 21 /,
    ],
    [
      'no class',
      (a: string) => a.replace('@attribute class { good, bad}\n', '').replace(/,(good|bad)$/gm, ''),
      /^ARFF attribute 21 is nothing, expected class \["good","bad"\]$/,
    ],
  ])('rejects an ARFF with %s', (_case, edit, message) => {
    const changed = edit(ARFF);
    expect(changed).not.toBe(ARFF);
    expect(errorOf(() => convertArffToCsv(changed)).message).toMatch(message);
  });

  it('rejects a value outside the domain, naming row and column', () => {
    const arff = ARFF.replace(
      "'male single',none,4,'real estate',67,",
      "'male single',none,4,'real estate',17,",
    );
    const error = errorOf(() => convertArffToCsv(arff));
    expect([error.row, error.column]).toEqual([1, 'age']);
  });

  it('writes the CSV file from the ARFF file', () => {
    const out = join(scratch, 'written.csv');
    writeCreditCsv(ARFF_PATH, out);
    expect(readFileSync(out, 'utf8')).toBe(CSV);
  });
});

describe('loadCreditData', () => {
  const data = loadCreditData();

  it('loads 1000 applicants, 700 good and 300 bad, as counted in the raw ARFF', () => {
    expect(data.records).toHaveLength(1000);
    expect(ARFF_ROWS.filter((r) => r.endsWith(',bad'))).toHaveLength(300);
    expect(data.target.reduce((sum, bit) => sum + bit, 0)).toBe(300);
    expect(Array.from(data.target.slice(0, 5))).toEqual([0, 1, 0, 0, 1]);
  });

  it('reads the first applicant with numbers as numbers', () => {
    expect(data.records[0]).toEqual({
      checking_status: '<0',
      duration: 6,
      credit_history: 'critical/other existing credit',
      purpose: 'radio/tv',
      credit_amount: 1169,
      savings_status: 'no known savings',
      employment: '>=7',
      installment_commitment: 4,
      personal_status: 'male single',
      other_parties: 'none',
      residence_since: 4,
      property_magnitude: 'real estate',
      age: 67,
      other_payment_plans: 'none',
      housing: 'own',
      existing_credits: 2,
      job: 'skilled',
      num_dependents: 1,
      own_telephone: 'yes',
      foreign_worker: 'yes',
    });
  });

  it('holds only valid values: known categories, whole numbers inside each domain', () => {
    for (const feature of CREDIT_FEATURES) {
      const values = data.records.map((r) => r[feature.name]);
      if (feature.kind === 'categorical') {
        expect(values.every((v) => typeof v === 'string' && feature.categories.includes(v))).toBe(
          true,
        );
      } else {
        const numbers = values.filter(
          (v): v is number => typeof v === 'number' && Number.isInteger(v),
        );
        expect(numbers).toHaveLength(1000);
        expect(Math.min(...numbers)).toBeGreaterThanOrEqual(feature.minimum);
        expect(Math.max(...numbers)).toBeLessThanOrEqual(feature.maximum);
      }
    }
  });

  it('shows the observed ranges of the source documentation', () => {
    const range = (name: string) => {
      const v = data.records.map((r) => r[name] as number);
      return [Math.min(...v), Math.max(...v)];
    };
    expect(range('duration')).toEqual([4, 72]);
    expect(range('credit_amount')).toEqual([250, 18424]);
    expect(range('age')).toEqual([19, 75]);
    expect(range('installment_commitment')).toEqual([1, 4]);
  });

  it.each([
    ['an unknown category', (l: string) => l.replace('radio/tv', 'radio'), 'purpose'],
    ['a number outside the domain', (l: string) => l.replace(',67,', ',121,'), 'age'],
    [
      'a fraction where whole numbers are required',
      (l: string) => l.replace(',1169,', ',1169.5,'),
      'credit_amount',
    ],
    ['an empty number', (l: string) => l.replace(',6,', ',,'), 'duration'],
    ['an unknown class', (l: string) => l.replace(/good$/, 'fine'), 'class'],
  ])('rejects %s, naming row and column', (_case, edit, column) => {
    const first = CSV.split('\n')[1] ?? '';
    const error = errorOf(loadWithRow(1, edit(first)));
    expect([error.row, error.column]).toEqual([1, column]);
    expect(error.message).toMatch(new RegExp(`^row 1, CSV line 2, column ${column}: `));
  });

  it('rejects a row with a missing value column', () => {
    const error = errorOf(loadWithRow(500, 'a,b'));
    expect(error.message).toBe('row 500, CSV line 501: expected 21 values, found 2');
  });

  it('rejects a header that differs from the dictionary', () => {
    const error = errorOf(loadWithRow(0, `${NAMES},target`));
    expect(error.message).toMatch(/^header is/);
  });
});
