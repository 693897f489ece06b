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

/** Whether to keep asking: while a run is going, and while the start request is still out. */
export function pollInterval(runs: readonly TScreeningRun[], starting: boolean): number | false {
  return starting || runningRun(runs) !== undefined ? POLL_INTERVAL_MS : false;
}

/** How long a finished run took, in milliseconds; `undefined` while it runs or when times are missing. */
export function runDurationMs(run: TScreeningRun): number | undefined {
  if (!run.finishedAt) return undefined;
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * Percentage of the current phase of a running run, from the progress the server reports;
 * `undefined` when it reports none (a run started by another server sharing the database).
 */
export function progressPercent(run: TScreeningRun): number | undefined {
  const progress = run.progress;
  if (!progress) return undefined;
  if (progress.total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((progress.done / progress.total) * 100)));
}

/** The estimate never claims to be done: the run ends when the server says so, not when the bar fills. */
const MAX_ESTIMATE = 95;

/**
 * Estimated percentage of a run in progress without reported progress, from the time elapsed against
 * the last completed run's duration. `undefined` without a previous duration, in which case the page
 * shows only the time elapsed.
 */
export function estimatePercent(elapsedMs: number, expectedMs: number | undefined): number | undefined {
  if (expectedMs === undefined || expectedMs <= 0) return undefined;
  return Math.min(MAX_ESTIMATE, Math.max(0, Math.floor((elapsedMs / expectedMs) * 100)));
}
