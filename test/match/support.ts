import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FILES, generateBenchmark } from '../../bench/matching/generate.ts';
import {
  type RunMatchFromFilesOptions,
  runMatchFromFiles,
  type TFileMatchDecision,
  type TMatchRunSummary,
} from '../../src/jobs/match.ts';

export const TODAY = '2026-11-26';
/** A test secret in the configured form (hex); never a real installation's. */
export const TEST_SECRET = '7e57'.repeat(16);

/** The paths of a generated benchmark folder, as the job takes them. */
export function benchmarkFiles(dir: string) {
  return {
    posts: join(dir, FILES.posts),
    serving: join(dir, FILES.serving),
    retired: join(dir, FILES.retired),
    organs: join(dir, FILES.organs),
    links: join(dir, FILES.links),
    truth: join(dir, FILES.truth),
  };
}

/** Drives the job to the end: every decision it yields, and the summary it returns. */
export async function runToEnd(
  options: RunMatchFromFilesOptions,
): Promise<{ decisions: TFileMatchDecision[]; summary: TMatchRunSummary }> {
  const run = runMatchFromFiles(options);
  const decisions: TFileMatchDecision[] = [];
  let step = await run.next();
  while (!step.done) {
    decisions.push(step.value);
    step = await run.next();
  }
  return { decisions, summary: step.value };
}

/** A CSV file as records keyed by header (a byte-order mark dropped). */
export async function readCsvRecords(path: string): Promise<Record<string, string>[]> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Every resident ID written in the given files' `resident_id` columns (as written, 15 or 18 characters). */
export async function residentIdsIn(paths: string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const path of paths) {
    for (const record of await readCsvRecords(path)) {
      const id = record.resident_id?.trim();
      if (id) ids.add(id);
    }
  }
  return ids;
}

/** A small labelled set (1,000 posts, 5,000 roster records) for tests about files rather than quality. */
export async function generateSmall(dir: string): Promise<void> {
  await generateBenchmark({
    scale: 'XS',
    seed: 20261127,
    outDir: dir,
    sizes: { associations: 100, posts: 1_000, serving: 4_000, retired: 1_000 },
  });
}
