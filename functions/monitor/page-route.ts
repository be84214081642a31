/**
 * GET /monitor and /monitor/{model}: the monitor report of a model version as an HTML page. Same
 * query as the report (model, version, from, to, bucket, arm) plus `window` (`24h`, `30d`: the
 * window ending at `to`, default now), so the page's links can say "the last 7 days".
 */
import type { RequestContext } from '../lib/function.js';
import type { Reply } from '../lib/http.js';
import { HttpProblem } from '../lib/problem.js';
import { MONITOR_CSP, renderMonitorPage } from '../pages/monitor-page.js';
import { windowMs } from '../pages/monitor-page-head.js';
import { isDateTime } from './event-data.js';
import type { MonitorReport } from './report/schema.js';
import { monitorReport } from './report-route.js';

/** The report query for the page's URL: the model from the path, `window` turned into from/to. */
export function pageQuery(url: URL, model: string | undefined, now: Date): URL {
  const out = new URL(url.href);
  const params = out.searchParams;
  if (model !== undefined) params.set('model', model);
  const window = params.get('window');
  params.delete('window');
  if (window === null || window === '') return out;
  const ms = windowMs(window);
  if (ms === undefined)
    throw new HttpProblem('bad-request', 'Invalid page query.', {
      errors: [
        {
          pointer: '/window',
          keyword: 'pattern',
          message: 'must be a number of hours or days, e.g. 24h or 30d',
        },
      ],
    });
  if (params.get('from')) return out;
  const given = params.get('to') ?? '';
  if (given !== '' && !isDateTime(given)) return out; // the report names the bad `to`
  const to = given === '' ? now : new Date(given);
  params.set('to', to.toISOString());
  params.set('from', new Date(to.getTime() - ms).toISOString());
  return out;
}

/** The page; errors (bad query, unknown model, database down) are the report's problems. */
export async function monitorPage(ctx: RequestContext): Promise<Reply> {
  const url = pageQuery(ctx.url, ctx.params.name, new Date());
  const reply = await monitorReport({ ...ctx, url });
  const report = reply.body as MonitorReport;
  const model = ctx.services.registry.get(report.model.name);
  if (!model) throw new HttpProblem('unknown-model', `No model named '${report.model.name}'.`);
  return {
    status: 200,
    body: renderMonitorPage(report, model.manifest),
    contentType: 'text/html; charset=utf-8',
    headers: { 'content-security-policy': MONITOR_CSP, 'cache-control': 'no-store' },
  };
}
