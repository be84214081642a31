/** Reads and checks a manifest: JSON Schema first (every problem at once), then cross-field rules. */
import { Ajv } from 'ajv';
import { ModelError, type FieldError } from '../runtime/errors.js';
import { featureNameProblem } from './feature-name.js';
import { ManifestSchema, type Manifest } from './schema.js';

let validator: ReturnType<Ajv['compile']> | undefined;

function schemaErrors(value: unknown): FieldError[] {
  // compiled once per process, on the cold-start path: the schema is the project's own (no check
  // against the draft meta-schema) and runs twice per start (no code-optimisation pass); that
  // halves the compilation, 45-60 ms before (docs/benchmarks.md)
  validator ??= new Ajv({
    allErrors: true,
    strict: false,
    validateSchema: false,
    code: { optimize: false },
  }).compile(ManifestSchema);
  if (validator(value)) return [];
  const seen = new Set<string>();
  return (validator.errors ?? []).flatMap((e) => {
    const message = nameProblem(value, e.instancePath, e.keyword) ?? e.message ?? e.keyword;
    const id = `${e.instancePath} ${message}`;
    if (seen.has(id)) return []; // the branches of the feature union repeat themselves
    seen.add(id);
    return [{ pointer: e.instancePath, message, keyword: e.keyword }];
  });
}

/** A feature name's problem in words, instead of the pattern it fails to match. */
function nameProblem(value: unknown, pointer: string, keyword: string): string | undefined {
  const index = /^\/features\/(\d+)\/name$/.exec(pointer)?.[1];
  if (keyword !== 'pattern' || index === undefined) return undefined;
  const name = (value as { features: { name: string }[] }).features[Number(index)]?.name;
  return name === undefined ? undefined : featureNameProblem(name);
}

function ruleErrors(m: Manifest): FieldError[] {
  const errors: FieldError[] = [];
  const rule = (ok: boolean, pointer: string, message: string) => {
    if (!ok) errors.push({ pointer, message, keyword: 'manifest' });
  };
  rule(
    m.target.classes.includes(m.target.positive_class),
    '/target/positive_class',
    'must be one of target.classes',
  );
  rule(
    m.outputs.probability_of === undefined || m.target.classes.includes(m.outputs.probability_of),
    '/outputs/probability_of',
    'must be one of target.classes',
  );
  rule(
    m.target.classes[0] !== m.target.classes[1],
    '/target/classes',
    'must be two different classes',
  );
  const names = m.features.map((f) => f.name);
  rule(new Set(names).size === names.length, '/features', 'feature names must be unique');
  m.features.forEach((f, i) => {
    const problem = featureNameProblem(f.name);
    rule(problem === undefined, `/features/${i}/name`, problem ?? '');
    if (f.kind === 'numeric')
      rule(f.minimum <= f.maximum, `/features/${i}/maximum`, 'must be >= minimum');
    else
      for (const key of Object.keys(f.category_labels ?? {}))
        rule(
          f.categories.includes(key),
          `/features/${i}/category_labels`,
          `labels '${key}', which is not one of the categories`,
        );
  });
  return errors;
}

/** Validates a parsed manifest; throws `invalid_manifest` listing every problem. */
export function parseManifest(value: unknown, source = 'manifest'): Manifest {
  const errors = schemaErrors(value);
  const all = errors.length > 0 ? errors : ruleErrors(value as Manifest);
  if (all.length > 0) {
    const list = all.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ');
    throw new ModelError('invalid_manifest', `${source} is not a valid model manifest: ${list}`, {
      details: all,
    });
  }
  return value as Manifest;
}
