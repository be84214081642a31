// The monitoring page's chart helpers: axis steps, bucket and bin labels, gaps in series, PSI bars.
import { describe, expect, it } from 'vitest';
import {
  binLabel,
  bucketLabel,
  distributionChart,
  edgeText,
  niceAxis,
  timeChart,
  xTicks,
} from './monitor-charts.js';
import { psiBarChart, psiScaleMax } from './svg-psi-bars.js';

describe('niceAxis', () => {
  it('covers the value with about five steps of 1, 2, 2.5 or 5 × 10^k', () => {
    expect(niceAxis(1)).toEqual({ max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceAxis(597)).toEqual({ max: 600, ticks: [0, 200, 400, 600] });
    expect(niceAxis(0.39)).toEqual({ max: 0.4, ticks: [0, 0.1, 0.2, 0.3, 0.4] });
    expect(niceAxis(0).max).toBe(1);
  });
});

describe('labels', () => {
  it('labels buckets in UTC, hours with the time', () => {
    expect(bucketLabel('2026-03-01T14:00:00.000Z', 'hour')).toBe('03-01 14:00');
    expect(bucketLabel('2026-03-01T00:00:00.000Z', 'day')).toBe('03-01');
  });

  it('labels numeric bins by their upper edge, compactly, and cuts long categories', () => {
    const bin = { reference: 0.1, live: 0.2 };
    expect(binLabel({ ...bin, label: '(0.1, 0.15]', lower: 0.1, upper: 0.1512 }, 8)).toBe('≤ 0.15');
    expect(binLabel({ ...bin, label: '(5000, ∞]', lower: 5000, upper: null }, 8)).toBe('> 5k');
    expect(binLabel({ ...bin, label: 'no checking', lower: null, upper: null }, 6)).toBe('no ch…');
    expect([edgeText(0.0670263), edgeText(36), edgeText(1262), edgeText(12_345)]).toEqual([
      '0.07',
      '36',
      '1.3k',
      '12.3k',
    ]);
  });
});

describe('xTicks', () => {
  it('spaces ticks evenly from the first bucket and keeps the last half step free for its label', () => {
    expect(xTicks(25, 4)).toEqual([0, 6, 12, 18]);
    expect(xTicks(31, 6)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(xTicks(3, 6)).toEqual([0, 1]);
    expect(xTicks(1, 6)).toEqual([0]);
  });
});

describe('timeChart', () => {
  it('never draws a line across an empty bucket, and marks every figure', () => {
    const svg = timeChart({
      id: 't',
      title: 'T',
      description: 'D',
      starts: ['a', 'b', 'c', 'd', 'e'].map((_, i) => `2026-03-01T0${i}:00:00.000Z`),
      bucket: 'hour',
      series: [{ name: 'S', values: [0.1, 0.2, null, 0.4, null] }],
      y: { label: 'y', max: 1, format: String },
    });
    const lines = [...svg.matchAll(/<polyline data-series="S \d+" points="([^"]*)"/g)];
    expect(lines.map((m) => (m[1] ?? '').split(' ').length)).toEqual([2, 1]);
    expect([...svg.matchAll(/<circle /g)]).toHaveLength(3 + 1); // 3 figures, 1 legend swatch
    expect(svg).toContain('<title>03-01 03:00: S 0.4</title>');
  });
});

describe('distributionChart', () => {
  it('draws a reference and a live bar per bin, none where the live share is unknown', () => {
    const bins = [
      { label: 'a', lower: null, upper: null, reference: 0.5, live: 0.25 },
      { label: 'b', lower: null, upper: null, reference: 0.5, live: null },
    ];
    const svg = distributionChart({ id: 'd', title: 'D', description: 'x', bins, xLabel: 'x' });
    const group = (name: string) =>
      new RegExp(`<g data-series="${name}">(.*?)</g>`, 's').exec(svg)?.[1] ?? '';
    expect([...group('Reference \\(training split\\)').matchAll(/<rect /g)]).toHaveLength(2);
    expect([...group('Live \\(this window\\)').matchAll(/<rect /g)]).toHaveLength(1);
  });
});

describe('psiBarChart', () => {
  const bars = [
    { name: 'small', psi: 0.05, band: 'stable' as const },
    { name: 'big', psi: 0.2, band: 'watch' as const },
    { name: 'huge', psi: 3, band: 'act' as const },
  ];
  const svg = psiBarChart('p', bars);
  const width = (name: string) =>
    Number(new RegExp(`data-feature="${name}"[^]*?<rect [^>]*width="([\\d.]+)"`).exec(svg)?.[1]);

  it('orders bars by PSI, colours them by band, and keeps bar lengths proportional', () => {
    expect(
      [...svg.matchAll(/<g data-feature="([^"]+)" data-band="([^"]+)">/g)].map(
        (m) => `${m[1]}:${m[2]}`,
      ),
    ).toEqual(['huge:act', 'big:watch', 'small:stable']);
    expect(width('big') / width('small')).toBeCloseTo(4, 1);
    expect(svg).toContain('fill="#b91c1c"');
  });

  it('caps the axis at 1.0 and marks a PSI beyond it, but shows both band limits at least', () => {
    expect(psiScaleMax([3])).toBe(1);
    expect(psiScaleMax([0.01])).toBe(0.3);
    expect(psiScaleMax([0.45])).toBe(0.5);
    expect(svg).toContain('3.000 ›');
    expect(svg).toContain('0.10 watch');
    expect(svg).toContain('0.25 act');
  });
});
