/**
 * The monitoring page's charts on the generic `lineChart`: series over the report's time buckets
 * (gaps where a bucket has no figure) and a distribution's live shares next to the reference.
 */
import type { Bin } from '../monitor/report/schema.js';
import { fixed, grouped, percent } from './format.js';
import { lineChart, linearTicks, PALETTE, type ChartSeries } from './svg-charts.js';

/** One series over the buckets; null where the bucket has no figure. */
export interface TimeSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
  readonly colour?: string;
  readonly dashed?: boolean;
}

export interface TimeChartOptions {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Bucket starts (RFC 3339), one per value. */
  readonly starts: readonly string[];
  readonly bucket: 'hour' | 'day';
  readonly series: readonly TimeSeries[];
  /** `max` fixes the axis (e.g. 1 for rates); else it covers the data with room for the legend. */
  readonly y: {
    readonly label: string;
    readonly max?: number;
    readonly format: (v: number) => string;
  };
  /** Horizontal reference lines (e.g. the PSI band limits). */
  readonly lines?: readonly {
    readonly name: string;
    readonly y: number;
    readonly colour: string;
  }[];
}

/** Axis maximum and ticks: 1, 2, 2.5 or 5 × 10^k steps, about five of them, covering `most`. */
export function niceAxis(most: number): { max: number; ticks: number[] } {
  const target = most > 0 ? most : 1;
  const raw = target / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const max = Math.ceil(target / step - 1e-9) * step;
  return { max, ticks: linearTicks(0, max, step) };
}

/** A bucket start as a short label: `03-01 14:00` by hour, `03-01` by day (UTC). */
export function bucketLabel(start: string, bucket: 'hour' | 'day'): string {
  const iso = new Date(start).toISOString();
  return bucket === 'hour' ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(5, 10);
}

/** Runs of consecutive non-null values, so a line never bridges an empty bucket. */
function segments(values: readonly (number | null)[]): { x: number; y: number }[][] {
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  values.forEach((v, x) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push({ x, y: v });
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * At most `intervals` + 1 ticks on bucket indices, evenly spaced from the first; none in the last
 * half step, where a centred label would run off the chart's right edge.
 */
export function xTicks(count: number, intervals: number): number[] {
  if (count <= 1) return [0];
  const step = Math.max(1, Math.ceil((count - 1) / intervals));
  const ticks = Array.from({ length: Math.floor((count - 1) / step) + 1 }, (_, i) => i * step);
  return ticks.filter((t, i) => i === 0 || t <= count - 1 - step / 2);
}

/** A time series chart: a line through each run of figures and a point on every figure. */
export function timeChart(o: TimeChartOptions): string {
  const lines = (o.lines ?? []).map((l): ChartSeries => ({
    name: l.name,
    points: [
      { x: 0, y: l.y },
      { x: Math.max(1, o.starts.length - 1), y: l.y },
    ],
    colour: l.colour,
    dashed: true,
    strokeWidth: 1,
  }));
  const series = o.series.flatMap((s, i): ChartSeries[] => {
    const colour = s.colour ?? PALETTE[i % PALETTE.length] ?? '#1d4ed8';
    const runs = segments(s.values).map((points, k): ChartSeries => ({
      name: `${s.name} ${k}`,
      points,
      colour,
      dashed: s.dashed ?? false,
      inLegend: false,
    }));
    const points = runs.flatMap((r) => r.points);
    const notes = points.map((p) => ({
      ...p,
      size: 4,
      note: `${bucketLabel(o.starts[p.x] ?? '', o.bucket)}: ${s.name} ${o.y.format(p.y)}`,
    }));
    return [...runs, { name: s.name, points: notes, mark: 'points', colour }];
  });
  const most = Math.max(
    0,
    ...o.series.flatMap((s) => s.values.filter((v) => v !== null)),
    ...(o.lines ?? []).map((l) => l.y),
  );
  // headroom above the data for the legend in the top-left corner
  const ticks = niceAxis(o.y.max ?? most * 1.3);
  return lineChart({
    id: o.id,
    title: o.title,
    description: o.description,
    width: 480,
    height: 320,
    x: {
      label: `${o.bucket === 'hour' ? 'Hour' : 'Day'} (UTC)`,
      min: -0.5,
      max: Math.max(0.5, o.starts.length - 0.5),
      ticks: xTicks(o.starts.length, o.bucket === 'hour' ? 4 : 6),
      format: (x) => bucketLabel(o.starts[x] ?? '', o.bucket),
    },
    y: { label: o.y.label, min: 0, max: ticks.max, ticks: ticks.ticks, format: o.y.format },
    series: [...lines, ...series],
    legend: 'top-left',
  });
}

/** A bin edge for a narrow axis label: 0.07 (score deciles), 36, 1.3k. */
export function edgeText(x: number): string {
  if (Math.abs(x) < 1) return fixed(x, 2);
  return Math.abs(x) < 1000 ? grouped(x, 1) : `${grouped(x / 1000, 1)}k`;
}

/** A bin's short axis label: the category, or the upper edge of a numeric bin (`≤ 1,000`). */
export function binLabel(bin: Bin, maxChars: number): string {
  const text =
    bin.lower === null && bin.upper === null
      ? bin.label
      : bin.upper === null
        ? `> ${edgeText(bin.lower ?? 0)}`
        : `≤ ${edgeText(bin.upper)}`;
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}

/** Reference and live shares per bin, side by side; `format` labels the numeric bins' edges. */
export function distributionChart(o: {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly bins: readonly Bin[];
  readonly xLabel: string;
  readonly width?: number;
}): string {
  const width = o.width ?? 480;
  const n = Math.max(1, o.bins.length);
  const chars = Math.max(3, Math.floor((width - 76) / n / 6.5));
  const most = Math.max(0.05, ...o.bins.flatMap((b) => [b.reference, b.live ?? 0]));
  const axis = niceAxis(most * 1.35);
  const note = (b: Bin) =>
    `${b.label}: reference ${percent(b.reference)}, live ${b.live === null ? 'no data' : percent(b.live)}`;
  const bars = (name: string, offset: number, pick: (b: Bin) => number | null, colour: string) => ({
    name,
    mark: 'bars' as const,
    colour,
    barWidth: 0.38,
    points: o.bins.flatMap((b, i) => {
      const y = pick(b);
      return y === null ? [] : [{ x: i + offset, y, note: note(b) }];
    }),
  });
  return lineChart({
    id: o.id,
    title: o.title,
    description: o.description,
    width,
    height: 320,
    x: {
      label: o.xLabel,
      min: -0.6,
      max: n - 0.4,
      ticks: o.bins.map((_, i) => i),
      format: (i) => (o.bins[i] ? binLabel(o.bins[i], chars) : ''),
    },
    y: {
      label: 'Share of applications',
      min: 0,
      max: axis.max,
      ticks: axis.ticks,
      format: (v) => percent(v, 0),
    },
    series: [
      bars('Reference (training split)', -0.2, (b) => b.reference, '#9ca3af'),
      bars('Live (this window)', 0.2, (b) => b.live, PALETTE[0] ?? '#1d4ed8'),
    ],
    legend: 'top-left',
  });
}
