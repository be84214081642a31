/** The core's typed errors: a literal code, details for the caller, never an HTTP status. */

/** One problem with one field of an input, located by JSON Pointer (RFC 6901). */
export interface FieldError {
  /** JSON Pointer to the offending value, relative to the records array (e.g. `/0/age`). */
  readonly pointer: string;
  readonly message: string;
  /** The JSON Schema keyword that failed (`enum`, `type`, `required`, `maximum`, ...). */
  readonly keyword: string;
  /** How many errors were left out, on the entry that stands for them (`more_errors`). */
  readonly omitted?: number;
}

export type ModelErrorCode =
  | 'invalid_input'
  | 'model_not_found'
  | 'invalid_manifest'
  | 'checksum_mismatch'
  | 'incompatible_model';

export interface ModelErrorOptions {
  readonly cause?: unknown;
  readonly details?: readonly FieldError[];
}

/** Raised by the model core; the edge maps `code` to a status once (see functions/). */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly code: ModelErrorCode;
  readonly details: readonly FieldError[];

  constructor(code: ModelErrorCode, message: string, options: ModelErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details ?? [];
  }
}
