// Every German Credit feature carries a short label, and every category its plain words.
import { describe, expect, it } from 'vitest';
import { CREDIT_FEATURES } from './credit-g-features.js';

describe('CREDIT_FEATURES plain words', () => {
  it.each(CREDIT_FEATURES.map((f) => [f.name, f] as const))(
    '%s has a short label',
    (_, feature) => {
      expect(feature.label).toMatch(/^[A-Z][A-Za-z ]{2,40}$/);
    },
  );

  it.each(CREDIT_FEATURES.flatMap((f) => (f.kind === 'categorical' ? [[f.name, f] as const] : [])))(
    '%s words exactly its categories',
    (_, feature) => {
      expect(Object.keys(feature.category_labels ?? {})).toEqual(feature.categories);
      for (const words of Object.values(feature.category_labels ?? {}))
        expect(words).toMatch(/^\S.{1,119}$/);
    },
  );
});
