/** Exact per-record explanations of a loaded model: the only entry point other layers import from. */
export { createExplainer, type Explainer, type Explanation } from './explainer.js';
export { explainBackground, type DesignRows } from './background.js';
export { sampleBackground } from './sample-background.js';
export { ExplainError } from './errors.js';
export { MAX_REASONS, reasonText, type Contribution, type Reason } from './reasons.js';
