/** The interactive API documentation page: Swagger UI from the local `swagger-ui-dist` package, no CDN. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { markup } from './html.js';

/** The files of `swagger-ui-dist` the page loads; serve these and nothing else from that folder. */
export const SWAGGER_ASSETS: readonly string[] = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'favicon-32x32.png',
];

/**
 * Starts Swagger UI on the spec URL the page names in `data-spec-url`, so the script is a constant
 * file (no inline script, no URL spliced into JavaScript). `validatorUrl: null` turns off the badge
 * that would send the spec to validator.swagger.io; `BaseLayout` has no "Explore" box for loading
 * other specs.
 */
export const DOCS_INIT_JS = `// Starts Swagger UI on the OpenAPI document named by #swagger-ui[data-spec-url].
'use strict';
(function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec-url'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
})();
`;

/** Page chrome around Swagger UI (served as a file so the page needs no inline style). */
export const DOCS_CSS = `body { margin: 0; background: #fafafa; }
#swagger-ui { max-width: 1200px; margin: 0 auto; padding: 8px 20px 40px; background: #ffffff; min-height: 100vh; }
`;

/** Files the page needs that this module generates rather than reads from `swagger-ui-dist`. */
const GENERATED: Readonly<Record<string, { readonly body: string; readonly type: string }>> = {
  'docs-init.js': { body: DOCS_INIT_JS, type: 'text/javascript; charset=utf-8' },
  'docs.css': { body: DOCS_CSS, type: 'text/css; charset=utf-8' },
};

/** Every asset name the docs page requests under `assetsBase`. */
export const DOCS_ASSETS: readonly string[] = [...SWAGGER_ASSETS, ...Object.keys(GENERATED)];

/**
 * A Content-Security-Policy the docs page works under: scripts and styles only from this origin,
 * `data:` images (Swagger UI's icons), fetches only to this origin (the spec, "Try it out").
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The folder of the installed `swagger-ui-dist` package (found through Node's resolver). */
export function swaggerUiAssetDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const TYPES: Readonly<Record<string, string>> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  png: 'image/png',
};

/** One asset's bytes and media type. */
export interface DocsAsset {
  readonly body: string | Buffer;
  readonly contentType: string;
}

/**
 * The asset named `name` (a bare file name from `DOCS_ASSETS`), or undefined for any other name,
 * so a request path can be passed straight in without opening the rest of the file system.
 */
export async function readDocsAsset(name: string): Promise<DocsAsset | undefined> {
  const generated = Object.hasOwn(GENERATED, name) ? GENERATED[name] : undefined;
  if (generated !== undefined) return { body: generated.body, contentType: generated.type };
  if (!SWAGGER_ASSETS.includes(name)) return undefined;
  const type = TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
  return { body: await readFile(join(swaggerUiAssetDir(), name)), contentType: type };
}

export interface DocsPageOptions {
  /** URL of the OpenAPI document (JSON), relative or absolute. */
  readonly specUrl: string;
  /** URL prefix under which `DOCS_ASSETS` are served, e.g. `/docs/assets`. */
  readonly assetsBase: string;
  /** The browser tab's title. */
  readonly title: string;
}

/**
 * The HTML shell of Swagger UI (https://swagger.io/docs/open-source-tools/swagger-ui/usage/installation/)
 * loading only local assets: no CDN, no inline script or style, so it runs offline and under
 * `DOCS_CSP`. Options are HTML-escaped.
 */
export function renderDocsPage(o: DocsPageOptions): string {
  const base = o.assetsBase.replace(/\/+$/, '');
  return `<!doctype html>\n${
    markup`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}</title>
<link rel="stylesheet" href="${base}/swagger-ui.css">
<link rel="stylesheet" href="${base}/docs.css">
<link rel="icon" type="image/png" href="${base}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-spec-url="${o.specUrl}"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script src="${base}/docs-init.js"></script>
</body>
</html>
`.text
  }`;
}
