/**
 * Runs a session one row at a time, for models exported with a fixed batch dimension of 1
 * (`[1,D]`, `[1,1]` inputs): each feed is cut into rows, each row run alone, and every fetched
 * output joined back along its first dimension, so callers see one `[N,...]` result.
 */
import * as ort from 'onnxruntime-node';

type Numeric = Float32Array | Float64Array | Int32Array | BigInt64Array;

const rowSize = (t: ort.Tensor) => t.dims.slice(1).reduce((a, b) => a * b, 1);

function rowOf(t: ort.Tensor, i: number): ort.Tensor {
  const size = rowSize(t);
  const dims = [1, ...t.dims.slice(1)];
  if (t.type === 'string')
    return new ort.Tensor('string', (t.data as string[]).slice(i * size, (i + 1) * size), dims);
  const data = (t.data as Numeric).slice(i * size, (i + 1) * size);
  return new ort.Tensor(t.type as 'float32', data as Float32Array, dims);
}

function joinRows(parts: readonly ort.Tensor[]): ort.Tensor {
  const [first] = parts;
  if (first === undefined) throw new RangeError('no rows to join');
  const size = rowSize(first);
  const dims = [parts.length, ...first.dims.slice(1)];
  if (first.type === 'string')
    return new ort.Tensor(
      'string',
      parts.flatMap((p) => p.data as string[]),
      dims,
    );
  const Ctor = (first.data as Numeric).constructor as new (n: number) => Numeric;
  const data = new Ctor(parts.length * size);
  parts.forEach((p, i) => {
    (data as Float32Array).set(p.data as Float32Array, i * size);
  });
  return new ort.Tensor(first.type as 'float32', data as Float32Array, dims);
}

/** `session.run(feeds, fetches)` for N rows as N runs of one row; N must be at least 1. */
export async function runRowByRow(
  session: ort.InferenceSession,
  feeds: Readonly<Record<string, ort.Tensor>>,
  fetches: readonly string[],
): Promise<Record<string, ort.Tensor>> {
  const n = Object.values(feeds)[0]?.dims[0] ?? 0;
  const results: ort.InferenceSession.ReturnType[] = [];
  for (let i = 0; i < n; i++) {
    const row = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, rowOf(t, i)]));
    results.push(await session.run(row, [...fetches]));
  }
  return Object.fromEntries(
    fetches.map((name) => [name, joinRows(results.map((r) => r[name] as ort.Tensor))]),
  );
}
