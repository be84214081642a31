/** The one error type of the ONNX export and import code. */

/**
 * `invalid_model`: the fitted model or the ONNX bytes contradict themselves (lengths, indices);
 * `unsupported_model`: valid ONNX that this code deliberately does not handle (say which in the message).
 */
export type OnnxModelErrorCode = 'invalid_model' | 'unsupported_model';

export class OnnxModelError extends Error {
  override readonly name = 'OnnxModelError';

  constructor(
    readonly code: OnnxModelErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
