/**
 * Loads a model directory (`model.json` + the ONNX file it names) once: checks the manifest, verifies
 * the ONNX file's sha256, creates one ONNX Runtime session and returns a frozen scorer.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createOrtSession } from './ort-session.js';
import { parseManifest } from '../manifest/parse.js';
import type { Manifest } from '../manifest/schema.js';
import { ModelError } from './errors.js';
import { bindInputs } from './inputs.js';
import { bindOutputs } from './outputs.js';
import { createScorer, type Outcome, type Scorer } from './scorer.js';

export type { Outcome };

export interface LoadedModel extends Scorer {
  readonly manifest: Manifest;
  readonly info: {
    readonly dir: string;
    readonly file: string;
    readonly sha256: string;
    readonly loadMs: number;
    readonly zipMapUnwrapped: boolean;
  };
  close(): Promise<void>;
}

export interface LoadModelOptions {
  /** Threads ONNX Runtime may use per call; default 1 (Knative scales out with instances instead). */
  readonly intraOpNumThreads?: number;
}

async function readOrNotFound(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new ModelError('model_not_found', `cannot read ${path}`, { cause });
  }
}

async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, 'model.json');
  const text = (await readOrNotFound(path)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ModelError('invalid_manifest', `${path} is not JSON`, { cause });
  }
  return parseManifest(json, path);
}

/** A session, or `incompatible_model` naming ONNX Runtime's reason (an invalid graph, an unknown op). */
async function openSession(bytes: Uint8Array, options: ort.InferenceSession.SessionOptions) {
  try {
    return await createOrtSession(bytes, options);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ModelError('incompatible_model', `ONNX Runtime cannot load the model: ${reason}`, {
      cause,
    });
  }
}

async function createSession(bytes: Uint8Array, probabilities: string, options: LoadModelOptions) {
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: options.intraOpNumThreads ?? 1,
    interOpNumThreads: 1,
  };
  const session = await openSession(bytes, sessionOptions);
  const meta = session.outputMetadata.find((m) => m.name === probabilities);
  if (meta?.isTensor === true) return { session, zipMapUnwrapped: false };
  // skl2onnx's default ZipMap output is a sequence of maps, which onnxruntime-node cannot return;
  // unwrapping exposes the ZipMap's input tensor under its own name, which the manifest names
  // the ONNX protobuf reader (protobufjs) loads only for such models, not at every start-up
  const { unwrapZipMap } = await import('../onnx/index.js');
  const unwrapped = unwrapZipMap(bytes);
  if (!unwrapped)
    throw new ModelError(
      'incompatible_model',
      meta
        ? `output '${probabilities}' is not a tensor`
        : `the model has no output '${probabilities}'`,
    );
  await session.release();
  return {
    session: await openSession(unwrapped, sessionOptions),
    zipMapUnwrapped: true,
  };
}

/** Loads and verifies a model directory. Throws a `ModelError` with a clear message when it cannot serve. */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const started = performance.now();
  const manifest = await readManifest(dir);
  const file = join(dir, manifest.artifact.file);
  const bytes = await readOrNotFound(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== manifest.artifact.sha256)
    throw new ModelError(
      'checksum_mismatch',
      `${file} has sha256 ${sha256}, the manifest says ${manifest.artifact.sha256}`,
    );
  const { session, zipMapUnwrapped } = await createSession(
    bytes,
    manifest.outputs.probabilities,
    options,
  );
  const inputs = bindInputs(manifest, session.inputMetadata);
  const output = bindOutputs(manifest, session.outputMetadata);
  const scorer = createScorer({ session, inputs, output, features: manifest.features });
  const info = Object.freeze({
    dir,
    file,
    sha256,
    loadMs: performance.now() - started,
    zipMapUnwrapped,
  });
  return Object.freeze({
    manifest,
    info,
    ...scorer,
    close: () => session.release(),
  });
}
