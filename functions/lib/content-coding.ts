/**
 * Request content codings (RFC 9110 §8.4): gzip, deflate and br decoded as the body streams in;
 * any other coding is a 415 naming the ones accepted (§15.5.16).
 */
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpProblem } from './problem.js';

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** The decoders in the order to apply them, or a 415 problem for a coding we cannot decode. */
function decodersFor(contentEncoding: string): (() => Transform)[] {
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    const decoder = DECODERS[coding];
    if (decoder) return decoder;
    throw new HttpProblem(
      'unsupported-media-type',
      `The body's Content-Encoding ${JSON.stringify(coding.slice(0, 40))} is not supported; use ${ACCEPT_ENCODING} or none.`,
      { headers: { 'accept-encoding': ACCEPT_ENCODING } },
    );
  });
}

/** Decoders piped in order: write to `input`, read from `output`; `stages` to watch and destroy. */
export interface DecoderChain {
  readonly input: Transform;
  readonly output: Transform;
  readonly stages: readonly Transform[];
}

/**
 * The chain that undoes the codings listed (the last applied is decoded first); undefined for
 * none or identity. Throws a 415 problem for an unsupported coding.
 */
export function decoderChain(contentEncoding: string | undefined): DecoderChain | undefined {
  if (contentEncoding === undefined) return undefined;
  const stages = decodersFor(contentEncoding).map((create) => create());
  const [input, ...rest] = stages;
  if (!input) return undefined;
  let output = input;
  for (const next of rest) output = output.pipe(next);
  return { input, output, stages };
}
