/** The model card's lineage section: the artifact, then everything `lineage` records beyond the data. */
import type { Manifest } from '../../model/manifest/schema.js';
import { grouped } from './format.js';
import { markup, type Markup } from './html.js';
import { facts, humanise, valueMarkup } from './page-parts.js';
import { DATA_LINEAGE_KEYS } from './model-card-text.js';

function opsets(m: Manifest): string {
  return Object.entries(m.artifact.opsets)
    .map(([domain, version]) => `${domain} ${version}`)
    .join(', ');
}

/** The optional `explain` block (background statistics for attributions) in one line, if present. */
function explanations(m: Manifest): string | undefined {
  const { explain } = m as { readonly explain?: unknown };
  if (typeof explain !== 'object' || explain === null) return undefined;
  const e = explain as Record<string, unknown>;
  const output = e.output === 'probability' ? 'probability' : 'log-odds';
  const background = typeof e.background === 'string' ? e.background : 'a background sample';
  const rows = typeof e.background_rows === 'number' ? ` (${grouped(e.background_rows)} rows)` : '';
  return `per-feature attributions of the ${output} against ${background}${rows}`;
}

/**
 * How the model was made, for reproduction and review: file, size, checksum, opsets and producer of
 * the ONNX artifact, then the remaining `lineage` entries (trainer, hyper-parameters, training
 * diagnostics) as facts, with structured values as compact JSON.
 */
export function lineageSection(m: Manifest): Markup {
  const rest = Object.entries(m.lineage).filter(([k]) => !DATA_LINEAGE_KEYS.includes(k));
  return markup`<section id="lineage"><h2>Lineage</h2>
<h3>Artifact</h3>
${facts([
  ['File', m.artifact.file],
  ['Size', `${grouped(m.artifact.bytes)} bytes`],
  ['sha256', markup`<span class="hash">${m.artifact.sha256}</span>`],
  ['Opsets', opsets(m)],
  ['Producer', m.artifact.producer],
  [
    'Outputs',
    markup`<code>${m.outputs.label}</code> (class label), <code>${m.outputs.probabilities}</code> (class probabilities)`,
  ],
  ['Explanations', explanations(m)],
])}
${rest.length > 0 && markup`<h3>Training</h3>${facts(rest.map(([k, v]) => [humanise(k), valueMarkup(v)]))}`}
</section>`;
}
