/** How long and how often each measurement runs: the full run, or `--quick` for a smoke test. */

export interface Plan {
  /** Warm-up per server before its measured runs, and each measured run, in seconds. */
  readonly warmupS: number;
  readonly runS: number;
  /** Measured runs per figure; the report takes their median. */
  readonly repeats: number;
  /** Seconds per concurrency level, and the levels. */
  readonly levelS: number;
  readonly levels: readonly number[];
  /** Timed 10,000-record chunks per model and format. */
  readonly chunks: number;
  readonly chunkSize: number;
  /** Rows in the batch CLI's input file. */
  readonly cliRows: number;
  readonly coldStarts: number;
  /** Requests before the first RSS reading, then predictions counted for the leak check. */
  readonly memoryWarmup: number;
  readonly memoryPredictions: number;
}

export const FULL: Plan = {
  warmupS: 3,
  runS: 5,
  repeats: 3,
  levelS: 4,
  levels: [1, 2, 4, 8, 16, 32],
  chunks: 15,
  chunkSize: 10_000,
  cliRows: 1_000_000,
  coldStarts: 11,
  memoryWarmup: 20_000,
  memoryPredictions: 1_000_000,
};

export const QUICK: Plan = {
  warmupS: 0.5,
  runS: 1,
  repeats: 1,
  levelS: 0.5,
  levels: [1, 4, 16],
  chunks: 2,
  chunkSize: 10_000,
  cliRows: 20_000,
  coldStarts: 3,
  memoryWarmup: 2_000,
  memoryPredictions: 20_000,
};
