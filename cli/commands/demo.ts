/**
 * `scorefn demo`: loads every bundled model through the serving runtime (checksum, ONNX Runtime
 * session, contract) and scores the holdout applicants, showing what the API will answer.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCreditData } from '../../model/data/credit-g.js';
import { ARTIFACTS_DIR } from '../../model/paths.js';
import { loadModel } from '../../model/runtime/load-model.js';
import { auc } from '../../model/stats/index.js';
import { TRAINING } from '../../model/train/credit-models.js';
import { holdoutSplit } from '../../model/train/pipeline.js';
import { table, write } from '../output.js';

export const demo = {
  summary: 'load the bundled models and score the holdout applicants with ONNX Runtime',
  options: { models: { type: 'string', default: ARTIFACTS_DIR } },
  run: async (values: Record<string, string | boolean | undefined>) => {
    const root = String(values.models);
    const data = loadCreditData();
    const { split } = holdoutSplit(data.target, TRAINING);
    const records = split.test.map((r) => data.records[r]);
    const labels = split.test.map((r) => data.target[r] ?? 0);
    const rows: string[][] = [];
    for (const name of readdirSync(root).sort()) {
      const model = await loadModel(join(root, name));
      const predictions = await model.predict(records);
      const declined = predictions.filter((p) => p.decision === 'decline').length;
      const first = predictions[0];
      rows.push([
        `${model.manifest.name}@${model.manifest.version}`,
        model.info.loadMs.toFixed(0),
        auc(
          predictions.map((p) => p.probability_bad),
          labels,
        ).toFixed(4),
        `${declined}/${predictions.length}`,
        first ? `${first.probability_bad.toFixed(3)} ${String(first.label)} ${first.decision}` : '',
      ]);
      await model.close();
    }
    write(table(['model', 'load ms', 'holdout auc', 'declined', 'first applicant'], rows));
    return 0;
  },
} as const;
