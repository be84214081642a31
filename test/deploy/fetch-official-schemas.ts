/**
 * For CI runners without the workspace's shared schemas folder (GitHub Actions): downloads the
 * official files the conformance tests read from their repositories, at the commits the shared
 * folder was taken from, and derives the Knative `.strict` schemas the same way. Nothing is
 * committed to this repository.  Usage: tsx test/deploy/fetch-official-schemas.ts <folder>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { deriveStrictSchema } from './derive-strict-schema.js';

const RAW = 'https://raw.githubusercontent.com';
const FILES: readonly (readonly [string, string])[] = [
  [
    'open-inference-protocol/open_inference_rest.yaml',
    `${RAW}/kserve/open-inference-protocol/d49cc23f89d709d87b210ef9449e273ae243984e/specification/protocol/open_inference_rest.yaml`,
  ],
  [
    'cloudevents/cloudevents.json',
    `${RAW}/cloudevents/spec/c2845a49bc9831be02f305a4a792401b932d77d4/cloudevents/formats/cloudevents.json`,
  ],
  [
    'github-actions/github-workflow.json',
    `${RAW}/SchemaStore/schemastore/3b6446ad8a077bac56f4a4796c0b7fd88927fc8e/src/schemas/json/github-workflow.json`,
  ],
];
const SERVING = `${RAW}/knative/serving/98e5ef90aa7033797aa0a61ef97f3ff7e49a3944/config/core/300-resources`;
const EVENTING = `${RAW}/knative/eventing/8cf4c4b673034020f5ecab731fb6a2a7f9350244/config/core/resources`;
const CRDS: readonly (readonly [string, string])[] = [
  ['knative-serving/knative-serving-service-v1.strict.schema.json', `${SERVING}/service.yaml`],
  ['knative-eventing/knative-eventing-broker-v1.strict.schema.json', `${EVENTING}/broker.yaml`],
  ['knative-eventing/knative-eventing-trigger-v1.strict.schema.json', `${EVENTING}/trigger.yaml`],
  [
    'knative-eventing/knative-eventing-sinkbinding-v1.strict.schema.json',
    `${EVENTING}/sinkbindings.yaml`,
  ],
];

async function download(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

function save(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  process.stdout.write(`${file}\n`);
}

async function main(root: string): Promise<void> {
  for (const [file, url] of FILES) save(root, file, await download(url));
  for (const [file, url] of CRDS) {
    const docs = (await download(url))
      .split(/^---$/m)
      .map((d) => parse(d) as unknown)
      .filter(Boolean);
    const crd = docs.find((d) => (d as { kind?: string }).kind === 'CustomResourceDefinition');
    if (!crd) throw new Error(`${url}: no CustomResourceDefinition`);
    save(
      root,
      file,
      `${JSON.stringify(deriveStrictSchema(crd as Parameters<typeof deriveStrictSchema>[0], 'v1'), null, 2)}\n`,
    );
  }
}

const root = process.argv[2];
if (root === undefined) {
  process.stderr.write('usage: tsx test/deploy/fetch-official-schemas.ts <folder>\n');
  process.exit(2);
}
main(root).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
