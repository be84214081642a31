// The docs page shell and its assets: local files only, no inline script, escaped options.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  DOCS_ASSETS,
  DOCS_CSP,
  DOCS_INIT_JS,
  SWAGGER_ASSETS,
  readDocsAsset,
  renderDocsPage,
  swaggerUiAssetDir,
} from './docs-page.js';

const page = renderDocsPage({
  specUrl: '/openapi.json?v="1"&x=<y>',
  assetsBase: '/docs/assets/',
  title: 'scorefn <API>',
});

describe('renderDocsPage', () => {
  it('loads every asset from assetsBase and nothing from anywhere else', () => {
    const urls = [...page.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(urls.sort()).toEqual(DOCS_ASSETS.map((name) => `/docs/assets/${name}`).sort());
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('has no inline script or style, so DOCS_CSP needs no unsafe-inline', () => {
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).not.toMatch(/<script>|<script [^>]*>[^<]|<style|\sstyle=/);
    expect(DOCS_CSP).not.toContain('unsafe');
  });

  it('escapes the title and passes the spec URL as an escaped data attribute', () => {
    expect(page).toContain('<title>scorefn &lt;API&gt;</title>');
    expect(page).toContain(
      '<div id="swagger-ui" data-spec-url="/openapi.json?v=&quot;1&quot;&amp;x=&lt;y&gt;"></div>',
    );
  });
});

describe('DOCS_INIT_JS', () => {
  it('is valid JavaScript that reads the spec URL from the page and disables the online validator', () => {
    expect(() => new Script(DOCS_INIT_JS)).not.toThrow();
    expect(DOCS_INIT_JS).toContain("getAttribute('data-spec-url')");
    expect(DOCS_INIT_JS).toContain('validatorUrl: null');
    expect(DOCS_INIT_JS).toContain("dom_id: '#swagger-ui'");
    expect(DOCS_INIT_JS).toContain('deepLinking: true');
  });
});

describe('docs assets', () => {
  it('finds every Swagger UI file in the installed swagger-ui-dist', () => {
    const dir = swaggerUiAssetDir();
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({
      name: 'swagger-ui-dist',
    });
    for (const name of SWAGGER_ASSETS) expect(existsSync(join(dir, name))).toBe(true);
  });

  it('serves each listed asset with its media type', async () => {
    const bundle = await readDocsAsset('swagger-ui-bundle.js');
    expect(bundle?.contentType).toBe('text/javascript; charset=utf-8');
    expect(bundle?.body.length).toBeGreaterThan(100_000);
    expect((await readDocsAsset('swagger-ui.css'))?.contentType).toBe('text/css; charset=utf-8');
    expect((await readDocsAsset('favicon-32x32.png'))?.contentType).toBe('image/png');
    expect(await readDocsAsset('docs-init.js')).toEqual({
      body: DOCS_INIT_JS,
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('refuses every other name, including paths out of the package', async () => {
    for (const name of [
      'index.html',
      'swagger-ui.js.map',
      '../package.json',
      '/etc/passwd',
      'constructor',
      '',
    ])
      expect(await readDocsAsset(name)).toBeUndefined();
  });
});
