/** A generic x-y chart as an inline SVG string: linear axes, ticks, grid, lines, points, bars, legend. */
import { markup, type Markup } from './html.js';

/** One data point; `size` is a marker radius in pixels, `note` its tooltip. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly size?: number;
  readonly note?: string;
}

/** How a series is drawn: a polyline through its points, markers, or bars from the zero line. */
export type ChartMark = 'line' | 'points' | 'bars';

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
  readonly mark?: ChartMark;
  readonly colour?: string;
  readonly dashed?: boolean;
  /** Bar width in x-axis units (bars only); defaults to a tenth of the x range. */
  readonly barWidth?: number;
  /** Line width in pixels (lines only, default 2) and opacity (default 1). */
  readonly strokeWidth?: number;
  readonly opacity?: number;
  /** Whether the legend lists the series (default true). */
  readonly inLegend?: boolean;
}

export interface ChartAxis {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  readonly format?: (value: number) => string;
}

export interface ChartOptions {
  /** Prefix of the SVG's element ids; must be unique on the page. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly x: ChartAxis;
  readonly y: ChartAxis;
  readonly series: readonly ChartSeries[];
  readonly width?: number;
  readonly height?: number;
  readonly legend?: 'top-left' | 'bottom-right' | 'none';
  /** Extra legend lines without a swatch (e.g. "point area ∝ bin count"). */
  readonly legendNotes?: readonly string[];
}

/** Series colours (blue, amber, green, violet): distinct under the common colour-vision deficiencies. */
export const PALETTE: readonly string[] = ['#1d4ed8', '#d97706', '#047857', '#7c3aed'];
const INK = '#374151';
const GRID = '#e5e7eb';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const MARGIN = { top: 14, right: 18, bottom: 50, left: 58 } as const;

interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly sx: (v: number) => number;
  readonly sy: (v: number) => number;
}

/** Evenly spaced ticks from `min` to `max` inclusive, free of floating-point noise (0.30000000000000004). */
export function linearTicks(min: number, max: number, step: number): number[] {
  const count = Math.floor((max - min) / step + 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((min + i * step).toFixed(10)));
}

function coord(v: number): string {
  return String(Number(v.toFixed(1)));
}

function frameOf(o: ChartOptions, width: number, height: number): Frame {
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const { x, y } = o;
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: plotW,
    height: plotH,
    sx: (v) => MARGIN.left + ((v - x.min) / (x.max - x.min)) * plotW,
    sy: (v) => MARGIN.top + plotH - ((v - y.min) / (y.max - y.min)) * plotH,
  };
}

function axes(o: ChartOptions, f: Frame): Markup {
  const fx = o.x.format ?? String;
  const fy = o.y.format ?? String;
  const bottom = f.top + f.height;
  const xTicks = o.x.ticks.map((t) => {
    const px = coord(f.sx(t));
    return markup`<line x1="${px}" y1="${f.top}" x2="${px}" y2="${bottom}" stroke="${GRID}"/>
<line x1="${px}" y1="${bottom}" x2="${px}" y2="${bottom + 5}" stroke="${INK}"/>
<text x="${px}" y="${bottom + 18}" text-anchor="middle">${fx(t)}</text>`;
  });
  const yTicks = o.y.ticks.map((t) => {
    const py = coord(f.sy(t));
    return markup`<line x1="${f.left}" y1="${py}" x2="${f.left + f.width}" y2="${py}" stroke="${GRID}"/>
<line x1="${f.left - 5}" y1="${py}" x2="${f.left}" y2="${py}" stroke="${INK}"/>
<text x="${f.left - 8}" y="${py}" dy="0.32em" text-anchor="end">${fy(t)}</text>`;
  });
  const midX = coord(f.left + f.width / 2);
  const midY = coord(f.top + f.height / 2);
  return markup`<g class="axes" fill="${INK}">${xTicks}${yTicks}
<rect x="${f.left}" y="${f.top}" width="${f.width}" height="${f.height}" fill="none" stroke="${INK}"/>
<text x="${midX}" y="${bottom + 40}" text-anchor="middle" font-size="13" font-weight="600">${o.x.label}</text>
<text transform="translate(16 ${midY}) rotate(-90)" text-anchor="middle" font-size="13" font-weight="600">${o.y.label}</text>
</g>`;
}

function tooltip(p: ChartPoint): Markup | undefined {
  return p.note === undefined ? undefined : markup`<title>${p.note}</title>`;
}

