/** Every section the bench can run, by name. */
import type { Section } from './args.js';
import type { Context, SectionResult } from './figures.js';
import { batch } from './batch.js';
import { batchCli } from './batch-cli.js';
import { coldStart } from './cold-start.js';
import { concurrency } from './concurrency.js';
import { image } from './image.js';
import { memory } from './memory.js';
import { online } from './online.js';
import { profile } from './profile.js';
import { shadow } from './shadow.js';

export const SECTION_RUNNERS: Readonly<Record<Section, (ctx: Context) => Promise<SectionResult>>> =
  {
    online,
    shadow,
    concurrency,
    batch,
    'batch-cli': batchCli,
    'cold-start': coldStart,
    memory,
    image,
    profile,
  };
