/** The model card as one self-contained HTML page a risk officer can read and print. */
import type { Manifest } from '../../model/manifest/schema.js';
import { markup, raw } from './html.js';
import { metricSets } from './metric-sets.js';
import { MODEL_CARD_CSS } from './model-card-style.js';
import { decisionSection } from './model-card-decision.js';
import { inputsSection } from './model-card-inputs.js';
import { lineageSection } from './model-card-lineage.js';
import { keyFigures, performanceSection } from './model-card-performance.js';
import {
  dataSection,
  limitationsSection,
  masthead,
  notesSection,
  useSection,
} from './model-card-text.js';

export { MODEL_CARD_CSP } from './model-card-style.js';

export interface ModelCardOptions {
  /** Link to the manifest as JSON; default `?format=json` (the same URL, JSON form). */
  readonly jsonHref?: string;
}

const CONTENTS: readonly (readonly [string, string])[] = [
  ['use', 'Intended use'],
  ['limitations', 'Limitations'],
  ['data', 'Data'],
  ['performance', 'Performance'],
  ['decision', 'Decision rule'],
  ['inputs', 'Input contract'],
  ['lineage', 'Lineage'],
];

/**
 * Renders the manifest as an HTML5 model card (after Mitchell et al. 2019, "Model Cards for Model
 * Reporting"): intended use, limitations, data, metrics with ROC and calibration plots, the decision
 * rule with its costs, the input contract and lineage. Self-contained (inline CSS and SVG, no
 * scripts, no external URLs) so it works offline, prints, and passes `MODEL_CARD_CSP`. Every
 * manifest string is HTML-escaped. Deterministic: the same manifest gives the same bytes.
 */
export function renderModelCard(manifest: Manifest, options: ModelCardOptions = {}): string {
  const m = manifest;
  const sets = metricSets(m.metrics);
  const notes = notesSection(m);
  const toc = [...CONTENTS, ...(notes ? [['notes', 'Further notes'] as const] : [])];
  return `<!doctype html>\n${
    markup`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Model card: ${m.name} ${m.version}</title>
<style>${raw(MODEL_CARD_CSS)}</style>
</head>
<body>
<div class="page">
${masthead(m, options.jsonHref ?? '?format=json')}
<nav class="toc" aria-label="Contents">${toc.map(([id, title]) => markup`<a href="#${id}">${title}</a>`)}</nav>
<main>
${keyFigures(m, sets[0])}
${useSection(m)}
${limitationsSection(m)}
${dataSection(m)}
${performanceSection(m, sets)}
${decisionSection(m, sets)}
${inputsSection(m)}
${lineageSection(m)}
${notes}
</main>
<footer>Generated from the manifest <code>model.json</code> of ${m.name} ${m.version}; the JSON is the authoritative record.</footer>
</div>
</body>
</html>
`.text
  }`;
}
