// A manifest's feature labels must name its own categories.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR } from '../paths.js';
import { parseManifest } from './parse.js';

const bundled = () =>
  JSON.parse(readFileSync(join(ARTIFACTS_DIR, 'credit-scorecard', 'model.json'), 'utf8')) as {
    features: Record<string, unknown>[];
  };

describe('parseManifest and feature labels', () => {
  it('accepts the bundled manifest with its labels and category words', () => {
    const m = parseManifest(bundled());
    expect(m.features[0]).toMatchObject({
      label: 'Checking account',
      category_labels: { '<0': 'overdrawn (below 0 DM)' },
    });
  });

  it('rejects words for a category the feature does not have, naming the feature', () => {
    const json = bundled();
    json.features[0] = { ...json.features[0], category_labels: { overdrawn: 'overdrawn' } };
    expect(() => parseManifest(json)).toThrow(
      expect.objectContaining({
        code: 'invalid_manifest',
        details: [expect.objectContaining({ pointer: '/features/0/category_labels' })],
      }),
    );
  });

  it('rejects an empty label', () => {
    const json = bundled();
    json.features[1] = { ...json.features[1], label: '' };
    expect(() => parseManifest(json)).toThrow(
      expect.objectContaining({ code: 'invalid_manifest' }),
    );
  });
});
