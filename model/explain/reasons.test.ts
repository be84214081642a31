// Reasons are the largest positive contributions, at most four, worded with the features' labels.
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from '../data/credit-g.js';
import type { Feature } from '../features.js';
import { adverseReasons, rankContributions, reasonText } from './reasons.js';

const byName = (name: string) => CREDIT_FEATURES.find((f) => f.name === name) as Feature;

describe('reasonText', () => {
  it('words a category with its label and plain words', () => {
    expect(reasonText(byName('checking_status'), '<0')).toBe(
      'Checking account: overdrawn (below 0 DM)',
    );
    expect(reasonText(byName('checking_status'), 'no checking')).toBe(
      'Checking account: no checking account',
    );
    expect(reasonText(byName('savings_status'), '<100')).toBe('Savings: below 100 DM');
  });

  it('words a number with its label and unit', () => {
    expect(reasonText(byName('duration'), 48)).toBe('Loan duration: 48 months');
    expect(reasonText(byName('credit_amount'), 5951)).toBe('Credit amount: 5951 DM');
  });

  it('falls back to the name, the raw category and no unit', () => {
    const plain: Feature = {
      kind: 'categorical',
      name: 'checking',
      description: 'A long sentence.',
      categories: ['x', 'y'],
      category_labels: { y: 'why' },
    };
    expect(reasonText(plain, 'x')).toBe('checking: x');
    expect(reasonText(plain, 'y')).toBe('checking: why');
    expect(
      reasonText(
        {
          kind: 'numeric',
          name: 'ratio',
          description: '',
          unit: '',
          minimum: 0,
          maximum: 1,
          integer: false,
        },
        0.25,
      ),
    ).toBe('ratio: 0.25');
  });
});

describe('adverseReasons and rankContributions', () => {
  const features = CREDIT_FEATURES.slice(0, 7);
  const record = {
    checking_status: '<0',
    duration: 48,
    credit_history: 'all paid',
    purpose: 'education',
    credit_amount: 900,
    savings_status: '<100',
    employment: '<1',
  };
  // contributions in feature order
  const contributions = [0.3, 0.5, -0.9, 0.3, 0, 0.1, 0.05];

  it('keep only positive contributions, largest first, ties in feature order, at most four', () => {
    const reasons = adverseReasons(features, record, contributions);
    expect(reasons.map((r) => [r.feature, r.contribution])).toEqual([
      ['duration', 0.5],
      ['checking_status', 0.3],
      ['purpose', 0.3],
      ['savings_status', 0.1],
    ]);
    expect(reasons.map((r) => r.text)).toEqual([
      'Loan duration: 48 months',
      'Checking account: overdrawn (below 0 DM)',
      'Loan purpose: education',
      'Savings: below 100 DM',
    ]);
  });

  it('give no reason when nothing pushed towards the adverse class', () => {
    expect(adverseReasons(features, record, [-1, 0, -0.5, 0, 0, 0, -0.1])).toEqual([]);
  });

  it('rank every feature by |contribution|, ties in feature order, with its value', () => {
    const ranked = rankContributions(features, record, contributions);
    expect(ranked.map((c) => c.feature)).toEqual([
      'credit_history',
      'duration',
      'checking_status',
      'purpose',
      'savings_status',
      'employment',
      'credit_amount',
    ]);
    expect(ranked[0]).toEqual({ feature: 'credit_history', value: 'all paid', contribution: -0.9 });
  });
});
