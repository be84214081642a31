/** Reading the rows a report needs: predictions in a window with their latest outcome, and shadow scores. */
import type { Arm } from '../../events/contract.js';
import type { ModelId, PredictionRow, ShadowRow } from '../report/rows.js';
import type { Queryable } from './db.js';

export interface PredictionFilter {
  /** Omitted: every model (e.g. all canary arms). */
  readonly model?: ModelId;
  readonly arm: Arm;
  /** Inclusive start and exclusive end of the prediction times. */
  readonly from: Date;
  readonly to: Date;
}

const OUTCOME = `LEFT JOIN LATERAL (
  SELECT o.outcome FROM outcome o WHERE o.applicant_key = p.applicant_key
  ORDER BY o.observed_at DESC, o.id DESC LIMIT 1) o ON true`;

const COLUMNS = `p.logged_at, p.request_id, p.row_index, p.function_name, p.applicant_key,
  p.model_name, p.model_version, p.arm, p.probability_bad, p.decision, p.features, o.outcome`;

interface RawPrediction {
  logged_at: Date | string;
  request_id: string;
  row_index: number;
  function_name: string;
  applicant_key: string | null;
  model_name: string;
  model_version: string;
  arm: Arm;
  probability_bad: number | string;
  decision: string;
  features: Record<string, unknown> | string;
  outcome: string | null;
}

function toRow(r: RawPrediction): PredictionRow {
  return {
    time: new Date(r.logged_at),
    requestId: r.request_id,
    row: r.row_index,
    functionName: r.function_name,
    applicantKey: r.applicant_key,
    model: { name: r.model_name, version: r.model_version },
    arm: r.arm,
    probability: Number(r.probability_bad),
    decision: r.decision,
    features:
      typeof r.features === 'string'
        ? (JSON.parse(r.features) as Record<string, unknown>)
        : r.features,
    outcome: r.outcome,
  };
}

/**
 * Predictions matching `filter` in time order, at most `limit` (ask for one more than you accept
 * to detect an oversized window). Each carries the latest outcome observed for its applicant key.
 */
export async function loadPredictions(
  db: Queryable,
  filter: PredictionFilter,
  limit: number,
): Promise<PredictionRow[]> {
  const params: unknown[] = [filter.arm, filter.from.toISOString(), filter.to.toISOString(), limit];
  const byModel = filter.model ? 'AND p.model_name = $5 AND p.model_version = $6' : '';
  if (filter.model) params.push(filter.model.name, filter.model.version);
  const rows = await db.query<RawPrediction>(
    `SELECT ${COLUMNS} FROM prediction_log p ${OUTCOME}
     WHERE p.arm = $1 AND p.logged_at >= $2::timestamptz AND p.logged_at < $3::timestamptz ${byModel}
     ORDER BY p.logged_at, p.id LIMIT $4`,
    params,
  );
  return rows.map(toRow);
}

interface RawShadow {
  request_id: string;
  row_index: number;
  function_name: string;
  model_name: string;
  model_version: string;
  probability_bad: number | string;
  decision: string;
}

/** Shadow scores of the records the champion `model` answered in the window, at most `limit`. */
export async function loadShadows(
  db: Queryable,
  model: ModelId,
  from: Date,
  to: Date,
  limit: number,
): Promise<ShadowRow[]> {
  const rows = await db.query<RawShadow>(
    `SELECT s.request_id, s.row_index, s.function_name, s.model_name, s.model_version,
       s.probability_bad, s.decision
     FROM prediction_log c JOIN prediction_log s ON s.request_id = c.request_id
       AND s.row_index = c.row_index AND s.function_name = c.function_name AND s.arm = 'shadow'
     WHERE c.arm = 'champion' AND c.model_name = $1 AND c.model_version = $2
       AND c.logged_at >= $3::timestamptz AND c.logged_at < $4::timestamptz
     ORDER BY s.logged_at, s.id LIMIT $5`,
    [model.name, model.version, from.toISOString(), to.toISOString(), limit],
  );
  return rows.map((r) => ({
    requestId: r.request_id,
    row: r.row_index,
    functionName: r.function_name,
    model: { name: r.model_name, version: r.model_version },
    probability: Number(r.probability_bad),
    decision: r.decision,
  }));
}
