import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMatcher,
  createOrganResolver,
  createRosterIndexBuilder,
  type TLinkRow,
  type TMatchDecision,
  type TMatchParameters,
  type TOrganRow,
  type TPostRow,
  type TRosterRow,
} from '../../src/core/matching/index.ts';
import { readCsv } from './csv.ts';
import { readTruth, type TTruth } from './evaluate.ts';
import { FILES, generateBenchmark, SCALES, type TScale } from './generate.ts';

/**
 * Where the matcher goes wrong on a labelled set, and why. Every false negative gets one cause:
 *
 * - `not_blocked`: no blocking key brought the true record up at all;
 * - `outscored`: the true record was a candidate, another one scored higher;
 * - `review`: the true record was the best candidate but its posterior fell short of a match;
 * - `below_review`: the same, below even the review threshold.
 *
 * Every false positive is `wrong_person` (the post belongs to another record) or `stranger` (the post
 * holder is on no roster; `hard_negative` among the slices when the generator planted a namesake).
 * Counts come per truth slice (each corruption kind, ID present or missing, common name…) and per
 * combination of the evidence the post kept, so the biggest cause shows first.
 *
 * Usage: `npx tsx bench/matching/misses.ts [XS|S|national] [dir] [examples]`.
 */

export const MISS_CAUSES = ['not_blocked', 'outscored', 'review', 'below_review'] as const;
export type TMissCause = (typeof MISS_CAUSES)[number];
export const FALSE_MATCH_CAUSES = ['wrong_person', 'stranger'] as const;
export type TFalseMatchCause = (typeof FALSE_MATCH_CAUSES)[number];

export type TMissCounts = {
  posts: number;
  truePairs: number;
  tp: number;
  fn: Record<TMissCause, number>;
  fp: Record<TFalseMatchCause, number>;
};

export type TMissExample = {
  postRef: string;
  kind: TMissCause | TFalseMatchCause;
  slices: string[];
  truthKey: string;
  truthScore: number | null;
  chosenKey: string | null;
  chosenScore: number;
  probability: number;
  candidates: number;
};

export type TMissReport = {
  bySlice: Record<string, TMissCounts>;
  /** False negatives and false positives by the evidence the post kept, largest first. */
  byEvidence: { evidence: string; fn: number; fp: number; truePairs: number }[];
  examples: TMissExample[];
  /** Precision and recall had the match threshold been each of these posteriors. */
  thresholds: { probability: number; precision: number; recall: number; f1: number }[];
};

const emptyCounts = (): TMissCounts => ({
  posts: 0,
  truePairs: 0,
  tp: 0,
  fn: { not_blocked: 0, outscored: 0, review: 0, below_review: 0 },
  fp: { wrong_person: 0, stranger: 0 },
});

/** What a post kept to be found by: its ID, birth date, name form and organ link. */
export function evidenceOf(slices: readonly string[]): string {
  const has = (s: string) => slices.includes(s);
  const id = has('id_missing')
    ? 'no-id'
    : has('mistyped_digit')
      ? 'id-mistyped'
      : has('legacy15')
        ? 'id-15'
        : 'id';
  const birth = has('birth_missing') ? 'no-birth' : has('birth_swapped') ? 'birth-swapped' : 'birth';
  const nameKinds = [
    'traditional',
    'pinyin',
    'homophone',
    'lookalike',
    'dropped_char',
    'extra_char',
    'spacing',
  ];
  const name = nameKinds.find(has) ?? (has('minority') ? 'minority' : 'name');
  const organ = has('organ_linked') ? 'organ' : 'no-organ';
  const common = has('common_name') ? 'common' : 'rare';
  return [id, birth, name, organ, common].join(' ');
}

