// Chart geometry checked against pixel positions worked out by hand.
import { describe, expect, it } from 'vitest';
import { calibrationChart, lineChart, linearTicks, rocChart } from './svg-charts.js';

// Default frame: 480×400 with margins left 58, right 18, top 14, bottom 50 → plot 404×336,
// so on [0, 1]² the point (x, y) lands at (58 + 404x, 350 − 336y).
const unit = { min: 0, max: 1, ticks: [0, 0.5, 1] };

function polylinePoints(svg: string, series: string): string[] {
  const match = new RegExp(`<polyline data-series="${series}" points="([^"]*)"`).exec(svg);
  return match?.[1]?.split(' ') ?? [];
}

function circles(svg: string, series: string): { cx: number; cy: number; r: number }[] {
  const group = new RegExp(`<g data-series="${series}">(.*?)</g>`, 's').exec(svg)?.[1] ?? '';
  return [...group.matchAll(/<circle cx="([^"]+)" cy="([^"]+)" r="([^"]+)"/g)].map((m) => ({
    cx: Number(m[1]),
    cy: Number(m[2]),
    r: Number(m[3]),
  }));
}

describe('linearTicks', () => {
  it('lists evenly spaced ticks without floating-point noise', () => {
    expect(linearTicks(0, 1, 0.2)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 0.3, 0.1)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe('lineChart', () => {
  const svg = lineChart({
    id: 'demo',
    title: 'Demo <chart>',
    description: 'a & b',
    x: { label: 'x <0', ...unit },
    y: { label: 'y', ...unit },
    series: [
      {
        name: 'line',
        points: [
          { x: 0, y: 0 },
          { x: 0.5, y: 0.5 },
          { x: 1, y: 1 },
        ],
      },
      { name: 'bars', mark: 'bars', barWidth: 0.2, points: [{ x: 0.5, y: 0.5, note: 'n=3' }] },
      { name: 'dots', mark: 'points', points: [{ x: 0.25, y: 0.75, size: 6 }] },
    ],
  });

  it('is an accessible image titled and described by its own elements', () => {
    expect(svg).toMatch(/^<svg class="chart" role="img" aria-labelledby="demo-title demo-desc"/);
    expect(svg).toContain('<title id="demo-title">Demo &lt;chart&gt;</title>');
    expect(svg).toContain('<desc id="demo-desc">a &amp; b</desc>');
    expect(svg).not.toContain('http');
  });

  it('maps data to pixels inside the plot frame', () => {
    expect(polylinePoints(svg, 'line')).toEqual(['58,350', '260,182', '462,14']);
    expect(circles(svg, 'dots')).toEqual([{ cx: 159, cy: 98, r: 6 }]);
  });

  it('draws a bar from the zero line, barWidth wide, with its tooltip', () => {
    // x from 0.4 → 219.6 to 0.6 → 300.4; y from 0.5 → 182 down to 0 → 350.
    expect(svg).toContain(
      '<rect x="219.6" y="182" width="80.8" height="168" fill="#d97706" fill-opacity="0.8"><title>n=3</title></rect>',
    );
  });

  it('labels every tick and both axes, escaping the text', () => {
    expect(svg.match(/text-anchor="middle">0\.5</g)).toHaveLength(1);
    expect(svg).toContain('>x &lt;0</text>');
    expect(svg).toContain('rotate(-90)');
  });

  it('lists every series in the legend', () => {
    const legend = /<g class="legend">(.*?)<\/g>/s.exec(svg)?.[1] ?? '';
    expect([...legend.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual([
      'line',
      'bars',
      'dots',
    ]);
  });
});

describe('rocChart', () => {
  const points = [
    { fpr: 0, tpr: 0 },
    { fpr: 0, tpr: 0.5 },
    { fpr: 0.5, tpr: 1 },
    { fpr: 1, tpr: 1 },
  ];
  const svg = rocChart({
    id: 'roc',
    curves: [{ name: 'Holdout', auc: 0.875, points }],
    operatingPoint: { fpr: 0.5, tpr: 1, label: 'Threshold 0.2' },
    positiveLabel: 'bad',
    negativeLabel: 'good',
  });

  it('draws one vertex per ROC point and the chance diagonal', () => {
    expect(polylinePoints(svg, 'Holdout \\(AUC 0.875\\)')).toEqual([
      '58,350',
      '58,182',
      '260,14',
      '462,14',
    ]);
    expect(polylinePoints(svg, 'Chance \\(AUC 0.500\\)')).toEqual(['58,350', '462,14']);
  });

  it('marks the operating point and names the axes in the model’s words', () => {
    expect(circles(svg, 'Threshold 0.2')).toEqual([{ cx: 260, cy: 14, r: 5.5 }]);
    expect(svg).toContain('False-positive rate (good flagged)');
    expect(svg).toContain('True-positive rate (bad flagged)');
  });
});

describe('calibrationChart', () => {
  const svg = calibrationChart({
    id: 'cal',
    sets: [
      { name: 'A', bins: [{ count: 80, mean_predicted: 0.25, observed_rate: 0.5 }] },
      { name: 'B', bins: [{ count: 20, mean_predicted: 0.5, observed_rate: 0.25 }] },
    ],
  });

  it('places each bin at (mean predicted, observed) with area proportional to its count', () => {
    // Radius 2.5 + 5.5·√(count / 80): 8 for 80 cases, 5.25 for 20 (area ratio ≈ 4 above the base).
    expect(circles(svg, 'A')).toEqual([{ cx: 159, cy: 182, r: 8 }]);
    expect(circles(svg, 'B')).toEqual([{ cx: 260, cy: 266, r: 5.3 }]);
  });

  it('draws the diagonal of perfect calibration', () => {
    expect(polylinePoints(svg, 'Perfect calibration')).toEqual(['58,350', '462,14']);
  });
});
