/** A raw HTTP client for hostile requests: any bytes, any headers, no re-encoding. */
import { request } from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export function rawRequest(
  origin: string,
  path: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<RawAnswer> {
  const url = new URL(path, origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
