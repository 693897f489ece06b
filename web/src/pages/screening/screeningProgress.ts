import type { TScreeningRun } from '../../api/types.ts';

/** How often the runs list is asked again while a run is going. */
export const POLL_INTERVAL_MS = 1_000;

/** The run still going, if any (the newest one: a second run waits for the first). */
export function runningRun(runs: readonly TScreeningRun[]): TScreeningRun | undefined {
  return runs.find((run) => run.status === 'running');
}

/** The newest finished run, whose diff counts the page shows at the top. */
export function lastCompletedRun(runs: readonly TScreeningRun[]): TScreeningRun | undefined {
  return runs.find((run) => run.status === 'completed');
}

/**
 * Whether to keep asking: while a run is going, and while the start request is still out (a server
 * that runs the screening inside the request answers only at the end, and the list shows it meanwhile).
 */
export function pollInterval(runs: readonly TScreeningRun[], starting: boolean): number | false {
  return starting || runningRun(runs) !== undefined ? POLL_INTERVAL_MS : false;
}

/**
 * Percentage done of a running run, from the progress the server reports, or `undefined` when it
 * reports none (the page then shows a busy indicator without a number). Never 100 before the end.
 */
export function runPercent(run: TScreeningRun): number | undefined {
  if (run.status !== 'running') return 100;
  const progress = run.progress;
  if (!progress || progress.total <= 0) return undefined;
  return Math.min(99, Math.floor((progress.done / progress.total) * 100));
}
