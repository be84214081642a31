/**
 * Scoring with a loaded session: records are checked against the contract and copied into one
 * column per feature in a single pass (no per-record tensors, no second read of every field), then
 * scored in one ONNX Runtime call. Invalid records get their field errors from ajv.
 */
import type * as ort from 'onnxruntime-node';
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
  /** Scores `rows` records; `feeds` may hold one more (see `padded`), whose prediction is dropped. */
  const run = async (feeds: Record<string, ort.Tensor>, rows: number): Promise<Prediction[]> => {
    const result = oneRow
      ? await runRowByRow(session, feeds, [output.name])
      : await session.run(feeds, [output.name]);
    const predictions = decodePredictions(result[output.name] as ort.Tensor, output);
    return predictions.length > rows ? predictions.slice(0, rows) : predictions;
  };
  /** The columns' tensors, a lone row repeated (`padded`). */
  const encodeColumns = (columns: unknown[][], rows: number) => {
    if (rows !== 1 || oneRow) return encode(columns, rows);
    for (const column of columns) column.push(column[0]);
    return encode(columns, 2);
  };
  const encodeList = (records: readonly FeatureRecord[]) =>
    encodeRecords(inputs, records.length === 1 && !oneRow ? padded(records) : records);
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
    const predictions = rows === 0 ? [] : await run(encodeColumns(columns, rows), rows);
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
    const predictions = ok.length === 0 ? [] : await run(encodeList(ok), ok.length);
    let next = 0;
    return errors.map((e) =>
      e.length === 0
        ? { ok: true, prediction: predictions[next++] as Prediction }
        : { ok: false, errors: e },
    );
  };
  const predict = async (records: readonly unknown[]) => {
    const { columns, rows } = columnsOf(records);
    if (rows === records.length) return rows === 0 ? [] : run(encodeColumns(columns, rows), rows);
    const errors = validate(records);
    if (errors.length > 0)
      throw new ModelError('invalid_input', `${errorCount(errors)} invalid field(s)`, {
        details: errors,
      });
    return run(encodeList(records as FeatureRecord[]), records.length); // ajv accepts what the plain check refused
  };
  return { validate, scoreEach, predict };
}

/**
 * A lone record repeated. ONNX Runtime's linear kernels take another code path for a single row (a
 * matrix-vector product) whose float32 rounding differs in the last bit from the batched path for
 * about a third of the applicants: scoring one row as two makes an applicant's score the same
 * whether it arrives alone or in a batch (`scorer.test.ts`). The copy is made while encoding, so
 * it costs one more row in the same tensors, not a second set of tensors.
 */
function padded(records: readonly FeatureRecord[]): readonly FeatureRecord[] {
  return [records[0] as FeatureRecord, records[0] as FeatureRecord];
}
