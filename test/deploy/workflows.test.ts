// The CI/CD workflows: actionlint finds nothing (and does find a broken workflow), every action is
// pinned to a full commit SHA, permissions are least-privilege, runs are grouped for concurrency.
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSharedSchema, sharedSchemasDir } from '../../functions/testing/test-shared-schemas.js';
import { Ajv } from 'ajv';
import { actionlint, actionUses, workflowFiles } from './workflows.js';

interface Job {
  permissions?: Record<string, string> | string;
  'runs-on'?: string;
  if?: string;
  environment?: string;
  strategy?: { matrix?: { node?: number[] } };
  steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[];
}
interface Workflow {
  permissions?: Record<string, string> | string;
  concurrency?: { group?: string };
  jobs: Record<string, Job>;
}

const files = workflowFiles();
const workflow = (name: string): Workflow => {
  const file = files.find((f) => f.path.endsWith(`/${name}`));
  if (!file) throw new Error(`no workflow ${name}`);
  return parse(file.text) as Workflow;
};
const allRuns = (w: Workflow) =>
  Object.values(w.jobs)
    .flatMap((j) => j.steps ?? [])
    .map((s) => s.run ?? '')
    .join('\n');

const BROKEN = `name: broken
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    needs: missing-job
    steps:
      - run: echo \${{ matrix.node }}
`;

describe('workflows', () => {
  it('include ci.yml and cd.yml', () => {
    expect(files.map((f) => f.path)).toEqual([
      '.github/workflows/cd.yml',
      '.github/workflows/ci.yml',
    ]);
  });

  it.each(files.map((f) => [f.path, f.text]))(
    '%s: actionlint finds nothing',
    async (path, text) => {
      expect(await actionlint(text, path)).toEqual([]);
    },
  );

  it('actionlint reports a broken workflow (an unknown job, an undefined matrix value)', async () => {
    const findings = await actionlint(BROKEN, 'broken.yml');
    expect(findings.join('\n')).toMatch(/missing-job/);
    expect(findings.join('\n')).toMatch(/"node" is not defined/);
  });

  it.each(files.map((f) => [f.path, f.text]))(
    '%s: pins every action to a full commit SHA, with its version in a comment',
    (_path, text) => {
      const uses = actionUses(text);
      expect(uses.length).toBeGreaterThan(0);
      for (const u of uses) {
        expect(u.ref, `${u.action} line ${u.line}`).toMatch(/^[0-9a-f]{40}$/);
        expect(u.comment, `${u.action} line ${u.line}`).toMatch(/^v\d+\.\d+\.\d+$/);
      }
    },
  );

  it('the pin check rejects a tag and a short SHA', () => {
    const uses = actionUses(
      '      - uses: actions/checkout@v4\n      - uses: a/b@1234567 # v1.0.0\n',
    );
    expect(uses.map((u) => /^[0-9a-f]{40}$/.test(u.ref))).toEqual([false, false]);
  });

  it.each(['ci.yml', 'cd.yml'])(
    '%s: reads only by default, writes only in the jobs that must',
    (name) => {
      const w = workflow(name);
      expect(w.permissions).toEqual({ contents: 'read' });
      for (const [id, job] of Object.entries(w.jobs)) {
        const writes = Object.entries(typeof job.permissions === 'object' ? job.permissions : {})
          .filter(([, level]) => level === 'write')
          .map(([scope]) => scope);
        expect(writes, id).toEqual(id === 'publish' ? ['packages'] : []);
        expect(job.permissions, id).not.toBe('write-all');
      }
    },
  );

  it.each(['ci.yml', 'cd.yml'])('%s: groups runs so that two never overlap on one ref', (name) => {
    expect(workflow(name).concurrency?.group).toBeTruthy();
  });

  it('ci.yml: tests on Node 22 and 24 and checks retraining, the manifests and the image', () => {
    const ci = workflow('ci.yml');
    expect(ci.jobs.test?.strategy?.matrix?.node).toEqual([22, 24]);
    const runs = allRuns(ci);
    for (const command of [
      'npm ci',
      'npm run lint',
      'npm run typecheck',
      'npm test',
      'npm run train',
      'git diff --exit-code -- model/artifacts',
      '.ci/knative-check.sh',
      '.ci/container.sh --docker',
      'npm sbom',
    ])
      expect(runs).toContain(command);
  });

  it('ci.yml: pushes to GHCR only from main, tagged with the commit SHA, with SBOM and provenance', () => {
    const publish = workflow('ci.yml').jobs.publish;
    expect(publish?.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    const steps = publish?.steps ?? [];
    const push = steps.find((s) => s.with?.push === true);
    expect(push?.with).toMatchObject({ sbom: true, provenance: 'mode=max' });
    const meta = steps.find((s) => s.uses?.startsWith('docker/metadata-action@'));
    expect(String(meta?.with?.tags)).toContain('type=sha,format=long');
  });

  it('cd.yml: deploys by digest as a canary, promotes behind an environment, rolls back on failure', () => {
    const cd = workflow('cd.yml');
    expect(allRuns(cd)).toMatch(/knative\/deploy\.sh canary "\$IMAGE"/);
    expect(allRuns(cd)).toMatch(/knative\/deploy\.sh promote "\$IMAGE"/);
    expect(allRuns(cd)).toMatch(/knative\/deploy\.sh rollback "\$IMAGE"/);
    expect(cd.jobs.promote?.environment).toBe('production');
    expect(cd.jobs.rollback?.if).toMatch(/^failure\(\)/);
    expect(files.find((f) => f.path.endsWith('cd.yml'))?.text).toContain('secrets.KUBECONFIG');
  });
});

const shared = sharedSchemasDir();
describe.skipIf(shared === undefined)('workflows against the SchemaStore schema', () => {
  let validate: ReturnType<Ajv['compile']>;
  beforeAll(() => {
    const schema = readSharedSchema(shared ?? '', 'github-actions/github-workflow.json') as object;
    validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  });

  it.each(files.map((f) => [f.path, f.text]))('%s is valid', (_path, text) => {
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });
});
