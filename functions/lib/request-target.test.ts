import { describe, expect, it } from 'vitest';
import { requestUrl } from './request-target.js';

describe('requestUrl', () => {
  it.each([
    ['/predict?model=x', '/predict', '?model=x'],
    ['//predict', '//predict', ''],
    ['//predict?model=x', '//predict', '?model=x'],
    ['/@evil.example/predict', '/@evil.example/predict', ''],
    ['http://example.com/predict?a=1', '/predict', '?a=1'],
    ['HTTP://example.com//predict', '//predict', ''],
  ])('keeps the path of %s as the path', (target, pathname, search) => {
    const url = requestUrl(target);
    expect(url?.pathname).toBe(pathname);
    expect(url?.search).toBe(search);
    expect(url?.host).toBe('localhost');
  });

  it('reads a missing target as /', () => {
    expect(requestUrl(undefined)?.pathname).toBe('/');
  });

  it.each(['*', 'example.com:443', 'predict', 'ftp://example.com/predict', ''])(
    'has no URL for %j, which no route serves',
    (target) => {
      expect(requestUrl(target)).toBeUndefined();
    },
  );
});
