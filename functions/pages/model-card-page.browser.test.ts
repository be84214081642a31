// The model card in headless Chromium: sections, metric values and both charts render, and a screenshot.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Manifest } from '../../model/manifest/schema.js';
import {
  browserTest,
  screenshot,
  serveRoutes,
  withPage,
  type TestServer,
} from '../testing/test-browser.js';
import { MODEL_CARD_CSP, renderModelCard } from './model-card-page.js';

const manifest = JSON.parse(
  readFileSync(
    new URL('../../model/artifacts/credit-scorecard/model.json', import.meta.url),
    'utf8',
  ),
) as Manifest;

describe('model card in Chromium', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serveRoutes({
      '/model-card': {
        type: 'text/html; charset=utf-8',
        body: renderModelCard(manifest),
        headers: { 'content-security-policy': MODEL_CARD_CSP },
      },
    });
  });
  afterAll(() => server.close());

  browserTest('shows every section, the README metric values and two visible charts', async () => {
    await withPage(async (page) => {
      const errors: string[] = [];
      const external: string[] = [];
      // Chromium reports CSP violations ("Refused to apply inline style ...") as console errors.
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (req) => {
        if (!req.url().startsWith(server.origin)) external.push(req.url());
      });
      await page.goto(`${server.origin}/model-card`);

      await expect.poll(() => page.locator('h1').innerText()).toContain('credit-scorecard');
      const headings = await page.locator('h2').allInnerTexts();
      expect(headings).toEqual([
        'Intended use',
        'Limitations',
        'Data',
        'Performance',
        'Decision rule',
        'Input contract',
        'Lineage',
      ]);
      // Holdout and out-of-fold values, to 3 decimals as in the README's table.
      const auc = await page.locator('tr[data-metric="auc"] td.num').allInnerTexts();
      expect(auc).toEqual(['0.817', '0.780']);
      const logLoss = await page.locator('tr[data-metric="log_loss"] td.num').allInnerTexts();
      expect(logLoss).toEqual(['0.470', '0.499']);
      await expect
        .poll(() => page.locator('.decision-rule').innerText())
        .toMatch(/^Decline when P\(bad\) ≥ 0\.163; otherwise approve\.$/);

      const charts = page.locator('svg[role="img"]');
      expect(await charts.count()).toBe(2);
      for (const chart of await charts.all()) {
        expect(await chart.isVisible()).toBe(true);
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(200);
        expect(box?.height).toBeGreaterThan(150);
      }
      expect(await page.locator('svg[role="img"] > title').allTextContents()).toEqual([
        'ROC curve',
        'Calibration',
      ]);
      // The inline stylesheet applied under the hash-based CSP (a blocked one would leave no border).
      const masthead = await page.evaluate(
        "getComputedStyle(document.querySelector('header.masthead')).borderTopWidth",
      );
      expect(masthead).toBe('6px');
      expect(errors).toEqual([]);
      expect(external).toEqual([]);

      await screenshot(page, 'model-card');
    });
  });
});
