// The docs page in headless Chromium: Swagger UI renders every operation from local assets only.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  browserTest,
  screenshot,
  serveRoutes,
  withPage,
  type Route,
  type TestServer,
} from '../testing/test-browser.js';
import { DOCS_ASSETS, DOCS_CSP, readDocsAsset, renderDocsPage } from './docs-page.js';

const SPEC = {
  openapi: '3.1.0',
  info: { title: 'scorefn test API', version: '1.0.0' },
  paths: {
    '/health': {
      get: { summary: 'Report readiness', responses: { '200': { description: 'ready' } } },
    },
    '/predict': {
      post: {
        summary: 'Score applicants',
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { instances: { type: 'array' } } },
            },
          },
        },
        responses: { '200': { description: 'scores' } },
      },
    },
    '/model-card': {
      get: { summary: 'Show the model card', responses: { '200': { description: 'HTML' } } },
    },
  },
};
const SUMMARIES = ['Report readiness', 'Score applicants', 'Show the model card'];

async function routes(): Promise<Record<string, Route>> {
  const table: Record<string, Route> = {
    '/docs': {
      type: 'text/html; charset=utf-8',
      body: renderDocsPage({
        specUrl: '/openapi.json',
        assetsBase: '/docs/assets/',
        title: 'scorefn API',
      }),
      headers: { 'content-security-policy': DOCS_CSP },
    },
    '/openapi.json': { type: 'application/json', body: JSON.stringify(SPEC) },
  };
  for (const name of DOCS_ASSETS) {
    const asset = await readDocsAsset(name);
    if (asset === undefined) throw new Error(`no asset ${name}`);
    table[`/docs/assets/${name}`] = { type: asset.contentType, body: asset.body };
  }
  return table;
}

describe('docs page in Chromium', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serveRoutes(await routes());
  });
  afterAll(() => server.close());

  browserTest(
    'renders every operation of the spec without a request leaving 127.0.0.1',
    async () => {
      await withPage(async (page) => {
        const requested: string[] = [];
        const failed: string[] = [];
        const errors: string[] = [];
        page.on('request', (req) => requested.push(req.url()));
        page.on('response', (res) => {
          if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
        });
        page.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(msg.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${server.origin}/docs`);

        await expect.poll(() => page.locator('.opblock').count(), { timeout: 15_000 }).toBe(3);
        const summaries = page.locator('.opblock-summary-description');
        expect(await summaries.allInnerTexts()).toEqual(SUMMARIES);
        for (const summary of await summaries.all()) expect(await summary.isVisible()).toBe(true);
        expect(await page.locator('.opblock-summary-path').allInnerTexts()).toEqual([
          '/health',
          '/predict',
          '/model-card',
        ]);
        expect(await page.locator('.info .title').first().innerText({ timeout: 5_000 })).toContain(
          'scorefn test API',
        );
        expect(await page.title()).toBe('scorefn API');

        expect(requested.length).toBeGreaterThan(0);
        expect(
          requested.filter((url) => new URL(url).host !== new URL(server.origin).host),
        ).toEqual([]);
        expect(requested.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
        expect(requested.map((url) => new URL(url).pathname)).toContain('/openapi.json');
        expect(failed).toEqual([]);
        expect(errors).toEqual([]);

        await screenshot(page, 'docs');
      });
    },
  );
});
