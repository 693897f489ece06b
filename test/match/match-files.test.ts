import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBenchmark } from '../../bench/matching/generate.ts';
import { DEFAULT_MATCH_PARAMETERS } from '../../src/core/matching/index.ts';
import {
  createMatchCsvWriter,
  MATCH_CSV_HEADER,
  matchCsvRow,
  reasonsZh,
  type TFileMatchDecision,
  type TMatchRunSummary,
} from '../../src/jobs/match.ts';
import { benchmarkFiles, readCsvRecords, residentIdsIn, runToEnd, TEST_SECRET, TODAY } from './support.ts';

/** The floors of bench/matching/quality.test.ts: the command must screen as well as the core does. */
const FLOOR = { f1: 0.95, precision: 0.985, idPresentRecall: 0.98 };

let dir: string;
let files: ReturnType<typeof benchmarkFiles>;
let decisions: TFileMatchDecision[];
let summary: TMatchRunSummary;
let outPath: string;
let output: Record<string, string>[];
let outText: string;
let truth: Map<string, { recordKey: string; slices: string[] }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuogou-match-'));
  await generateBenchmark({ scale: 'XS', seed: 20261126, outDir: dir });
  files = benchmarkFiles(dir);
  ({ decisions, summary } = await runToEnd({
    posts: files.posts,
    serving: files.serving,
    retired: files.retired,
    organs: files.organs,
    links: files.links,
    secret: TEST_SECRET,
    today: TODAY,
  }));
  outPath = join(dir, 'matches.csv');
  const writer = createMatchCsvWriter(outPath);
  for (const d of decisions) await writer.add(d);
  await writer.close();
  outText = await readFile(outPath, 'utf8');
  output = await readCsvRecords(outPath);
  truth = new Map();
  for (const r of await readCsvRecords(files.truth))
    truth.set(r.post_ref!, { recordKey: r.record_key ?? '', slices: r.slices ? r.slices.split(';') : [] });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function quality(rows: Record<string, string>[], only: (slices: string[]) => boolean) {
  let tp = 0;
  let fp = 0;
  for (const row of rows) {
    if (row.decision !== 'match') continue;
    const t = truth.get(row.post_id!)!;
    if (!only(t.slices)) continue;
    if (t.recordKey === row.record_key) tp++;
    else fp++;
  }
  const pairs = [...truth.values()].filter((t) => t.recordKey !== '' && only(t.slices)).length;
  const precision = tp / (tp + fp);
  const recall = tp / pairs;
  return { tp, fp, pairs, precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

describe('tuogou match on the XS benchmark files', () => {
  it('reads every row of the posts and both rosters and decides every post', () => {
    expect(summary.files.slice(0, 3)).toEqual([
      { file: 'posts.csv', rows: 5_000, skipped: 0 },
      { file: 'roster_serving.csv', rows: 30_000, skipped: 0 },
      { file: 'roster_retired.csv', rows: 5_000, skipped: 0 },
    ]);
    expect(summary.rosterRecords).toBe(35_000);
    expect(summary.posts).toBe(5_000);
    expect(summary.errorCount).toBe(0);
    expect(summary.matches + summary.possibles).toBe(decisions.length);
  });

  it('writes the CSV with a byte-order mark, the documented columns, and only matches and possibles', () => {
    expect(outText.startsWith('\uFEFF')).toBe(true);
    expect(outText.slice(1, outText.indexOf('\n'))).toBe(MATCH_CSV_HEADER.join(','));
    expect(output).toHaveLength(decisions.length);
    expect(output.filter((r) => r.decision === 'match')).toHaveLength(summary.matches);
    expect(output.filter((r) => r.decision === 'possible')).toHaveLength(summary.possibles);
    expect(summary.possibles).toBeGreaterThan(0);
    for (const row of output) {
      expect(['match', 'possible']).toContain(row.decision);
      expect(truth.has(row.post_id!), row.post_id).toBe(true);
      expect(['serving_roster', 'retired_roster']).toContain(row.source);
      expect(row.record_key).toMatch(row.source === 'serving_roster' ? /^S\d+$/ : /^R\d+$/);
      const probability = Number(row.probability);
      expect(probability).toBeGreaterThanOrEqual(
        row.decision === 'match'
          ? DEFAULT_MATCH_PARAMETERS.matchProbability
          : DEFAULT_MATCH_PARAMETERS.reviewProbability,
      );
      expect(probability).toBeLessThanOrEqual(1);
      expect(Number.isFinite(Number(row.score))).toBe(true);
      expect(row.verdict).toBe('');
    }
  });

  it('explains every decision in Chinese, field by field, with weights that add up to the score', () => {
    for (const [i, row] of output.entries()) {
      // Everything the matcher says is translated: no English outcome is left in the reasons.
      expect(row.reasons, row.post_id).not.toMatch(/[A-Za-z]/);
      for (const label of ['先验：', '身份证号：', '姓名：', '出生日期：', '性别：', '机关：'])
        expect(row.reasons).toContain(label);
      const sum = decisions[i]!.reasons.reduce((s, r) => s + r.weight, 0);
      expect(Math.abs(sum - Number(row.score))).toBeLessThan(0.05);
      const written = [...row.reasons!.matchAll(/ ([+−])(\d+(?:\.\d+)?)(?=；|$)/g)].reduce(
        (s, m) => s + (m[1] === '+' ? 1 : -1) * Number(m[2]),
        0,
      );
      expect(Math.abs(written - Number(row.score))).toBeLessThan(0.05);
    }
  });

  it(`screens at the benchmark's level: F1 ≥ ${FLOOR.f1}, precision ≥ ${FLOOR.precision}, ID-present recall ≥ ${FLOOR.idPresentRecall}`, () => {
    const all = quality(output, () => true);
    expect(all.pairs).toBe(271);
    expect(all.f1).toBeGreaterThanOrEqual(FLOOR.f1);
    expect(all.precision).toBeGreaterThanOrEqual(FLOOR.precision);
    expect(quality(output, (s) => s.includes('id_present')).recall).toBeGreaterThanOrEqual(
      FLOOR.idPresentRecall,
    );
    for (const slice of ['traditional', 'pinyin', 'legacy15', 'mistyped_digit']) {
      expect(quality(output, (s) => s.includes(slice)).tp, slice).toBeGreaterThan(0);
    }
  });

  it('writes no resident ID of the posts or rosters in clear, in the output or in the issues', async () => {
    const ids = await residentIdsIn([files.posts, files.serving, files.retired]);
    expect(ids.size).toBeGreaterThan(30_000);
    const issuesText = JSON.stringify(summary.issues);
    // The mistyped IDs of the posts are noted (masked) since they are compared after a repair.
    expect(summary.noticeCount).toBeGreaterThan(0);
    const bodies = new Set([...ids].map((id) => id.slice(6, 14)));
    for (const id of ids) {
      expect(outText.includes(id)).toBe(false);
      expect(issuesText.includes(id)).toBe(false);
    }
    // Not even the birth-date digits of an ID: masked values keep only the region and the last four.
    for (const issue of summary.issues) {
      expect(issue.value ?? '').toMatch(/^\d{3}\*+[\dX]{4}$/);
      expect(bodies.has((issue.value ?? '').slice(6, 14))).toBe(false);
    }
  });

  it('takes reviewer verdicts back: a rejected pair is not proposed again, a confirmed possible becomes a match', async () => {
    const match = output.find((r) => r.decision === 'match')!;
    const possible = output.find((r) => r.decision === 'possible')!;
    const verdicts = join(dir, 'reviewed.csv');
    await writeFile(
      verdicts,
      `\uFEFF${stringify([
        [...MATCH_CSV_HEADER],
        ...output.map((r) =>
          MATCH_CSV_HEADER.map((h) =>
            h !== 'verdict' ? r[h]! : r === match ? '否决' : r === possible ? '确认' : '',
          ),
        ),
      ])}`,
    );
    const again = await runToEnd({
      posts: files.posts,
      serving: files.serving,
      retired: files.retired,
      organs: files.organs,
      links: files.links,
      decisions: verdicts,
      secret: TEST_SECRET,
      today: TODAY,
    });
    const forMatch = again.decisions.find((d) => d.postKey === match.post_id);
    expect(forMatch?.recordKey).not.toBe(match.record_key);
    const forPossible = again.decisions.find((d) => d.postKey === possible.post_id)!;
    expect(forPossible).toMatchObject({ decision: 'match', recordKey: possible.record_key, probability: 1 });
    expect(reasonsZh(forPossible.reasons)).toContain('审核：审核人员已确认为同一人');
    expect(again.summary.files.at(-1)).toEqual({ file: 'reviewed.csv', rows: 2, skipped: 0 });
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const d = { ...decisions[0]!, postKey: '=HYPERLINK("http://example.invalid","x")', source: '+cmd' };
    const row = matchCsvRow(d);
    expect(row[0]).toBe(`'=HYPERLINK("http://example.invalid","x")`);
    expect(row[1]).toBe(`'+cmd`);
  });
});
