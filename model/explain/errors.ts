/** The explainer's own error: a model that can be served but not explained. */

/**
 * `not_explainable`: the manifest has no `explain` block (no background statistics), or the
 * classifier is of a kind this code cannot attribute (say which in the message). Problems with a
 * model it could explain are `ModelError`s (`checksum_mismatch`, `invalid_manifest`,
 * `incompatible_model`), as elsewhere in the core.
 */
export class ExplainError extends Error {
  override readonly name = 'ExplainError';
  readonly code = 'not_explainable' as const;
}
