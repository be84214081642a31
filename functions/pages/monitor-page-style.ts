/** The monitoring page's stylesheet (the model card's, plus tiles, bands and empty states) and its CSP. */
import { createHash } from 'node:crypto';
import { MODEL_CARD_CSS } from './model-card-style.js';

/** PSI band colours, shared by the stylesheet and the SVG charts: green, amber, red. */
export const BAND_COLOURS: Readonly<Record<'stable' | 'watch' | 'act', string>> = {
  stable: '#047857',
  watch: '#d97706',
  act: '#b91c1c',
};

const EXTRA_CSS = `
header.masthead.monitor { border-top-color: #0f766e; }
header.monitor .overline { color: #0f766e; }
nav.views { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 10px 40px; border-bottom: 1px solid var(--line); font-size: 13px; }
nav.views span.group { color: var(--muted); }
nav.views a { margin-left: 8px; color: var(--accent); text-decoration: none; }
nav.views a[aria-current="page"] { color: var(--ink); font-weight: 700; text-decoration: underline; }
#headline.figures-strip { grid-template-columns: repeat(auto-fit, minmax(135px, 1fr)); }
.figure-box .sub { display: block; margin-top: 2px; color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.figure-box.band-stable { border-left: 5px solid ${BAND_COLOURS.stable}; }
.figure-box.band-watch { border-left: 5px solid ${BAND_COLOURS.watch}; background: #fffbeb; }
.figure-box.band-act { border-left: 5px solid ${BAND_COLOURS.act}; background: #fef2f2; }
.band { display: inline-block; min-width: 56px; padding: 1px 8px; border-radius: 999px; color: #ffffff; font-size: 12px; font-weight: 600; text-align: center; }
.band.stable { background: ${BAND_COLOURS.stable}; }
.band.watch { background: ${BAND_COLOURS.watch}; }
.band.act { background: ${BAND_COLOURS.act}; }
.band.none { background: #9ca3af; }
.empty { margin: 8px 0 16px; padding: 12px 16px; border: 1px dashed #cbd5e1; border-radius: 6px; background: var(--soft); color: #475569; max-width: 80ch; }
tr[data-band="act"] th { color: ${BAND_COLOURS.act}; }
figure.wide svg { max-width: 960px; }
table.arms th.num { white-space: normal; }
table.arms tbody th { white-space: nowrap; }
figure.wide figcaption { max-width: 960px; }
`;

/** Screen and print styles: the model card's, so both pages look alike, plus the monitor's parts. */
export const MONITOR_CSS = MODEL_CARD_CSS + EXTRA_CSS;

/**
 * A Content-Security-Policy under which the page renders fully: no scripts, no fetches, only
 * this stylesheet (allowed by its hash, CSP Level 3 §8.2), links to the same origin only.
 */
export const MONITOR_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(MONITOR_CSS).digest('base64')}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
