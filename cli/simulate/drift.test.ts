// The drift rules: parsing (every form, every mistake named), application (rounding, domain,
// shares), and the separators the syntax relies on never occurring in a category.
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../../model/data/credit-g.js';
import { seededRandom } from '../../model/train/random.js';
import { applyDrift, describeDrift, parseDrift } from './drift.js';

const parse = (text: string) => parseDrift(text, CREDIT_FEATURES);
const mistake = (text: string) => {
  try {
    parse(text);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return 'no error';
};

describe('parseDrift', () => {
  it('reads scale, shift and move rules, categories with <, = and > included', () => {
    const rules = parse(
      'credit_amount*2, age+10,duration-6,checking_status:no checking-><0@0.7,savings_status:*->>=1000',
    );
    expect(rules.map((r) => [r.kind, r.feature.name])).toEqual([
      ['scale', 'credit_amount'],
      ['shift', 'age'],
      ['shift', 'duration'],
      ['move', 'checking_status'],
      ['move', 'savings_status'],
    ]);
    expect(rules[2]).toMatchObject({ delta: -6 });
    expect(rules[3]).toMatchObject({ from: 'no checking', to: '<0', share: 0.7 });
    expect(rules[4]).toMatchObject({ from: '*', to: '>=1000', share: 1 });
    expect(describeDrift(rules)).toBe(
      'credit_amount*2,age+10,duration-6,checking_status:no checking-><0@0.7,savings_status:*->>=1000@1',
    );
    expect(parse('')).toEqual([]);
  });

  it('names the rule and the reason for every mistake, as a usage error', () => {
    expect(mistake('salary*2')).toMatch(/^UsageError: --drift 'salary\*2': expected <feature>/);
    expect(mistake('purpose*2')).toContain('purpose is categorical');
    expect(mistake('age:1->2')).toContain('age is numeric');
    expect(mistake('age*0')).toContain('factor must be above 0');
    expect(mistake('age*two')).toContain("'two' is not a number");
    expect(mistake('purpose:boat->new car')).toContain("'boat' is not a category of purpose");
    expect(mistake('purpose:new car->used car@1.5')).toContain('share must be from 0 to 1');
    expect(mistake('purpose:new car')).toContain('purpose:<from>-><to>');
    expect(mistake('purpose:new car->new car')).toContain('to itself');
    expect(mistake('age+1,age*2')).toContain('names age twice');
    expect(mistake('"Age"*2')).toMatch(/^UsageError: --drift '"Age"\*2': expected <feature>/);
    expect(mistake('"age*2')).toContain('expected <feature>');
  });

  it('reads any feature name, as written or in double quotes, and writes odd ones quoted', () => {
    const numeric = (name: string) =>
      ({
        name,
        kind: 'numeric',
        description: '',
        unit: '',
        minimum: 0,
        maximum: 1e6,
        integer: false,
      }) as const;
    const purpose = CREDIT_FEATURES.find((f) => f.name === 'purpose');
    const features = [
      numeric('Credit Amount'),
      numeric('rate/yr~x'),
      numeric('x.1'),
      numeric('x'),
      numeric('x-1'),
      numeric('say "hi"'),
      ...(purpose ? [{ ...purpose, name: 'Loan: purpose' }] : []),
    ];
    const rules = parseDrift(
      '"Credit Amount"*2, rate/yr~x + 1, x.1-3, x-1*2, x-1, "say ""hi"""*3, Loan: purpose:*->new car',
      features,
    );
    expect(rules.map((r) => [r.kind, r.feature.name])).toEqual([
      ['scale', 'Credit Amount'],
      ['shift', 'rate/yr~x'],
      ['shift', 'x.1'],
      ['scale', 'x-1'],
      ['shift', 'x'],
      ['scale', 'say "hi"'],
      ['move', 'Loan: purpose'],
    ]);
    const written = describeDrift(rules);
    expect(written).toBe(
      '"Credit Amount"*2,"rate/yr~x"+1,"x.1"-3,"x-1"*2,x-1,"say ""hi"""*3,"Loan: purpose":*->new car@1',
    );
    expect(parseDrift(written, features)).toEqual(rules);
    expect(parseDrift('Credit Amount*2', features)[0]?.feature.name).toBe('Credit Amount');
  });

  it('relies on separators no category contains: comma, -> and @', () => {
    for (const f of CREDIT_FEATURES)
      if (f.kind === 'categorical')
        for (const c of f.categories) expect(c, f.name).not.toMatch(/,|->|@/);
  });
});

describe('applyDrift', () => {
  const record = { credit_amount: 600_000, age: 115, duration: 3, checking_status: 'no checking' };

  it('scales and shifts numbers, rounds whole-number features and keeps them in their domain', () => {
    const out = applyDrift(record, parse('credit_amount*2.5,age+10,duration-6'), Math.random);
    expect(out).toMatchObject({ credit_amount: 1_000_000, age: 120, duration: 1 });
    expect(applyDrift({ credit_amount: 1001 }, parse('credit_amount*0.5'), Math.random)).toEqual({
      credit_amount: 501,
    });
    expect(record.credit_amount).toBe(600_000);
  });

  it('moves about the given share of the eligible category and leaves the others alone', () => {
    const rules = parse('checking_status:no checking-><0@0.7');
    const random = seededRandom(1);
    const moved = Array.from({ length: 10_000 }, (_, i) =>
      applyDrift({ checking_status: i % 2 === 0 ? 'no checking' : '>=200' }, rules, random),
    );
    const evens = moved.filter((_, i) => i % 2 === 0);
    const share = evens.filter((r) => r.checking_status === '<0').length / evens.length;
    // 5,000 draws at p = 0.7: the standard error is 0.0065; 4 of them either side.
    expect(Math.abs(share - 0.7)).toBeLessThan(0.026);
    expect(moved.filter((_, i) => i % 2 === 1).every((r) => r.checking_status === '>=200')).toBe(
      true,
    );
    const all = applyDrift({ checking_status: '>=200' }, parse('checking_status:*-><0'), random);
    expect(all.checking_status).toBe('<0');
  });
});
