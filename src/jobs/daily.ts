import type { Db } from '../db/database.ts';
import { raiseCaseNotices } from './cases-notices.ts';
import { tickCredit } from './credit.ts';
import { publishOpenData } from './open-data.ts';

/**
 * The work a running server does once a day by itself, so that deadlines, credit timers and the
 * open-data snapshot move without anyone running a command. Every job is idempotent for a date (a
 * second run on the same day changes nothing), which lets the scheduler retry a failed job at the
 * next check without harm.
 */
export type TDailyJob = {
  name: string;
  run: (asOf: string) => Promise<unknown>;
};

export type TDailySchedule = {
  stop: () => void;
  /** Resolves when the pass under way, if any, has finished (for tests and orderly shutdown). */
  idle: () => Promise<void>;
};

/** The date a job runs for: the UTC date, as every handler of the server reads "today". */
export function dailyDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Runs the jobs now and then at every check (hourly by default), in the order given, each once per
 * date: the first check after midnight runs the new day. A job that fails is tried again at the next
 * check; the jobs after it still run, since they do not depend on it. A check that finds a pass still
 * running does nothing, so a slow day never runs twice at once.
 */
export function scheduleDailyJobs(options: {
  jobs: readonly TDailyJob[];
  now?: () => Date;
  intervalMs?: number;
  onDone?: (job: string, asOf: string, result: unknown) => void;
  onError?: (job: string, asOf: string, error: unknown) => void;
}): TDailySchedule {
  const now = options.now ?? (() => new Date());
  const doneOn = new Map<string, string>();
  let running: Promise<void> | null = null;

  const pass = async () => {
    const asOf = dailyDate(now());
    for (const job of options.jobs) {
      if (doneOn.get(job.name) === asOf) continue;
      try {
        const result = await job.run(asOf);
        doneOn.set(job.name, asOf);
        options.onDone?.(job.name, asOf, result);
      } catch (error) {
        options.onError?.(job.name, asOf, error);
      }
    }
  };
  const check = () => {
    if (running) return;
    running = pass().finally(() => {
      running = null;
    });
  };

  check();
  const timer = setInterval(check, options.intervalMs ?? 60 * 60 * 1000);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    idle: async () => {
      await running;
    },
  };
}

/**
 * The server's daily jobs, in dependency order: the credit timers first (listings due today), then
 * the case deadline notices, then the open-data snapshot, which publishes the day's credit lists.
 */
export function serverDailyJobs(db: Db, now: () => Date = () => new Date()): TDailyJob[] {
  return [
    {
      name: 'credit',
      run: (asOf) => tickCredit({ db, asOf, actor: { id: null, label: 'system:credit' } }),
    },
    {
      name: 'case-notices',
      run: (asOf) => raiseCaseNotices({ db, asOf, actor: { id: null, label: 'system:cases' } }),
    },
    {
      name: 'open-data',
      run: (asOf) =>
        publishOpenData({ db, actor: { id: null, label: 'system:open-data' }, asOf, now: now() }),
    },
  ];
}