/** Classifies one decision against the truth; `inspect` lists the post's candidates when needed. */
export function classifyDecision(
  d: TMatchDecision,
  truthKey: string,
  inspect: () => { recordKey: string; score: number }[],
): { fn: TMissCause | null; fp: TFalseMatchCause | null; truthScore: number | null } {
  const predicted = d.decision === 'match' ? d.recordKey : null;
  if (!truthKey) return { fn: null, fp: predicted ? 'stranger' : null, truthScore: null };
  if (predicted === truthKey) return { fn: null, fp: null, truthScore: d.score };
  const candidates = inspect();
  const own = candidates.find((c) => c.recordKey === truthKey);
  const truthScore = own ? Math.round(own.score * 100) / 100 : null;
  const fp: TFalseMatchCause | null = predicted ? 'wrong_person' : null;
  if (!own) return { fn: 'not_blocked', fp, truthScore };
  if (d.recordKey !== truthKey) return { fn: 'outscored', fp, truthScore };
  return { fn: d.decision === 'possible' ? 'review' : 'below_review', fp, truthScore };
}

export type AnalyseMissesOptions = {
  dir: string;
  truth: TTruth;
  key: Uint8Array;
  today: string;
  parameters?: Partial<TMatchParameters>;
  /** How many examples of each cause to keep. */
  examples?: number;
};

/** Runs the matcher over a benchmark folder (one thread) and breaks its errors down. */
export async function analyseMisses({
  dir,
  truth,
  key,
  today,
  parameters,
  examples = 5,
}: AnalyseMissesOptions): Promise<TMissReport> {
  const organs: TOrganRow[] = [];
  for await (const row of readCsv(join(dir, FILES.organs))) organs.push(row as TOrganRow);
  const associationOrgans = new Map<string, string[]>();
  for await (const row of readCsv(join(dir, FILES.links))) {
    const link = row as TLinkRow;
    const list = associationOrgans.get(link.association_uscc);
    if (list) list.push(link.organ_code);
    else associationOrgans.set(link.association_uscc, [link.organ_code]);
  }
  const resolver = createOrganResolver(organs);
  const builder = createRosterIndexBuilder({ key, organs: resolver, today });
  for (const file of [FILES.serving, FILES.retired])
    for await (const row of readCsv(join(dir, file))) builder.add(row as TRosterRow);
  const matcher = createMatcher({
    index: builder.finish(),
    key,
    organs: resolver,
    associationOrgans,
    parameters,
    today,
  });

  const bySlice = new Map<string, TMissCounts>();
  const byEvidence = new Map<string, { fn: number; fp: number; truePairs: number }>();
  const kept = new Map<string, number>();
  const exampleList: TMissExample[] = [];
  const bestProbability: number[] = [];
  const bestRight: boolean[] = [];
  let truePairs = 0;
  for await (const raw of readCsv(join(dir, FILES.posts))) {
    const row = raw as TPostRow;
    const d = matcher.matchPost(row);
    const t = truth.get(d.postKey);
    if (!t) throw new Error(`the truth does not know post ${d.postKey}`);
    const { fn, fp, truthScore } = classifyDecision(d, t.recordKey, () => matcher.inspectPost(row));
    const names = ['all', ...t.slices];
    if (t.slices.includes('id_missing') && t.slices.includes('common_name'))
      names.push('id_missing_common_name');
    for (const name of names) {
      let c = bySlice.get(name);
      if (!c) {
        c = emptyCounts();
        bySlice.set(name, c);
      }
      c.posts++;
      if (t.recordKey) c.truePairs++;
      if (t.recordKey && !fn) c.tp++;
      if (fn) c.fn[fn]++;
      if (fp) c.fp[fp]++;
    }
    if (t.recordKey) truePairs++;
    if (d.recordKey && d.decision !== 'no_match') {
      bestProbability.push(d.probability);
      bestRight.push(d.recordKey === t.recordKey);
    }
    const evidence = evidenceOf(t.slices);
    let e = byEvidence.get(evidence);
    if (!e) {
      e = { fn: 0, fp: 0, truePairs: 0 };
      byEvidence.set(evidence, e);
    }
    if (t.recordKey) e.truePairs++;
    if (fn) e.fn++;
    if (fp) e.fp++;
    for (const kind of [fn, fp]) {
      if (!kind || (kept.get(kind) ?? 0) >= examples) continue;
      kept.set(kind, (kept.get(kind) ?? 0) + 1);
      exampleList.push({
        postRef: d.postKey,
        kind,
        slices: t.slices,
        truthKey: t.recordKey,
        truthScore,
        chosenKey: d.recordKey,
        chosenScore: d.score,
        probability: d.probability,
        candidates: d.candidates,
      });
    }
  }
  return {
    bySlice: Object.fromEntries(
      [...bySlice].sort(([a], [b]) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b))),
    ),
    byEvidence: [...byEvidence]
      .map(([evidence, c]) => ({ evidence, ...c }))
      .filter((c) => c.fn + c.fp > 0)
      .sort((a, b) => b.fn + b.fp - (a.fn + a.fp)),
    examples: exampleList,
    thresholds: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99].map((threshold) => {
      let tp = 0;
      let fp = 0;
      for (let i = 0; i < bestProbability.length; i++) {
        if (bestProbability[i]! < threshold) continue;
        if (bestRight[i]) tp++;
        else fp++;
      }
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const recall = truePairs === 0 ? 1 : tp / truePairs;
      const r4 = (x: number) => Math.round(x * 10000) / 10000;
      return {
        probability: threshold,
        precision: r4(precision),
        recall: r4(recall),
        f1: r4((2 * precision * recall) / (precision + recall || 1)),
      };
    }),
  };
}

