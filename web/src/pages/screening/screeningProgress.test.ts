import { describe, expect, it } from 'vitest';
import type { TScreeningRun } from '../../api/types.ts';
import {
  estimatePercent,
  lastCompletedRun,
  POLL_INTERVAL_MS,
  pollInterval,
  progressPercent,
  runDurationMs,
  runningRun,
} from './screeningProgress.ts';

function run(id: number, overrides: Partial<TScreeningRun> = {}): TScreeningRun {
  return {
    id,
    status: 'completed',
    startedAt: '2026-11-26T10:00:00Z',
    finishedAt: '2026-11-26T10:00:08Z',
    asOf: '2026-11-26',
    scope: {},
    actor: 'regulator',
    associations: 100,
    findings: 12,
    newFindings: 3,
    persistingFindings: 9,
    resolvedFindings: 1,
    error: null,
    progress: null,
    ...overrides,
  };
}

describe('screening progress', () => {
  it('polls while a run is going and stops once every run has finished', () => {
    const going = run(3, { status: 'running', finishedAt: null });
    expect(pollInterval([going, run(2)], false)).toBe(POLL_INTERVAL_MS);
    expect(pollInterval([run(2), run(1, { status: 'failed' })], false)).toBe(false);
  });

  it('polls while the start request is out even before the run shows in the list', () => {
    expect(pollInterval([run(2)], true)).toBe(POLL_INTERVAL_MS);
  });

  it('finds the running run and the newest completed one, skipping failures', () => {
    const runs = [run(4, { status: 'running' }), run(3, { status: 'failed' }), run(2), run(1)];
    expect(runningRun(runs)?.id).toBe(4);
    expect(lastCompletedRun(runs)?.id).toBe(2);
    expect(runningRun([run(1)])).toBeUndefined();
  });

  it('measures a finished run and not a running one', () => {
    expect(runDurationMs(run(1))).toBe(8_000);
    expect(runDurationMs(run(2, { status: 'running', finishedAt: null }))).toBeUndefined();
    expect(runDurationMs(run(3, { finishedAt: 'garbage' }))).toBeUndefined();
  });

  it('estimates progress from the previous duration and never shows it done', () => {
    expect(estimatePercent(2_000, 8_000)).toBe(25);
    expect(estimatePercent(20_000, 8_000)).toBe(95);
    expect(estimatePercent(2_000, undefined)).toBeUndefined();
    expect(estimatePercent(2_000, 0)).toBeUndefined();
  });

  it('shows the share of associations done in the current phase, as the server reports it', () => {
    const going = (done: number, total: number) =>
      run(4, { status: 'running', finishedAt: null, progress: { done, total, phase: 'screening' } });
    expect(progressPercent(going(0, 200))).toBe(0);
    expect(progressPercent(going(50, 200))).toBe(25);
    expect(progressPercent(going(199, 200))).toBe(99);
    expect(progressPercent(going(200, 200))).toBe(100);
    expect(progressPercent(going(0, 0))).toBe(0);
    expect(progressPercent(run(5, { status: 'running', finishedAt: null }))).toBeUndefined();
  });
});
