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

/** How long a finished run took, in milliseconds; `undefined` while it runs or when times are missing. */
export function runDurationMs(run: TScreeningRun): number | undefined {
  if (!run.finishedAt) return undefined;
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The estimate never claims to be done: the run ends when the server answers, not when the bar fills. */
const MAX_ESTIMATE = 95;

/**
 * Estimated percentage of a run in progress, from the time elapsed against the last completed run's
 * duration (the server answers a run only when it ends, with no progress in between). `undefined`
 * without a previous duration, in which case the page shows only the time elapsed.
 */
export function estimatePercent(elapsedMs: number, expectedMs: number | undefined): number | undefined {
  if (expectedMs === undefined || expectedMs <= 0) return undefined;
  return Math.min(MAX_ESTIMATE, Math.max(0, Math.floor((elapsedMs / expectedMs) * 100)));
}
