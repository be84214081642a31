/**
 * float32 rounding helpers: ONNX-ML stores thresholds as float32 and onnxruntime compares in float32
 * (or in float64 for the `*_as_tensor` double thresholds of ai.onnx.ml 3, see `nextDown64`).
 */

const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);

/** The largest float32 strictly below the float32 value `x` (NaN and -Infinity are returned as is). */
export function nextDown32(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return x;
  if (x === 0) return -(2 ** -149);
  f32[0] = x;
  bits[0] = (bits[0] ?? 0) + (x > 0 ? -1 : 1);
  return f32[0];
}

/**
 * The largest float32 that is <= `x`. For any float32 input v, `v <= x` exactly when
 * `v <= float32AtMost(x)`, so a float64 split threshold exported this way routes every float32
 * input as the float64 tree would; rounding to nearest can send inputs in (x, fround(x)] left.
 */
export function float32AtMost(x: number): number {
  const rounded = Math.fround(x);
  return rounded <= x ? rounded : nextDown32(rounded);
}

const f64 = new Float64Array(1);
const bits64 = new BigInt64Array(f64.buffer);

/** The largest float64 strictly below `x` (NaN and -Infinity are returned as is). */
export function nextDown64(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  bits64[0] = (bits64[0] ?? 0n) + (x > 0 ? -1n : 1n);
  return f64[0];
}
