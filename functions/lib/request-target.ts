/**
 * The request target as a URL without the WHATWG pitfall: `new URL('//predict', base)` reads
 * `predict` as a host and `/` as the path, so `//predict` would serve the index page. Here the
 * path is always the path (RFC 9112 §3.2): `//predict` stays `//predict`, which no route serves.
 */

const ORIGIN = 'http://localhost';

/**
 * The URL of an origin-form (`/path?query`) or absolute-form (`http://host/path`) request target;
 * undefined for anything else (`*`, an authority, garbage), which no route can serve.
 */
export function requestUrl(target: string | undefined): URL | undefined {
  const raw = target ?? '/';
  try {
    // after the origin, a path starting with '/' can only be a path (even '//x' or '/@x')
    if (raw.startsWith('/')) return new URL(`${ORIGIN}${raw}`);
    if (!/^https?:\/\//i.test(raw)) return undefined;
    const absolute = new URL(raw);
    return new URL(`${ORIGIN}${absolute.pathname}${absolute.search}`);
  } catch {
    return undefined;
  }
}
