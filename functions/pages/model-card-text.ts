/** The model card's prose sections, from `card` and `lineage`: masthead, intended use, limitations, data. */
import type { Manifest } from '../../model/manifest/schema.js';
import { grouped } from './format.js';
import { markup, type Markup } from './html.js';
import { facts, humanise, prose, valueMarkup } from './page-parts.js';

/** Card keys that have their own section; any other key is listed under "Further notes". */
export const CARD_SECTIONS: readonly string[] = [
  'intended_use',
  'users',
  'out_of_scope',
  'limitations',
  'data',
  'role',
];

function cardEntry(m: Manifest, key: string): string | string[] | undefined {
  return m.card[key];
}

function asText(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.join(', ');
}

/** Title block: name, description, version, algorithm, role, artifact checksum, link to the JSON. */
export function masthead(m: Manifest, jsonHref: string): Markup {
  const role = asText(cardEntry(m, 'role'));
  return markup`<header class="masthead">
<p class="overline">Model card</p>
<h1>${m.name} <span class="muted">v${m.version}</span></h1>
<p class="lede">${m.description}</p>
<ul class="meta">
<li>Version <b>${m.version}</b></li>
<li>Algorithm <b>${m.algorithm}</b></li>
${role !== undefined && markup`<li>Role <span class="badge">${role}</span></li>`}
<li>Target <b>${m.target.name}</b>, positive class <b>${String(m.target.positive_class)}</b></li>
<li><a href="${jsonHref}">Manifest as JSON</a></li>
</ul>
<p class="muted artifact">${m.artifact.file} · ${grouped(m.artifact.bytes)} bytes · sha256 <span class="hash">${m.artifact.sha256}</span></p>
</header>`;
}

/** Intended use, users and out-of-scope uses, in the card's own words. */
export function useSection(m: Manifest): Markup {
  const users = cardEntry(m, 'users');
  const outOfScope = cardEntry(m, 'out_of_scope');
  return markup`<section id="use"><h2>Intended use</h2>
${prose(cardEntry(m, 'intended_use')) ?? markup`<p class="muted">The manifest states no intended use.</p>`}
${users !== undefined && markup`<h3>Users</h3>${prose(users)}`}
${outOfScope !== undefined && markup`<h3>Out of scope</h3>${prose(outOfScope)}`}
</section>`;
}

/** Limitations, set apart so a reader cannot miss them; says so when the card states none. */
export function limitationsSection(m: Manifest): Markup {
  const limitations = cardEntry(m, 'limitations');
  const body =
    prose(limitations) ??
    markup`<p>The manifest states no limitations. Ask the model owner before relying on this model.</p>`;
  return markup`<section id="limitations" class="callout"><h2>Limitations</h2>${body}</section>`;
}

function objectEntries(value: unknown): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>);
}

/** Lineage keys shown under "Data" rather than "Lineage", with their headings. */
const DATA_HEADINGS: Readonly<Record<string, string>> = {
  data: 'Data set',
  split: 'Split',
  sample: 'Sample',
};
export const DATA_LINEAGE_KEYS: readonly string[] = Object.keys(DATA_HEADINGS);

/** The card's data statement, then the data set and split from `lineage` (checksum, rows, seed). */
export function dataSection(m: Manifest): Markup {
  const blocks = DATA_LINEAGE_KEYS.flatMap((key) => {
    const rows = objectEntries(m.lineage[key]).map(
      ([k, v]) => [humanise(k), valueMarkup(v)] as const,
    );
    return rows.length === 0
      ? []
      : [markup`<h3>${DATA_HEADINGS[key] ?? humanise(key)}</h3>${facts(rows)}`];
  });
  return markup`<section id="data"><h2>Data</h2>
${prose(cardEntry(m, 'data')) ?? markup`<p class="muted">The manifest describes no training data.</p>`}
${blocks}
</section>`;
}

/** Card entries without a section of their own (e.g. `note` from `scorefn manifest`); nothing if none. */
export function notesSection(m: Manifest): Markup | undefined {
  const rest = Object.keys(m.card).filter((k) => !CARD_SECTIONS.includes(k));
  if (rest.length === 0) return undefined;
  return markup`<section id="notes"><h2>Further notes</h2>${facts(rest.map((k) => [humanise(k), prose(m.card[k])]))}</section>`;
}
