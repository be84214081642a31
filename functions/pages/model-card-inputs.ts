/** The model card's input contract: every feature with its label, kind, allowed values and meaning. */
import type { Manifest, ManifestFeature } from '../../model/manifest/schema.js';
import { grouped } from './format.js';
import { markup, type Markup } from './html.js';

/**
 * The optional plain-words fields of a feature (`label`, and `category_labels` keyed by category),
 * read defensively so the card renders manifests written before and after they were added.
 */
interface FeatureLabels {
  readonly label?: unknown;
  readonly category_labels?: unknown;
}

function labelOf(f: ManifestFeature): string | undefined {
  const { label } = f as FeatureLabels;
  return typeof label === 'string' && label !== '' ? label : undefined;
}

function categoryLabel(f: ManifestFeature, category: string): string | undefined {
  const { category_labels: labels } = f as FeatureLabels;
  if (typeof labels !== 'object' || labels === null || !Object.hasOwn(labels, category))
    return undefined;
  const value = (labels as Record<string, unknown>)[category];
  return typeof value === 'string' && value !== '' && value !== category ? value : undefined;
}

/** Categories as chips; with labels, one per line with its meaning. */
function categories(f: ManifestFeature & { kind: 'categorical' }): Markup {
  const labelled = f.categories.map((c) => [c, categoryLabel(f, c)] as const);
  if (labelled.every(([, label]) => label === undefined))
    return markup`${f.categories.map((c) => markup`<span class="chip">${c}</span>`)}`;
  return markup`<ul class="categories">${labelled.map(
    ([c, label]) => markup`<li><span class="chip">${c}</span> ${label}</li>`,
  )}</ul>`;
}

function domain(f: ManifestFeature): Markup {
  if (f.kind === 'categorical') return categories(f);
  const whole = f.integer ? ', whole numbers' : '';
  return markup`${grouped(f.minimum, 6)} to ${grouped(f.maximum, 6)} ${f.unit}<span class="muted">${whole}</span>`;
}

function featureRow(f: ManifestFeature): Markup {
  const label = labelOf(f);
  return markup`<tr data-feature="${f.name}"><td><code>${f.name}</code>${label !== undefined && markup`<span class="label">${label}</span>`}</td><td>${f.kind}</td><td>${domain(f)}</td><td>${f.description}</td></tr>`;
}

/**
 * Every input the scoring functions accept, in the model's order. Values outside these domains or
 * categories are rejected by the input contract (`model/runtime/contract.ts`) before scoring.
 */
export function inputsSection(m: Manifest): Markup {
  const layout =
    m.input.layout === 'matrix'
      ? markup`one numeric matrix input <code>${m.input.name}</code>, columns in this order`
      : markup`one ONNX input per feature`;
  return markup`<section id="inputs"><h2>Input contract</h2>
<p>${grouped(m.features.length)} features, ${layout}. A record with a missing or unknown field, a category not listed or a number outside its range is rejected with an error naming the field.</p>
<table class="features"><thead><tr><th scope="col">Feature</th><th scope="col">Kind</th><th scope="col">Allowed values</th><th scope="col">Meaning</th></tr></thead>
<tbody>${m.features.map(featureRow)}</tbody></table>
</section>`;
}
