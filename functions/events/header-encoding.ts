/**
 * Binary-mode header values, per the CloudEvents HTTP binding 1.0.2 §3.1.3.2
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md#3132-http-header-values):
 * space, `"`, `%` and everything outside printable ASCII is percent-encoded as UTF-8 when sending;
 * a receiver unquotes, then percent-decodes once, and refuses bytes that are not valid UTF-8.
 * The CloudEvents SDK does neither, so an id such as `a€b` would make an invalid HTTP header.
 */

/** Printable ASCII except space, `"` and `%`: the characters sent as they are. */
const SAFE = /^[\x21\x23\x24\x26-\x7e]*$/;
const SAFE_CHAR = /[\x21\x23\x24\x26-\x7e]/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** A header value for an attribute value (upper-case hex, as §3.1.3.2 recommends). */
export function percentEncode(value: string): string {
  if (SAFE.test(value)) return value;
  let out = '';
  for (const char of value) {
    if (SAFE_CHAR.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += hex(byte);
  }
  return out;
}

/** A double-quoted header value unquoted (RFC 7230 §3.2.6: backslash escapes any character). */
function unquote(value: string): string {
  const quoted = /^"((?:[^"\\]|\\.)*)"$/s.exec(value);
  return quoted ? (quoted[1] as string).replace(/\\(.)/gs, '$1') : value;
}

/**
 * The attribute value a header carries, or undefined when its percent-decoded bytes are not valid
 * UTF-8 (overlong forms and encoded surrogates included). Characters Node read as Latin-1 (raw
 * bytes above 0x7F, which senders should have encoded) are taken as those bytes.
 */
export function percentDecode(header: string): string | undefined {
  const value = unquote(header);
  if (!value.includes('%') && /^[\x20-\x7e]*$/.test(value)) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const escaped = code === 0x25 ? /^[0-9a-fA-F]{2}$/.exec(value.slice(i + 1, i + 3)) : null;
    if (escaped) {
      bytes.push(parseInt(escaped[0], 16));
      i += 2;
    } else if (code <= 0xff) bytes.push(code);
    else return undefined; // HTTP parsers hand header bytes over as Latin-1: never above 0xFF
  }
  try {
    return UTF8.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}
