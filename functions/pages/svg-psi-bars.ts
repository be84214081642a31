/** PSI per feature as a horizontal bar chart (inline SVG): bars coloured by band, the 0.10 and 0.25 lines. */
import { fixed } from './format.js';
import { linearTicks } from './svg-plot.js';
import { markup, type Markup } from './html.js';
import { BAND_COLOURS } from './monitor-page-style.js';

export interface PsiBar {
  readonly name: string;
  readonly psi: number;
  readonly band: 'stable' | 'watch' | 'act';
}

/** The PSI band limits (model/stats/psi.ts `psiBand`): below 0.10 stable, above 0.25 act. */
export const PSI_WATCH = 0.1;
export const PSI_ACT = 0.25;

const INK = '#374151';
const GRID = '#e5e7eb';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const LAYOUT = { width: 960, label: 190, value: 70, row: 22, top: 30, bottom: 30 } as const;

/** The x-axis maximum: at least 0.30 so both lines show, at most 1.0 so they stay readable. */
export function psiScaleMax(values: readonly number[]): number {
  const most = Math.max(0, ...values);
  return Math.min(1, Math.max(0.3, Math.ceil(most * 11) / 10));
}

function limitLine(x: number, value: number, label: string, colour: string, bottom: number) {
  const px = x.toFixed(1);
  return markup`<line x1="${px}" y1="${LAYOUT.top - 6}" x2="${px}" y2="${bottom}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="5 4"/>
<text x="${px}" y="${LAYOUT.top - 12}" text-anchor="middle" fill="${colour}" font-weight="600">${fixed(value, 2)} ${label}</text>`;
}

function bar(b: PsiBar, i: number, sx: (v: number) => number, max: number): Markup {
  const y = LAYOUT.top + i * LAYOUT.row;
  const clipped = b.psi > max;
  const end = sx(Math.min(b.psi, max));
  const x0 = sx(0);
  const colour = BAND_COLOURS[b.band];
  return markup`<g data-feature="${b.name}" data-band="${b.band}">
<text x="${LAYOUT.label - 8}" y="${y + LAYOUT.row / 2}" dy="0.32em" text-anchor="end">${b.name}</text>
<rect x="${x0.toFixed(1)}" y="${y + 4}" width="${Math.max(1, end - x0).toFixed(1)}" height="${LAYOUT.row - 8}" fill="${colour}"><title>${b.name}: PSI ${fixed(b.psi)} (${b.band})</title></rect>
<text x="${(end + 6).toFixed(1)}" y="${y + LAYOUT.row / 2}" dy="0.32em" fill="${INK}">${fixed(b.psi)}${clipped ? ' ›' : ''}</text>
</g>`;
}

/**
 * One bar per feature, largest PSI first, coloured by band (green stable, amber watch, red act),
 * with the band limits as dashed lines; a PSI beyond the axis is drawn to its end and marked ›.
 * No scripts, presentation attributes only, `role="img"` with a title and description.
 */
export function psiBarChart(id: string, bars: readonly PsiBar[]): string {
  const sorted = [...bars].sort((a, b) => b.psi - a.psi || (a.name < b.name ? -1 : 1));
  const max = psiScaleMax(sorted.map((b) => b.psi));
  const plotW = LAYOUT.width - LAYOUT.label - LAYOUT.value;
  const sx = (v: number) => LAYOUT.label + (v / max) * plotW;
  const bottom = LAYOUT.top + sorted.length * LAYOUT.row;
  const height = bottom + LAYOUT.bottom;
  const ticks = linearTicks(0, max, max <= 0.5 ? 0.1 : 0.2);
  const axis = ticks.map((t) => {
    const px = sx(t).toFixed(1);
    return markup`<line x1="${px}" y1="${LAYOUT.top}" x2="${px}" y2="${bottom}" stroke="${GRID}"/><text x="${px}" y="${bottom + 16}" text-anchor="middle" fill="${INK}">${fixed(t, 1)}</text>`;
  });
  return markup`<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" width="${LAYOUT.width}" height="${height}" viewBox="0 0 ${LAYOUT.width} ${height}" font-family="${FONT}" font-size="12">
<title id="${id}-title">PSI per feature</title>
<desc id="${id}-desc">Population stability index of each feature against the training split, largest first; below ${fixed(PSI_WATCH, 2)} stable, up to ${fixed(PSI_ACT, 2)} watch, above act.</desc>
<rect width="${LAYOUT.width}" height="${height}" fill="#ffffff"/>
${axis}
${sorted.map((b, i) => bar(b, i, sx, max))}
${limitLine(sx(PSI_WATCH), PSI_WATCH, 'watch', BAND_COLOURS.watch, bottom)}
${limitLine(sx(PSI_ACT), PSI_ACT, 'act', BAND_COLOURS.act, bottom)}
</svg>`.text;
}
