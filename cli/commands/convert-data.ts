/** `scorefn convert-data`: rewrites the tidy CSV from the committed ARFF (the test checks they agree). */
import { join } from 'node:path';
import { writeCreditCsv } from '../../model/data/credit-g.js';
import { CREDIT_CSV_PATH, packageRoot } from '../../model/paths.js';
import { write } from '../output.js';

export const convertData = {
  summary: 'convert the German Credit ARFF into the project CSV',
  options: {
    arff: { type: 'string', default: join(packageRoot(), 'model', 'data', 'credit-g.arff') },
    csv: { type: 'string', default: CREDIT_CSV_PATH },
  },
  run: (values: Record<string, string | boolean | undefined>) => {
    const arff = String(values.arff);
    const csv = String(values.csv);
    writeCreditCsv(arff, csv);
    write(`wrote ${csv} from ${arff}\n`);
    return Promise.resolve(0);
  },
} as const;
