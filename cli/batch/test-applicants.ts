/**
 * Test helpers: generated applicant-like input files of any size, streamed to disk, whose rows
 * the tests can recompute one by one (1% of rows are bad: alternately no number and above 120).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Row `i`'s age (1-based): 1% of rows are bad, alternately not a number and above 120. */
export function ageOf(i: number): string | number {
  if (i % 100 !== 0) return 19 + ((i * 7) % 60);
  return (i / 100) % 2 === 1 ? 'n/a' : 150;
}

const PURPOSES = ['radio/tv', 'new car', 'furniture/equipment', 'business', 'education'];

/** An applicant-like row: id, age and a dozen other columns (about 90 bytes as CSV). */
export function applicantRow(i: number): Record<string, string | number> {
  return {
    id: `A${String(i).padStart(7, '0')}`,
    age: ageOf(i),
    duration: 6 + (i % 43),
    credit_amount: 250 + ((i * 37) % 15_000),
    purpose: PURPOSES[i % PURPOSES.length] ?? '',
    checking_status: ['<0', '0<=X<200', '>=200', 'no checking'][i % 4] ?? '',
    savings_status: ['<100', '100<=X<500', '500<=X<1000', '>=1000'][i % 4] ?? '',
    employment: ['unemployed', '<1', '1<=X<4', '4<=X<7', '>=7'][i % 5] ?? '',
    installment_commitment: 1 + (i % 4),
    personal_status: 'male single',
    housing: ['own', 'rent', 'for free'][i % 3] ?? '',
    job: 'skilled',
    note: i % 250 === 0 ? 'has "quotes", commas\nand a newline' : 'plain',
  };
}

const cell = (v: string | number) =>
  typeof v === 'number' || !/[",\n]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`;

/** Writes `rows` applicant rows as CSV or NDJSON, streaming (with back-pressure). */
export async function writeApplicants(
  path: string,
  rows: number,
  format: 'csv' | 'ndjson',
): Promise<void> {
  const out = createWriteStream(path);
  const put = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  if (format === 'csv') await put(`${Object.keys(applicantRow(1)).join(',')}\n`);
  for (let i = 1; i <= rows; i++) {
    const row = applicantRow(i);
    await put(
      format === 'csv' ? `${Object.values(row).map(cell).join(',')}\n` : `${JSON.stringify(row)}\n`,
    );
  }
  const closed = once(out, 'close');
  out.end();
  await closed;
}