function seriesMarkup(s: ChartSeries, colour: string, o: ChartOptions, f: Frame): Markup {
  const mark = s.mark ?? 'line';
  const dash = s.dashed === true ? markup` stroke-dasharray="5 4"` : undefined;
  if (mark === 'line') {
    const points = s.points.map((p) => `${coord(f.sx(p.x))},${coord(f.sy(p.y))}`).join(' ');
    return markup`<polyline data-series="${s.name}" points="${points}" fill="none" stroke="${colour}" stroke-width="${s.strokeWidth ?? 2}" stroke-opacity="${s.opacity ?? 1}" stroke-linejoin="round"${dash}/>`;
  }
  if (mark === 'points') {
    const dots = s.points.map(
      (p) =>
        markup`<circle cx="${coord(f.sx(p.x))}" cy="${coord(f.sy(p.y))}" r="${coord(p.size ?? 4)}" fill="${colour}" fill-opacity="0.75" stroke="#ffffff">${tooltip(p)}</circle>`,
    );
    return markup`<g data-series="${s.name}">${dots}</g>`;
  }
  const half = (s.barWidth ?? (o.x.max - o.x.min) / 10) / 2;
  const base = f.sy(Math.min(Math.max(0, o.y.min), o.y.max));
  const bars = s.points.map((p) => {
    const x0 = f.sx(p.x - half);
    const [y0, y1] = [Math.min(f.sy(p.y), base), Math.max(f.sy(p.y), base)];
    return markup`<rect x="${coord(x0)}" y="${coord(y0)}" width="${coord(f.sx(p.x + half) - x0)}" height="${coord(y1 - y0)}" fill="${colour}" fill-opacity="0.8">${tooltip(p)}</rect>`;
  });
  return markup`<g data-series="${s.name}">${bars}</g>`;
}

function swatch(s: ChartSeries, colour: string, x: number, y: number): Markup {
  const mark = s.mark ?? 'line';
  if (mark === 'points') return markup`<circle cx="${x + 10}" cy="${y}" r="4.5" fill="${colour}"/>`;
  if (mark === 'bars')
    return markup`<rect x="${x + 4}" y="${y - 5}" width="12" height="10" fill="${colour}"/>`;
  const dash = s.dashed === true ? markup` stroke-dasharray="5 4"` : undefined;
  return markup`<line x1="${x}" y1="${y}" x2="${x + 20}" y2="${y}" stroke="${colour}" stroke-width="2"${dash}/>`;
}

function legend(o: ChartOptions, colours: readonly string[], f: Frame): Markup | undefined {
  const entries = o.series.flatMap((s, i) => (s.inLegend === false ? [] : [{ s, i }]));
  const notes = o.legendNotes ?? [];
  const labels = [...entries.map((e) => e.s.name), ...notes];
  if (o.legend === 'none' || labels.length === 0) return undefined;
  const boxW = 40 + Math.max(...labels.map((l) => l.length)) * 6.3;
  const boxH = 10 + labels.length * 18;
  const bx = o.legend === 'top-left' ? f.left + 8 : f.left + f.width - 8 - boxW;
  const by = o.legend === 'top-left' ? f.top + 8 : f.top + f.height - 8 - boxH;
  const rows = entries.map(({ s, i }, row) => {
    const y = by + 14 + row * 18;
    return markup`${swatch(s, colours[i] ?? INK, bx + 8, y)}<text x="${coord(bx + 34)}" y="${y}" dy="0.32em">${s.name}</text>`;
  });
  const noteRows = notes.map((n, k) => {
    const y = by + 14 + (entries.length + k) * 18;
    return markup`<text x="${coord(bx + 8)}" y="${y}" dy="0.32em" fill="#6b7280">${n}</text>`;
  });
  return markup`<g class="legend"><rect x="${coord(bx)}" y="${coord(by)}" width="${coord(boxW)}" height="${boxH}" rx="4" fill="#ffffff" fill-opacity="0.92" stroke="${GRID}"/>${rows}${noteRows}</g>`;
}

/**
 * An x-y chart on linear axes as an SVG string for inline use in HTML: no `xmlns` (HTML parsing puts
 * `<svg>` in the SVG namespace), no scripts, no external references, and presentation attributes
 * rather than `style`, so a strict Content-Security-Policy allows it. `role="img"` with `<title>`
 * and `<desc>` makes it one accessible image (SVG Accessibility API Mappings §5.1.1).
 */
export function lineChart(o: ChartOptions): string {
  const width = o.width ?? 480;
  const height = o.height ?? 400;
  const f = frameOf(o, width, height);
  const id = o.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const colours = o.series.map((s, i) => s.colour ?? PALETTE[i % PALETTE.length] ?? INK);
  const body = o.series.map((s, i) => seriesMarkup(s, colours[i] ?? INK, o, f));
  const desc =
    o.description === undefined ? undefined : markup`<desc id="${id}-desc">${o.description}</desc>`;
  const labelledBy = desc === undefined ? `${id}-title` : `${id}-title ${id}-desc`;
  return markup`<svg class="chart" role="img" aria-labelledby="${labelledBy}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">
<title id="${id}-title">${o.title}</title>${desc}
<rect width="${width}" height="${height}" fill="#ffffff"/>
${axes(o, f)}
${body}
${legend(o, colours, f)}
</svg>`.text;
}
