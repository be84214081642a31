/** Test harness for headless Chromium (Debian's chromium driven by playwright-core): launch, serve, screenshot. */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { it } from 'vitest';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a quiet, offline browser in a container: no sandbox (containers run as root without
 * user namespaces), no GPU, and none of the background traffic (QUIC probes, component and
 * safe-browsing updates, sync) that would leave the host during a test.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumCandidate(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
}

/** The Chromium executable to drive, or undefined when there is none (we never download one). */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidate = chromiumCandidate(env);
  return existsSync(candidate) ? candidate : undefined;
}

/** Runs `fn` on a page of a fresh browser context; the browser is closed whatever happens. */
export async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error(`Chromium not found at ${chromiumCandidate()}`);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    return await fn(await context.newPage());
  } finally {
    await browser.close();
  }
}

/** `test-output/screenshots/` at the repository root (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../test-output/screenshots/', import.meta.url),
);

/** Saves a full-page PNG as `test-output/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9._-]/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

type TestBody = () => Promise<void> | void;
type BrowserTest = (name: string, body: TestBody, timeout?: number) => void;

function missingBrowserTest(env: NodeJS.ProcessEnv): BrowserTest {
  const reason = `Chromium not found at ${chromiumCandidate(env)}`;
  if (env.REQUIRE_BROWSER === '1')
    return (name) => {
      it(name, () => {
        throw new Error(
          `${reason} (REQUIRE_BROWSER=1): install Debian's chromium or set CHROMIUM_PATH`,
        );
      });
    };
  return (name, body, timeout) => {
    it.skip(`${name} [skipped: ${reason}; set CHROMIUM_PATH]`, body, timeout);
  };
}

/**
 * `it` when Chromium is available; otherwise a skipped test whose title says why, or, with
 * `REQUIRE_BROWSER=1` (CI), a test that fails, so a missing browser can never pass silently.
 */
export const browserTest: BrowserTest =
  chromiumPath() === undefined
    ? missingBrowserTest(process.env)
    : (name, body, timeout) => {
        it(name, body, timeout);
      };

/** One response of a test server. */
export interface Route {
  readonly type: string;
  readonly body: string | Uint8Array;
  readonly headers?: OutgoingHttpHeaders;
}

/** A throw-away HTTP server on 127.0.0.1 and a free port; `origin` is e.g. `http://127.0.0.1:40123`. */
export interface TestServer {
  readonly origin: string;
  readonly close: () => Promise<void>;
}

/** Serves fixed routes (by path, query ignored), 404 for anything else. */
export async function serveRoutes(routes: Readonly<Record<string, Route>>): Promise<TestServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type, ...route.headers }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
