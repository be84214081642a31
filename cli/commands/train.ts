/** `scorefn train`: trains the bundled champion and challenger and writes their ONNX files and manifests. */
import { ARTIFACTS_DIR } from '../../model/paths.js';
import { parseManifest } from '../../model/manifest/parse.js';
import type { BinaryMetrics } from '../../model/stats/index.js';
import { trainCreditArtifacts, writeArtifacts } from '../../model/train/artifacts.js';
import { table, write } from '../output.js';

const fixed = (x: unknown, digits = 4) => (typeof x === 'number' ? x.toFixed(digits) : String(x));

function summary(artifacts: ReturnType<typeof trainCreditArtifacts>['artifacts']): string {
  const rows = artifacts.map((a) => {
    const m = parseManifest(JSON.parse(new TextDecoder().decode(a.files['model.json'])));
    const h = m.metrics.holdout as BinaryMetrics;
    const t = (m.lineage.training ?? {}) as Record<string, unknown>;
    const fit =
      t.trees === undefined
        ? `λ=${fixed(t.lambda, 1)} it=${fixed(t.iterations, 0)} |grad|=${Number(t.gradient_norm).toExponential(1)}`
        : `trees=${fixed(t.trees, 0)}`;
    return [
      m.name,
      fit,
      fixed(m.decision.threshold),
      fixed(h.auc),
      fixed(h.gini),
      fixed(h.ks),
      fixed(h.brier),
      fixed(h.log_loss),
      fixed(h.cost.per_1000, 0),
      m.artifact.sha256.slice(0, 12),
    ];
  });
  return table(
    ['model', 'fit', 'threshold', 'auc', 'gini', 'ks', 'brier', 'log_loss', 'cost/1000', 'sha256'],
    rows,
  );
}

export const train = {
  summary: 'train the bundled credit models on model/data/credit-g.csv (deterministic)',
  options: { out: { type: 'string', default: ARTIFACTS_DIR } },
  run: (values: Record<string, string | boolean | undefined>) => {
    const started = performance.now();
    const { artifacts } = trainCreditArtifacts();
    writeArtifacts(String(values.out), artifacts);
    write(summary(artifacts));
    write(
      `holdout metrics above; wrote ${artifacts.length} models to ${String(values.out)} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return Promise.resolve(0);
  },
} as const;
