/** The real docs and model-card functions, served as `npm start` serves them, in headless Chromium. */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { browserTest, screenshot, withPage } from './testing/test-browser.js';
import { localApp } from './testing/test-servers.js';

let app: Awaited<ReturnType<typeof localApp>>;
beforeAll(async () => {
  app = await localApp();
});
afterAll(async () => {
  await app.close();
});

describe('pages of the running functions', () => {
  browserTest(
    'the docs page lists every operation of the OpenAPI document, from local assets only',
    async () => {
      const spec = (await (await fetch(`${app.origin}/openapi.json`)).json()) as {
        paths: Record<string, object>;
      };
      const operations = Object.values(spec.paths).flatMap((p) =>
        Object.keys(p).filter((k) => ['get', 'post'].includes(k)),
      );
      const hosts = new Set<string>();
      await withPage(async (page) => {
        page.on('request', (r) => hosts.add(new URL(r.url()).host));
        await page.goto(`${app.origin}/docs`);
        await expect
          .poll(() => page.locator('.opblock').count(), { timeout: 30_000 })
          .toBe(operations.length);
        const paths = await page.locator('.opblock-summary-path').all();
        const listed = await Promise.all(paths.map((p) => p.getAttribute('data-path')));
        expect(new Set(listed)).toEqual(new Set(Object.keys(spec.paths)));
        await screenshot(page, 'docs-function');
      });
      expect([...hosts]).toEqual([new URL(app.origin).host]);
    },
    60_000,
  );

  browserTest(
    'the model card shows the metrics and both plots',
    async () => {
      await withPage(async (page) => {
        await page.goto(`${app.origin}/model-card/credit-gbdt`);
        expect(await page.textContent('h1')).toContain('credit-gbdt');
        const charts = await page.locator('svg[role="img"]').all();
        expect(charts.length).toBeGreaterThanOrEqual(2);
        for (const chart of charts) expect((await chart.boundingBox())?.width).toBeGreaterThan(200);
        expect(await page.textContent('body')).toContain('0.825');
        await screenshot(page, 'model-card-function');
      });
    },
    60_000,
  );
});
