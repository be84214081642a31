/**
 * The acceptance run: every function served as `npm start` serves them (the inference log going
 * to the monitor in-process), `scorefn simulate`'s runner replaying 600 applicants with two
 * features drifted and 90% of outcomes, a shadow and a 10% canary. Then the report JSON shows PSI
 * above 0.25 on exactly the drifted features and below 0.10 on the others, outcomes joined to
 * the right applicants, and the page in headless Chromium shows it all (screenshot monitor.png).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCreditData } from '../../model/data/credit-g.js';
import { parseSimulateArgs } from '../../cli/simulate/options.js';
import { runSimulation } from '../../cli/simulate/run-simulate.js';
import type { SimulationSummary } from '../../cli/simulate/summary.js';
import { planTraffic } from '../../cli/simulate/traffic.js';
import type { MonitorReport } from '../monitor/report/schema.js';
import { browserTest, screenshot, withPage } from '../testing/test-browser.js';
import { localApp } from '../testing/test-servers.js';

const DRIFTED = ['checking_status', 'credit_amount'];
const ARGS = {
  applicants: '600',
  seed: '42',
  drift: 'credit_amount*2,checking_status:no checking-><0@0.7',
  outcomes: '0.9',
};
const CANARY_PERCENT = 10;

let app: Awaited<ReturnType<typeof localApp>>;
let summary: SimulationSummary;
let report: MonitorReport;
let simulationMs = 0;
beforeAll(async () => {
  app = await localApp({
    SHADOW_MODEL: 'credit-gbdt',
    CANARY_MODEL: 'credit-gbdt',
    CANARY_PERCENT: String(CANARY_PERCENT),
  });
  const started = performance.now();
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  summary = await runSimulation(parseSimulateArgs({ ...ARGS, target: app.origin }), {
    stderr: quiet,
  });
  simulationMs = performance.now() - started;
  await app.services.events.drain(30_000);
  const res = await fetch(
    `${app.origin}/monitor/report?bucket=hour&from=${new Date(Date.now() - 86_400_000).toISOString()}`,
  );
  report = (await res.json()) as MonitorReport;
}, 60_000);
afterAll(async () => {
  await app.close();
});

/** The canary's rule recomputed: the first 4 bytes of SHA-256 of the key, mod 100. */
const canary = (key: string) =>
  createHash('sha256').update(key).digest().readUInt32BE(0) % 100 < CANARY_PERCENT;

describe('monitoring after a simulated run', () => {
  it('replays every applicant in well under a minute, and the report sees the champion rows', () => {
    expect(summary.exitCode).toBe(0);
    expect(summary.predictions.answered).toBe(600);
    expect(simulationMs).toBeLessThan(40_000);
    const plan = planTraffic(loadCreditData(), parseSimulateArgs(ARGS));
    const champion = plan.filter((a) => !canary(a.key));
    expect(report.totals.predictions).toBe(champion.length);
    // outcomes joined by applicant key: exactly the reported champion applicants, with their class
    const matured = champion.filter((a) => a.reported);
    expect(report.totals.matured).toBe(matured.length);
    expect(report.performance.positives).toBe(matured.filter((a) => a.outcome === 'bad').length);
    expect(report.comparison?.canary.arms[0]?.rows).toBe(plan.length - champion.length);
    expect(report.comparison?.shadow[0]?.pairs).toBe(champion.length);
  });

  it('puts the drifted features above 0.25 and every other feature below 0.10', () => {
    const psi = Object.fromEntries(report.drift.features.map((f) => [f.name, f.psi ?? Number.NaN]));
    for (const [name, value] of Object.entries(psi))
      if (DRIFTED.includes(name)) expect(value, name).toBeGreaterThan(0.25);
      else expect(value, name).toBeLessThan(0.1);
    expect(report.drift.score?.band).not.toBe('stable');
  });

  browserTest(
    'shows the charts, marks exactly the drifted features in the PSI table, and is screenshotted',
    async () => {
      await withPage(async (page) => {
        const errors: string[] = [];
        page.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(msg.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${app.origin}/monitor?window=24h&bucket=hour`);
        expect(await page.locator('h2').allInnerTexts()).toEqual([
          'Drift',
          'Realized performance',
          'Business impact',
          'Champion vs challenger',
        ]);
        // the DOM as the browser built it (the project's TS config has no DOM types)
        const bands = await page.evaluate<[string, string][]>(
          "[...document.querySelectorAll('#feature-drift-table tbody tr')].map((tr) => [tr.dataset.feature, tr.dataset.band])",
        );
        expect(bands).toHaveLength(20);
        for (const [name, band] of bands)
          expect(band, name).toBe(DRIFTED.includes(name) ? 'act' : 'stable');
        const titles = await page.locator('svg[role="img"] > title').allTextContents();
        for (const title of [
          'Score distribution',
          'PSI per feature',
          'Calibration on matured outcomes',
          'Cost per 1,000 applications over time',
          'Approval and bad rate over time',
          'PSI of the score over time',
        ])
          expect(titles).toContain(title);
        for (const chart of await page.locator('svg[role="img"]').all()) {
          expect(await chart.isVisible()).toBe(true);
          expect((await chart.boundingBox())?.width).toBeGreaterThan(200);
        }
        expect(await page.locator('tr[data-arm="shadow"]').count()).toBe(1);
        expect(await page.locator('#canary-table tr[data-arm="canary"]').count()).toBe(1);
        const border = await page.evaluate(
          "getComputedStyle(document.querySelector('.figure-box.band-act')).borderLeftWidth",
        );
        expect(border).toBe('5px');
        expect(errors).toEqual([]);
        await screenshot(page, 'monitor');
      });
    },
    60_000,
  );
});
