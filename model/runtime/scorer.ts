/**
 * Scoring with a loaded session: records are checked against the contract and copied into one
 * column per feature in a single pass (no per-record tensors, no second read of every field), then
 * scored in one ONNX Runtime call. Invalid records get their field errors from ajv.
 */
import * as ort from 'onnxruntime-node';
import type { Feature, FeatureRecord } from '../features.js';
import { compileContract } from './contract.js';
import { capRequestErrors, errorCount } from './error-limits.js';
import { readRecord, withoutField } from './record-reader.js';
import { ModelError, type FieldError } from './errors.js';
import { columnEncoder, encodeRecords, type InputBinding } from './inputs.js';
import { decodePredictions, type OutputBinding, type Prediction } from './outputs.js';
import { runRowByRow } from './row-by-row.js';

export type Outcome =
  | { readonly ok: true; readonly prediction: Prediction }
  | { readonly ok: false; readonly errors: FieldError[] };

export interface Scorer {
  /**
   * Every field error of every record, pointers prefixed by the record's index (`/3/age`), as
   * many as error-limits.ts lets a record and a request list (`more_errors` counts the rest).
   */
  validate(records: readonly unknown[]): FieldError[];
  /**
   * Scores the valid records in one ONNX Runtime call; invalid ones get their field errors.
   * `extra` names a field the records may carry besides the features (a batch's key column): it
   * is ignored, as if each record had been copied without it.
   */
  scoreEach(records: readonly unknown[], extra?: string): Promise<Outcome[]>;
  /** Scores all records, or throws `invalid_input` with `validate`'s errors when any is invalid. */
  predict(records: readonly unknown[]): Promise<Prediction[]>;
}

export interface ScorerParts {
  readonly session: ort.InferenceSession;
  readonly inputs: readonly InputBinding[];
  readonly output: OutputBinding;
  readonly features: readonly Feature[];
}

export function createScorer({ session, inputs, output, features }: ScorerParts): Scorer {
  const check = compileContract(features);
  const read = readRecord(features);
  const encode = columnEncoder(inputs, features);
  const oneRow = inputs.some((b) => b.oneRow);
  const run = async (feeds: Record<string, ort.Tensor>): Promise<Prediction[]> => {
    if (oneRow) {
      const result = await runRowByRow(session, feeds, [output.name]);
      return decodePredictions(result[output.name] as ort.Tensor, output);
    }
    const single = Object.values(feeds)[0]?.dims[0] === 1;
    const result = await session.run(single ? twice(feeds) : feeds, [output.name]);
    const predictions = decodePredictions(result[output.name] as ort.Tensor, output);
    return single ? predictions.slice(0, 1) : predictions;
  };
  const featureNames = new Set(features.map((f) => f.name));
  /** The records' columns; `valid[i]` false where the contract refuses record i. */
  const columnsOf = (records: readonly unknown[], extra?: string) => {
    const columns = features.map(() => new Array<unknown>(records.length));
    const valid = new Array<boolean>(records.length);
    let rows = 0;
    records.forEach((record, i) => {
      valid[i] = read(record, columns, rows, extra);
      if (valid[i]) rows++;
    });
    for (const column of columns) column.length = rows;
    return { columns, valid, rows };
  };
  const validate = (records: readonly unknown[]) =>
    capRequestErrors(records.flatMap((r, i) => check(r, `/${i}`)));
  const scoreEach = async (records: readonly unknown[], extra?: string): Promise<Outcome[]> => {
    if (extra !== undefined && featureNames.has(extra))
      return scoreEach(records.map((r) => withoutField(r, extra)));
    const { columns, valid, rows } = columnsOf(records, extra);
    const errors = records.map((r, i) =>
      valid[i] ? [] : check(extra === undefined ? r : withoutField(r, extra), `/${i}`),
    );
    if (errors.some((e, i) => !valid[i] && e.length === 0)) return scoreRows(records, errors); // the plain check and ajv disagree: ajv decides
    const predictions = rows === 0 ? [] : await run(encode(columns, rows));
    let next = 0;
    return errors.map((e) =>
      e.length === 0
        ? { ok: true, prediction: predictions[next++] as Prediction }
        : { ok: false, errors: e },
    );
  };
  /** The record-by-record path, for records ajv accepts whatever the plain check said. */
  const scoreRows = async (
    records: readonly unknown[],
    errors: FieldError[][],
  ): Promise<Outcome[]> => {
    const ok = records.filter((_, i) => errors[i]?.length === 0) as FeatureRecord[];
    const predictions = ok.length === 0 ? [] : await run(encodeRecords(inputs, ok));
    let next = 0;
    return errors.map((e) =>
      e.length === 0
        ? { ok: true, prediction: predictions[next++] as Prediction }
        : { ok: false, errors: e },
    );
  };
  const predict = async (records: readonly unknown[]) => {
    const { columns, rows } = columnsOf(records);
    if (rows === records.length) return rows === 0 ? [] : run(encode(columns, rows));
    const errors = validate(records);
    if (errors.length > 0)
      throw new ModelError('invalid_input', `${errorCount(errors)} invalid field(s)`, {
        details: errors,
      });
    return run(encodeRecords(inputs, records as FeatureRecord[])); // ajv accepts what the plain check refused
  };
  return { validate, scoreEach, predict };
}

/**
 * The same feeds with their one row repeated. ONNX Runtime's linear kernels take another code path
 * for a single row (a matrix-vector product) whose float32 rounding differs in the last bit from
 * the batched path for about a third of the applicants: scoring one row as two makes an applicant's
 * score the same whether it arrives alone or in a batch (`scorer.test.ts`).
 */
function twice(feeds: Record<string, ort.Tensor>): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(feeds)) {
    const dims = [2, ...t.dims.slice(1)];
    if (t.type === 'string') {
      const data = t.data as string[];
      out[name] = new ort.Tensor('string', [...data, ...data], dims);
      continue;
    }
    const data = t.data as Float32Array;
    const doubled = new (data.constructor as Float32ArrayConstructor)(data.length * 2);
    doubled.set(data);
    doubled.set(data, data.length);
    out[name] = new ort.Tensor(t.type as 'float32', doubled, dims);
  }
  return out;
}
