/**
 * Optional authentication of the online functions: off by default (the local demo), API keys or
 * HS256 JWTs from a Kubernetes Secret in production. Keys are compared in constant time (digests
 * of equal length through `timingSafeEqual`, every key checked); probes and metrics stay open.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from './config.js';
import { header, type HttpRequest } from './http.js';
import { HttpProblem } from './problem.js';

export type Authenticator = (req: HttpRequest) => Promise<void>;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Non-empty lines of a mounted Secret file, plus the comma-separated inline list. */
function secrets(inline: readonly string[], file: string | undefined): string[] {
  const fromFile =
    file === undefined
      ? []
      : readFileSync(file, 'utf8')
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '');
  return [...inline, ...fromFile];
}

function credential(req: HttpRequest): string | undefined {
  const bearer = header(req, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? header(req, 'x-api-key');
}

const unauthorized = (detail: string) =>
  new HttpProblem('unauthorized', detail, {
    headers: { 'www-authenticate': 'Bearer realm="scorefn"' },
  });

function apiKeys(keys: readonly string[]): Authenticator {
  const digests = keys.map(digest);
  return (req) => {
    const given = credential(req);
    if (given === undefined)
      return Promise.reject(
        unauthorized('Send an API key: Authorization: Bearer <key> or X-API-Key.'),
      );
    const mine = digest(given);
    let match = false;
    for (const d of digests) match = timingSafeEqual(d, mine) || match;
    return match ? Promise.resolve() : Promise.reject(unauthorized('The API key is not valid.'));
  };
}

function jwt(secret: string, config: Config): Authenticator {
  const key = new TextEncoder().encode(secret);
  // jose (30 ms to load) only where tokens are checked; loading starts now, before any request
  const jose = import('jose');
  jose.catch(() => undefined); // a failed load surfaces at the first token, not as an unhandled rejection
  return async (req) => {
    const token = header(req, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (token === undefined) throw unauthorized('Send a token: Authorization: Bearer <JWT>.');
    const { jwtVerify } = await jose;
    try {
      await jwtVerify(token, key, {
        algorithms: ['HS256'],
        ...(config.jwtIssuer ? { issuer: config.jwtIssuer } : {}),
        ...(config.jwtAudience ? { audience: config.jwtAudience } : {}),
      });
    } catch {
      throw unauthorized('The token is not valid.');
    }
  };
}

/** The configured authenticator, or undefined when AUTH_MODE=none. Reads Secret files once. */
export function createAuthenticator(config: Config): Authenticator | undefined {
  if (config.authMode === 'none') return undefined;
  if (config.authMode === 'api-key') {
    const keys = secrets(config.apiKeys, config.apiKeysFile);
    if (keys.length === 0) throw new Error('AUTH_MODE=api-key needs API_KEYS or API_KEYS_FILE');
    return apiKeys(keys);
  }
  const [secret] = secrets(
    config.jwtSecret === undefined ? [] : [config.jwtSecret],
    config.jwtSecretFile,
  );
  if (secret === undefined || secret.length < 32)
    throw new Error('AUTH_MODE=jwt needs JWT_SECRET or JWT_SECRET_FILE of at least 32 characters');
  return jwt(secret, config);
}
