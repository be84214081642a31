/** The model card's stylesheet (inline, so the page is one self-contained file) and its CSP hash. */
import { createHash } from 'node:crypto';

/** Screen and print styles: a narrow, serif-free reading column, tabular numbers, an A4 print layout. */
export const MODEL_CARD_CSS = `
:root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --soft: #f8fafc; --accent: #1d4ed8;
  --warn-bg: #fffbeb; --warn-line: #d97706; --warn-ink: #78350f; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #f3f4f6; line-height: 1.5; font-size: 15px;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
.page { max-width: 1040px; margin: 0 auto; padding: 0 0 48px; background: #ffffff; }
header.masthead { padding: 32px 40px 24px; border-top: 6px solid var(--accent); border-bottom: 1px solid var(--line); }
.overline { margin: 0; color: var(--accent); font-size: 12px; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
h1 { margin: 4px 0 6px; font-size: 30px; line-height: 1.2; }
.lede { margin: 0 0 14px; color: #374151; font-size: 16px; max-width: 70ch; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 13px; }
.meta b { color: var(--ink); font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; background: #dbeafe; color: #1e3a8a; font-size: 12px; font-weight: 600; }
.artifact { max-width: none; }
.hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
nav.toc { padding: 10px 40px; border-bottom: 1px solid var(--line); background: var(--soft); font-size: 13px; }
nav.toc a { margin-right: 16px; color: var(--accent); text-decoration: none; }
main { padding: 0 40px; }
section { padding-top: 20px; }
h2 { margin: 12px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); font-size: 20px; }
h3 { margin: 18px 0 8px; font-size: 15px; }
p { margin: 0 0 10px; max-width: 80ch; }
ul { margin: 0 0 10px; padding-left: 20px; max-width: 80ch; }
li { margin: 2px 0; }
.muted { color: var(--muted); font-size: 13px; }
.figures-strip { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-top: 20px; }
.figure-box { padding: 12px 14px; border: 1px solid var(--line); border-radius: 8px; background: var(--soft); }
.figure-box .value { display: block; font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
.figure-box .label { display: block; margin-top: 2px; color: var(--muted); font-size: 12px; line-height: 1.35; }
.callout { padding: 12px 16px; border: 1px solid #fde68a; border-left: 5px solid var(--warn-line); border-radius: 6px; background: var(--warn-bg); color: var(--warn-ink); }
.callout h2 { border-bottom-color: #fde68a; color: var(--warn-ink); }
.callout li { margin: 6px 0; }
table { width: 100%; margin: 6px 0 14px; border-collapse: collapse; font-size: 14px; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #d1d5db; background: var(--soft); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #4b5563; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { font-weight: 600; }
.matrix { width: auto; min-width: 360px; }
.matrix td.num { min-width: 96px; }
.matrix td.good { background: #ecfdf5; }
.matrix td.bad { background: #fef2f2; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 20px; }
figure { margin: 8px 0 16px; }
figure svg { display: block; width: 100%; max-width: 480px; height: auto; border: 1px solid var(--line); border-radius: 6px; }
figcaption { margin-top: 6px; color: var(--muted); font-size: 13px; max-width: 480px; }
.decision-rule { margin: 4px 0 12px; padding: 10px 14px; border-radius: 6px; background: #eff6ff; font-size: 16px; }
code, .chip { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.chip { display: inline-block; margin: 1px 4px 3px 0; padding: 0 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--soft); white-space: nowrap; }
ul.categories { margin: 0; padding: 0; list-style: none; font-size: 13.5px; }
ul.categories li { margin: 0 0 3px; }
.features td:first-child { white-space: nowrap; }
.features .label { display: block; color: var(--muted); font-size: 12.5px; }
dl.facts { display: grid; grid-template-columns: minmax(140px, max-content) 1fr; gap: 4px 18px; margin: 0 0 12px; font-size: 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
dl.nested { margin: 0; gap: 2px 14px; font-size: 13.5px; }
table.compact { width: auto; margin: 2px 0 6px; font-size: 13px; }
table.compact th, table.compact td { padding: 3px 10px; }
table.compact thead th { text-transform: none; letter-spacing: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
dl.nested dt { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
caption { caption-side: top; padding: 0 0 6px; text-align: left; font-weight: 600; }
.metrics tbody th { white-space: nowrap; }
pre { margin: 0; padding: 8px 10px; border-radius: 6px; background: var(--soft); font-size: 12.5px; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 28px; padding: 16px 40px 0; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
a { color: var(--accent); }
@media (max-width: 640px) { header.masthead, main, footer, nav.toc { padding-left: 16px; padding-right: 16px; } }
@media print {
  @page { size: A4; margin: 14mm; }
  body { background: #ffffff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  header.masthead, main, footer { padding-left: 0; padding-right: 0; }
  nav.toc { display: none; }
  .figures-strip { grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); }
  .pair.charts { grid-template-columns: 1fr 1fr; }
  h2, h3 { break-after: avoid; }
  figure, table, .callout, .figure-box { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * A Content-Security-Policy under which the model card renders fully: no scripts, no fetches, only
 * this stylesheet (allowed by its hash, CSP Level 3 §8.2) and nothing embeddable elsewhere.
 */
export const MODEL_CARD_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(MODEL_CARD_CSS).digest('base64')}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
