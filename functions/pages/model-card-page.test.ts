// The model card's HTML against the bundled manifest's hand-checked figures, and on sparse or hostile manifests.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../model/manifest/schema.js';
import { escapeHtml } from './html.js';
import { MODEL_CARD_CSP, renderModelCard } from './model-card-page.js';

const real = JSON.parse(
  readFileSync(
    new URL('../../model/artifacts/credit-scorecard/model.json', import.meta.url),
    'utf8',
  ),
) as Manifest;
const html = renderModelCard(real);

function row(page: string, metric: string): string[] {
  const tr = new RegExp(`<tr data-metric="${metric}">(.*?)</tr>`, 's').exec(page)?.[1] ?? '';
  return [...tr.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
}

function section(page: string, id: string): string {
  return new RegExp(`<section id="${id}"[^>]*>(.*?)</section>`, 's').exec(page)?.[1] ?? '';
}

describe('renderModelCard on the bundled scorecard', () => {
  it('is one HTML5 document with every section and its heading', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      'Intended use',
      'Limitations',
      'Data',
      'Performance',
      'Decision rule',
      'Input contract',
      'Lineage',
    ]);
    expect(html).toContain('<h1>credit-scorecard <span class="muted">v1.0.0</span></h1>');
    expect(html).toContain(real.artifact.sha256);
    expect(html).toContain('<b>logistic_regression</b>');
  });

  it('shows holdout and out-of-fold metrics to three decimals (the README table)', () => {
    expect(row(html, 'auc')).toEqual(['0.817', '0.780']);
    expect(row(html, 'gini')).toEqual(['0.633', '0.560']);
    expect(row(html, 'ks')).toEqual(['0.519', '0.447']);
    expect(row(html, 'brier')).toEqual(['0.154', '0.166']);
    expect(row(html, 'log_loss')).toEqual(['0.470', '0.499']);
  });

  it('quotes the no-skill reference of a 30% bad rate: Brier 0.21, log loss 0.611', () => {
    // 0.3 × 0.7 = 0.21; −(0.3 ln 0.3 + 0.7 ln 0.7) = 0.6109.
    expect(section(html, 'performance')).toContain('base rate scores 0.210');
    expect(section(html, 'performance')).toContain('base rate alone scores 0.611');
  });

  it('draws the holdout ROC polyline with one vertex per ROC point in the manifest', () => {
    const holdout = real.metrics.holdout as { roc: unknown[]; calibration: unknown[] };
    const points = /<polyline data-series="Holdout \(AUC 0\.817\)" points="([^"]*)"/.exec(
      html,
    )?.[1];
    expect(points?.split(' ')).toHaveLength(holdout.roc.length);
    expect(html).toMatch(/<polyline data-series="Out-of-fold \(AUC 0\.780\)"/);
    const bins = /<g data-series="Holdout">(.*?)<\/g>/s.exec(html)?.[1] ?? '';
    expect(bins.match(/<circle /g)).toHaveLength(holdout.calibration.length);
  });

  it('states the decision rule, cost matrix and the holdout confusion matrix with its rates', () => {
    const decision = section(html, 'decision');
    expect(decision).toContain(
      '<b>Decline</b> when P(bad) ≥ <b>0.163</b>; otherwise <b>approve</b>.',
    );
    expect(decision).toContain(real.decision.chosen_by);
    // Break-even 1 / (1 + 5) = 0.167.
    expect(decision).toContain('0.167, the cost-minimising threshold');
    const holdout = /<table class="matrix confusion" data-set="holdout">(.*?)<\/table>/s.exec(
      decision,
    )?.[1];
    // Good: 70 approved, 70 declined; bad: 4 approved, 56 declined (of 200).
    expect(holdout).toMatch(
      /Actually good<\/th><td class="num good">70<span class="muted"> \(35\.0%\)/,
    );
    expect(holdout).toMatch(/<td class="num bad">4<span class="muted"> \(2\.0%\)/);
    expect(holdout).toMatch(/<td class="num good">56<span class="muted"> \(28\.0%\)/);
    // 74 of 200 approved = 37.0%; 4 of 74 bad = 5.4%; cost (4·5 + 70·1) / 200 × 1000 = 450.
    expect(decision).toContain('<dt>Cases given “approve”</dt><dd>37.0%</dd>');
    expect(decision).toContain('<dt>Bad rate among “approve”</dt><dd>5.4%</dd>');
    expect(decision).toContain('<dt>Expected cost per 1,000 applications</dt><dd>450</dd>');
  });

  it('lists every feature of the input contract with its domain', () => {
    const inputs = section(html, 'inputs');
    expect(inputs.match(/<tr data-feature="/g)).toHaveLength(real.features.length);
    expect(inputs).toContain('1 to 120 months<span class="muted">, whole numbers</span>');
    expect(inputs).toContain('1 to 1,000,000 DM');
  });

  it('shows the label of every feature that has one', () => {
    const labelled = real.features.flatMap((f) => {
      const { label } = f as { label?: string };
      return label === undefined ? [] : [[f.name, label] as const];
    });
    for (const [name, label] of labelled) {
      const tr = new RegExp(`<tr data-feature="${name}">(.*?)</tr>`, 's').exec(html)?.[1];
      expect(tr).toContain(`<span class="label">${escapeHtml(label)}</span>`);
    }
  });

  it('escapes categories such as <0 and >=7 so they render as text', () => {
    expect(html).toContain('<span class="chip">&lt;0</span>');
    expect(html).toContain('<span class="chip">&gt;=7</span>');
    expect(html).not.toMatch(/<0|<1\b/);
  });

  it('puts the limitations in their own callout and the lineage as facts', () => {
    expect(html).toContain('<section id="limitations" class="callout">');
    const limitations = real.card.limitations as string[];
    expect(section(html, 'limitations').match(/<li>/g)).toHaveLength(limitations.length);
    expect(section(html, 'data')).toContain('<dt>SHA-256</dt><dd>38b6dbf6');
    expect(section(html, 'data')).toContain('<dt>Seed</dt><dd>42</dd>');
    expect(section(html, 'lineage')).toContain(
      '<dt>lambdas</dt><dd>0.1, 0.3, 1, 3, 10, 30, 100</dd>',
    );
  });

  it('links the JSON form, by default with ?format=json, escaping a given href', () => {
    expect(html).toContain('<a href="?format=json">Manifest as JSON</a>');
    const custom = renderModelCard(real, { jsonHref: '/model-card?format=json&x="1"' });
    expect(custom).toContain('<a href="/model-card?format=json&amp;x=&quot;1&quot;">');
  });

  it('contains no URL to anywhere, no script and no style attribute', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=/i);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('allows its own stylesheet, and nothing else, through MODEL_CARD_CSP', () => {
    const css = /<style>(.*?)<\/style>/s.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(MODEL_CARD_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(MODEL_CARD_CSP).toContain("default-src 'none'");
  });

  it('renders the same bytes for the same manifest', () => {
    expect(renderModelCard(structuredClone(real))).toBe(html);
  });
});

describe('renderModelCard on other manifests', () => {
  it('renders a manifest with only intended use, no out-of-fold block and no reference', () => {
    const minimal: Manifest = {
      ...real,
      card: { intended_use: 'Testing only.' },
      metrics: { holdout: real.metrics.holdout },
    };
    delete minimal.reference;
    const page = renderModelCard(minimal);
    expect(section(page, 'use')).toContain('<p>Testing only.</p>');
    expect(section(page, 'use')).not.toContain('<h3>');
    expect(section(page, 'limitations')).toContain('The manifest states no limitations.');
    expect(section(page, 'data')).toContain('The manifest describes no training data.');
    expect(row(page, 'auc')).toEqual(['0.817']);
    expect(page).not.toContain('Out-of-fold');
  });

  it('renders a manifest without any metrics (a foreign model without a labelled sample)', () => {
    const page = renderModelCard({
      ...real,
      metrics: {},
      card: { intended_use: 'x', note: 'Review.' },
    });
    expect(section(page, 'performance')).toContain('The manifest has no evaluation metrics.');
    expect(page).not.toContain('<svg');
    expect(section(page, 'decision')).toContain('no confusion matrix');
    expect(section(page, 'notes')).toContain('<dt>Note</dt><dd><p>Review.</p></dd>');
  });

  it('escapes hostile text anywhere in the manifest and shows feature labels when present', () => {
    const [first, ...others] = real.features;
    if (first?.kind !== 'categorical') throw new Error('fixture: first feature is categorical');
    const labelled = {
      ...first,
      label: 'Checking <account>',
      category_labels: { '<0': 'overdrawn <b>' },
    } as Manifest['features'][number];
    const page = renderModelCard({
      ...real,
      description: '<script>alert(1)</script>',
      card: { ...real.card, users: ['<img src=x onerror=alert(1)>'] },
      features: [labelled, ...others],
    });
    expect(page).not.toMatch(/<script|<img|<b>overdrawn/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('<span class="label">Checking &lt;account&gt;</span>');
    expect(page).toContain('<li><span class="chip">&lt;0</span> overdrawn &lt;b&gt;</li>');
    // Categories without a label of their own read as themselves.
    expect(page).toContain('<li><span class="chip">0&lt;=X&lt;200</span> </li>');
  });
});
