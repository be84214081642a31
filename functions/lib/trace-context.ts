/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/#traceparent-header): only a well-formed
 * `traceparent` is logged, so a client cannot write kilobytes or forged fields into the log line.
 */

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZEROS = /^0+$/;

/**
 * The header's `version-traceid-parentid-flags` when valid (lowercase hex, version not `ff`, ids
 * not all zeros; version 00 exactly 55 characters, later versions may append fields, not kept);
 * undefined otherwise, as the spec says to treat an invalid header: as absent.
 */
export function validTraceparent(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 512) return undefined;
  const match = TRACEPARENT.exec(value);
  if (!match) return undefined;
  const [, version = '', traceId = '', parentId = '', flags = '', rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (ZEROS.test(traceId) || ZEROS.test(parentId)) return undefined;
  return `${version}-${traceId}-${parentId}-${flags}`;
}
