// Where the browser harness looks for Chromium.
import { describe, expect, it } from 'vitest';
import { chromiumCandidate, chromiumPath } from './test-browser.js';

describe('chromiumPath', () => {
  it('takes CHROMIUM_PATH when that file exists', () => {
    expect(chromiumPath({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });

  it('returns undefined when CHROMIUM_PATH names no file, never falling back silently', () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeUndefined();
  });

  it("looks at Debian's /usr/bin/chromium by default", () => {
    expect(chromiumCandidate({})).toBe('/usr/bin/chromium');
  });
});
