/** The local default's front page: what is served on this port, with links. */
import { markup } from './html.js';

export interface IndexPageOptions {
  readonly models: readonly {
    readonly name: string;
    readonly version: string;
    readonly default: boolean;
  }[];
  readonly ready: boolean;
}

const LINKS: readonly (readonly [string, string])[] = [
  ['/docs', 'Interactive API documentation (every endpoint)'],
  ['/model-card', "The default model's card"],
  ['/health', 'Health: models, checksums, uptime'],
  ['/openapi.json', 'OpenAPI 3.1 document'],
  ['/v2/health/ready', 'Open Inference Protocol readiness'],
  ['/metrics', 'Prometheus metrics'],
];

export const INDEX_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function renderIndexPage(o: IndexPageOptions): string {
  const models = o.models.map(
    (m) =>
      markup`<li><a href="/model-card/${m.name}">${m.name}</a> ${m.version}${m.default ? ' (default)' : ''}</li>`,
  );
  return `<!doctype html>\n${
    markup`<html lang="en"><head><meta charset="utf-8"><title>scorefn</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2933}code{background:#f0f4f8;padding:0 .3em}</style></head>
<body><h1>scorefn</h1>
<p>Every function on one port: <strong>${o.ready ? 'ready' : 'not ready'}</strong>.</p>
<h2>Models</h2><ul>${models}</ul>
<h2>Pages</h2><ul>${LINKS.map(([href, text]) => markup`<li><a href="${href}">${href}</a>: ${text}</li>`)}</ul>
<h2>Try it</h2>
<p><code>curl -s localhost:PORT/predict -H 'content-type: application/json' -d @applicant.json</code></p>
</body></html>
`.text
  }`;
}
