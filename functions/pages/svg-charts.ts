/** The model-risk charts as inline SVG strings: ROC curve and calibration plot, on the generic `lineChart`. */
import { fixed } from './format.js';
import { PALETTE, lineChart, linearTicks, type ChartSeries } from './svg-plot.js';

export { PALETTE, lineChart, linearTicks };
export type { ChartAxis, ChartMark, ChartOptions, ChartPoint, ChartSeries } from './svg-plot.js';

const REFERENCE = '#9ca3af';
const OPERATING = '#b91c1c';

/** One ROC curve: (false-positive rate, true-positive rate) points in threshold order. */
export interface RocCurve {
  readonly name: string;
  readonly auc?: number;
  readonly points: readonly { readonly fpr: number; readonly tpr: number }[];
}

/** A point on the curve to mark, e.g. the decision threshold's confusion matrix. */
export interface OperatingPoint {
  readonly fpr: number;
  readonly tpr: number;
  readonly label: string;
}

export interface RocChartOptions {
  readonly id: string;
  readonly title?: string;
  readonly curves: readonly RocCurve[];
  readonly operatingPoint?: OperatingPoint;
  readonly positiveLabel?: string;
  readonly negativeLabel?: string;
}

const UNIT_TICKS = linearTicks(0, 1, 0.2);
const oneDecimal = (v: number): string => fixed(v, 1);

/**
 * The ROC curve (Fawcett 2006, Pattern Recognition Letters 27:861): one polyline per curve with
 * exactly one vertex per ROC point, the chance diagonal, and AUC in the legend.
 */
export function rocChart(o: RocChartOptions): string {
  const positive = o.positiveLabel ?? 'positive';
  const negative = o.negativeLabel ?? 'negative';
  const chance: ChartSeries = {
    name: 'Chance (AUC 0.500)',
    points: [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ],
    colour: REFERENCE,
    dashed: true,
  };
  const curves = o.curves.map((c, i): ChartSeries => ({
    name: c.auc === undefined ? c.name : `${c.name} (AUC ${fixed(c.auc)})`,
    points: c.points.map((p) => ({ x: p.fpr, y: p.tpr })),
    colour: PALETTE[i % PALETTE.length],
  }));
  const op = o.operatingPoint;
  const marker: ChartSeries[] = op
    ? [
        {
          name: op.label,
          mark: 'points',
          colour: OPERATING,
          points: [{ x: op.fpr, y: op.tpr, size: 5.5, note: op.label }],
        },
      ]
    : [];
  return lineChart({
    id: o.id,
    title: o.title ?? 'ROC curve',
    description: `Share of ${positive} cases flagged (true-positive rate) against share of ${negative} cases flagged (false-positive rate) as the threshold moves.`,
    x: {
      label: `False-positive rate (${negative} flagged)`,
      min: 0,
      max: 1,
      ticks: UNIT_TICKS,
      format: oneDecimal,
    },
    y: {
      label: `True-positive rate (${positive} flagged)`,
      min: 0,
      max: 1,
      ticks: UNIT_TICKS,
      format: oneDecimal,
    },
    series: [chance, ...curves, ...marker],
    legend: 'bottom-right',
  });
}

/** One calibration bin as in the manifest's `calibration` rows. */
export interface CalibrationBin {
  readonly count: number;
  readonly mean_predicted: number;
  readonly observed_rate: number;
}

export interface CalibrationChartOptions {
  readonly id: string;
  readonly title?: string;
  readonly sets: readonly { readonly name: string; readonly bins: readonly CalibrationBin[] }[];
  readonly positiveLabel?: string;
}

function binSeries(
  name: string,
  bins: readonly CalibrationBin[],
  colour: string,
  most: number,
): ChartSeries[] {
  const points = bins.map((b, k) => ({
    x: b.mean_predicted,
    y: b.observed_rate,
    size: 2.5 + 5.5 * Math.sqrt(b.count / most),
    note: `${name}, bin ${k + 1}: ${b.count} cases, mean predicted ${fixed(b.mean_predicted)}, observed ${fixed(b.observed_rate)}`,
  }));
  return [
    { name: `${name} (joined)`, points, colour, inLegend: false, strokeWidth: 1, opacity: 0.6 },
    { name, points, mark: 'points', colour },
  ];
}

/**
 * The reliability diagram (DeGroot & Fienberg 1983): each bin's observed rate against its mean
 * predicted probability, point area proportional to the bin's count (one scale for all sets), and
 * the diagonal of perfect calibration.
 */
export function calibrationChart(o: CalibrationChartOptions): string {
  const positive = o.positiveLabel ?? 'positive';
  const diagonal: ChartSeries = {
    name: 'Perfect calibration',
    points: [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ],
    colour: REFERENCE,
    dashed: true,
  };
  const most = Math.max(1, ...o.sets.flatMap((s) => s.bins.map((b) => b.count)));
  const series = o.sets.flatMap((s, i) =>
    binSeries(s.name, s.bins, PALETTE[i % PALETTE.length] ?? '#1d4ed8', most),
  );
  return lineChart({
    id: o.id,
    title: o.title ?? 'Calibration',
    description: `Observed ${positive} rate against mean predicted probability, per score bin.`,
    x: {
      label: `Mean predicted P(${positive})`,
      min: 0,
      max: 1,
      ticks: UNIT_TICKS,
      format: oneDecimal,
    },
    y: {
      label: `Observed ${positive} rate`,
      min: 0,
      max: 1,
      ticks: UNIT_TICKS,
      format: oneDecimal,
    },
    series: [diagonal, ...series],
    legend: 'top-left',
    legendNotes: ['Point area ∝ cases in the bin'],
  });
}
