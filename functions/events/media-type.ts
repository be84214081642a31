/**
 * Media types as HTTP carries them: case-insensitive, parameters allowed (RFC 9110 §8.3.1), so
 * `Application/JSON; charset=UTF-8` is `application/json`. The CloudEvents SDK only recognises
 * exact spellings, which is why every receiver decides by these functions instead.
 */

/** The structured-mode media type (CloudEvents JSON event format §3). */
export const STRUCTURED_MEDIA_TYPE = 'application/cloudevents+json';
/** The batched-mode media type (CloudEvents JSON batch format §4.2). */
export const BATCH_MEDIA_TYPE = 'application/cloudevents-batch+json';

/** A Content-Type's media type without parameters, lower-cased; undefined when absent or empty. */
export function mediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
}

/**
 * Whether a media type declares JSON-formatted content: `*\/json` or `*\/*+json` (CloudEvents JSON
 * format §3.1.1). Undefined counts as JSON, the JSON format's default for a missing datacontenttype.
 */
export function isJsonMediaType(type: string | undefined): boolean {
  return type === undefined || /^[\w.+-]+\/(?:[\w.+-]*\+)?json$/.test(type);
}

/** Whether a media type is text that is read as a string (`text/*`). */
export const isTextMediaType = (type: string | undefined): boolean =>
  type?.startsWith('text/') === true;
