/**
 * GET /monitor/report: reads the window's rows from the store and builds the report against the
 * served manifest of the model (its reference distributions, threshold, costs and target).
 */
import type { LoadedModel } from '../../model/runtime/load-model.js';
import type { RequestContext } from '../lib/function.js';
import { json, type Reply } from '../lib/http.js';
import { HttpProblem } from '../lib/problem.js';
import { buildReport, decisionRule } from './report/report.js';
import type { ModelId } from './report/rows.js';
import { parseReportQuery, type ReportQuery } from './report-query.js';
import { withStore } from './store-handle.js';
import { loadPredictions, loadShadows } from './store/reads.js';

function servedModel(ctx: RequestContext, query: ReportQuery): LoadedModel {
  const { registry } = ctx.services;
  const model = query.model === undefined ? registry.defaultModel : registry.get(query.model);
  if (!model)
    throw new HttpProblem('unknown-model', `No model named '${query.model ?? ''}' is served here.`);
  const { name, version } = model.manifest;
  if (query.version !== undefined && query.version !== version)
    throw new HttpProblem(
      'unknown-model',
      `Reports need the manifest of the version: '${name}' is served at ${version}, not ${query.version}.`,
    );
  return model;
}

/** Reads every row the report needs; 400 when the window holds more than MONITOR_MAX_ROWS. */
async function readRows(ctx: RequestContext, model: ModelId, query: ReportQuery) {
  const limit = ctx.services.config.monitorMaxRows;
  const { arm, from, to } = query;
  const champion = arm === 'champion';
  const read = await withStore(ctx.services, async (db) => ({
    rows: await loadPredictions(db, { model, arm, from, to }, limit + 1),
    shadows: champion ? await loadShadows(db, model, from, to, limit + 1) : [],
    canaries: champion ? await loadPredictions(db, { arm: 'canary', from, to }, limit + 1) : [],
  }));
  if (Object.values(read).some((rows) => rows.length > limit))
    throw new HttpProblem(
      'bad-request',
      `The window holds more than ${limit} rows (MONITOR_MAX_ROWS); narrow from and to.`,
    );
  return read;
}

/** The report as JSON (schema: MonitorReportSchema in report/schema.ts). */
export async function monitorReport(ctx: RequestContext): Promise<Reply> {
  const query = parseReportQuery(ctx.url.searchParams, new Date());
  const { manifest } = servedModel(ctx, query);
  const model = { name: manifest.name, version: manifest.version };
  ctx.annotate({ model: model.name, version: model.version });
  const read = await readRows(ctx, model, query);
  const ruleFor = (other: ModelId) => {
    const served = ctx.services.registry.get(other.name);
    return served ? decisionRule(served.manifest) : undefined;
  };
  const report = buildReport({ manifest, ...query, ...read, ruleFor, generatedAt: new Date() });
  return json(report);
}
