/**
 * The one way the project creates ONNX Runtime sessions. onnxruntime-node 1.30 otherwise collects
 * telemetry: it writes a device id and a database under ~/.cache/Microsoft/DeveloperTools, logs
 * to /tmp/mat-debug-*.log and uploads when it finds a CA bundle (seen on this machine). A bank's
 * model server must not; the variable is read when the first session is created, so setting it
 * here, before any, turns it off for the whole process unless the operator set it explicitly.
 */
import * as ort from 'onnxruntime-node';

/** Creates a session with telemetry off. */
export function createOrtSession(
  bytes: Uint8Array,
  options: ort.InferenceSession.SessionOptions = {},
): Promise<ort.InferenceSession> {
  process.env.ORT_DISABLE_TELEMETRY ??= '1';
  return ort.InferenceSession.create(bytes, options);
}
