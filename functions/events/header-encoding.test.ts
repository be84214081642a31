import { describe, expect, it } from 'vitest';
import { percentDecode, percentEncode } from './header-encoding.js';

describe('percentEncode', () => {
  it('encodes space, double-quote, percent and everything outside printable ASCII as UTF-8 (§3.1.3.2)', () => {
    expect(percentEncode('Euro \u20ac \u{1f600}')).toBe('Euro%20%E2%82%AC%20%F0%9F%98%80');
    expect(percentEncode('a"b%c\nd\u202e')).toBe('a%22b%25c%0Ad%E2%80%AE');
    expect(percentEncode('/scorefn/cli-batch:0?x=1&y=[2]')).toBe('/scorefn/cli-batch:0?x=1&y=[2]');
  });

  it('round-trips any string of Unicode scalar values', () => {
    for (const value of ['', 'plain', '100% "sure"', 'ключ-€-😀', 'tab\there\u007f'])
      expect(percentDecode(percentEncode(value))).toBe(value);
  });
});

describe('percentDecode', () => {
  it('accepts lower-case hex, needless escapes and double-quoted values (RFC 7230 §3.2.6)', () => {
    expect(percentDecode('a%e2%82%acb')).toBe('a\u20acb');
    expect(percentDecode('%41BC')).toBe('ABC');
    expect(percentDecode('"quoted \\"value\\""')).toBe('quoted "value"');
    expect(percentDecode('50% off')).toBe('50% off');
  });

  it('reads raw UTF-8 bytes that Node handed over as Latin-1', () => {
    expect(percentDecode(Buffer.from('a\u20acb', 'utf8').toString('latin1'))).toBe('a\u20acb');
  });

  it('refuses byte sequences that are not UTF-8: overlong forms, encoded surrogates, stray bytes', () => {
    for (const header of ['%C0%A0', '%ED%A0%80', 'a%FFb', '\u00e9'])
      expect(percentDecode(header), header).toBeUndefined();
  });
});
