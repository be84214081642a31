/**
 * `.ci/knative-check.sh`'s check: builds knative/base and every overlay with kubectl kustomize and
 * validates every object against the official Knative CRD schemas (strict variants) and with the
 * typed models. Prints one line per kustomization; exits 1 on the first kustomization with problems
 * after listing them all. Usage: tsx test/deploy/check-manifests.ts [SHARED_SCHEMAS_DIR]
 */
import { sharedSchemasDir } from '../../functions/testing/test-shared-schemas.js';
import { modelProblems, typeKey } from './kube-models.js';
import { buildKustomization, kustomizationDir, OVERLAYS, type Overlay } from './kustomize.js';
import { schemaProblems, strictValidators } from './official-schemas.js';

function check(name: Overlay | 'base', sharedDir: string): string[] {
  const validators = strictValidators(sharedDir);
  const objects = buildKustomization(kustomizationDir(name));
  const problems: string[] = [];
  const counts = { schema: 0, modelOnly: 0 };
  for (const object of objects) {
    const where = `${name}: ${typeKey(object)} ${object.metadata.name}`;
    const fromSchema = schemaProblems(validators, object);
    if (fromSchema === undefined) counts.modelOnly += 1;
    else counts.schema += 1;
    for (const p of [...(fromSchema ?? []), ...modelProblems(object)])
      problems.push(`${where}: ${p}`);
  }
  process.stdout.write(
    `${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}: ${objects.length} objects, ` +
      `${counts.schema} against the official strict schemas, all ${objects.length} with the models` +
      `${counts.modelOnly > 0 ? ` (${counts.modelOnly} core objects: models only)` : ''}\n`,
  );
  return problems;
}

const dir = process.argv[2] ?? sharedSchemasDir();
if (dir === undefined) {
  process.stderr.write('shared schemas not found: pass the folder or set SCOREFN_SHARED_SCHEMAS\n');
  process.exit(1);
}
const problems = (['base', ...OVERLAYS] as const).flatMap((name) => check(name, dir));
for (const p of problems) process.stderr.write(`  ${p}\n`);
process.exit(problems.length === 0 ? 0 : 1);