/** The report as fixed-width text tables. */
export function formatMissReport(report: TMissReport, top = 25): string {
  const lines: string[] = [];
  const pad = (v: string | number, w: number) => String(v).padStart(w);
  lines.push(
    `${'slice'.padEnd(24)}${pad('posts', 9)}${pad('pairs', 8)}${pad('tp', 7)}` +
      MISS_CAUSES.map((c) => pad(c, 13)).join('') +
      FALSE_MATCH_CAUSES.map((c) => pad(c, 13)).join(''),
  );
  for (const [name, c] of Object.entries(report.bySlice)) {
    lines.push(
      `${name.padEnd(24)}${pad(c.posts, 9)}${pad(c.truePairs, 8)}${pad(c.tp, 7)}` +
        MISS_CAUSES.map((k) => pad(c.fn[k], 13)).join('') +
        FALSE_MATCH_CAUSES.map((k) => pad(c.fp[k], 13)).join(''),
    );
  }
  lines.push('', `${'evidence kept by the post'.padEnd(52)}${pad('pairs', 8)}${pad('fn', 7)}${pad('fp', 7)}`);
  for (const e of report.byEvidence.slice(0, top))
    lines.push(`${e.evidence.padEnd(52)}${pad(e.truePairs, 8)}${pad(e.fn, 7)}${pad(e.fp, 7)}`);
  lines.push('', 'match threshold sweep (probability: precision / recall / F1):');
  for (const t of report.thresholds) lines.push(`  ${t.probability}: ${t.precision} / ${t.recall} / ${t.f1}`);
  lines.push('', 'examples:');
  for (const x of report.examples) lines.push(JSON.stringify(x));
  return lines.join('\n');
}

async function main(): Promise<void> {
  const scale = (process.argv[2] ?? 'XS') as TScale;
  if (!(scale in SCALES))
    throw new Error(`scale must be one of ${Object.keys(SCALES).join(', ')}; got ${scale}`);
  const dir = process.argv[3] ?? join('bench', 'out', `matching-${scale}`);
  if (!existsSync(join(dir, FILES.truth))) await generateBenchmark({ scale, seed: 20261126, outDir: dir });
  const report = await analyseMisses({
    dir,
    truth: await readTruth(dir),
    key: Buffer.from('benchmark screening key, not a secret'),
    today: '2026-11-26',
    examples: Number(process.argv[4] ?? 5),
  });
  console.log(formatMissReport(report));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
