import { join } from 'node:path';
import type {
  TLinkRow,
  TMatchDecision,
  TMatchParameters,
  TOrganRow,
  TPostRow,
  TReviewDecision,
  TRosterRow,
} from '../../src/core/matching/index.ts';
import { runMatching } from '../../src/core/matching/index.ts';
import { readCsv } from './csv.ts';
import { FILES } from './generate.ts';

export type TTruth = Map<string, { recordKey: string; slices: string[] }>;

export async function readTruth(dir: string): Promise<TTruth> {
  const truth: TTruth = new Map();
  for await (const row of readCsv(join(dir, FILES.truth))) {
    truth.set(row.post_ref!, {
      recordKey: row.record_key ?? '',
      slices: row.slices ? row.slices.split(';') : [],
    });
  }
  return truth;
}

export type TCounts = {
  tp: number;
  fp: number;
  fn: number;
  reviewTp: number;
  possible: number;
  posts: number;
};

export type TQuality = TCounts & { precision: number; recall: number; f1: number; recallWithReview: number };

const empty = (): TCounts => ({ tp: 0, fp: 0, fn: 0, reviewTp: 0, possible: 0, posts: 0 });

/** Precision, recall and F1 of `match` decisions overall and per truth slice; `possible` counted apart. */
export function createEvaluator(truth: TTruth) {
  const slices = new Map<string, TCounts>([['all', empty()]]);
  return {
    add(d: TMatchDecision) {
      const t = truth.get(d.postKey);
      if (!t) throw new Error(`decision for a post the truth does not know: ${d.postKey}`);
      const predicted = d.decision === 'match' ? d.recordKey : null;
      const names = ['all', ...t.slices];
      if (t.slices.includes('id_missing') && t.slices.includes('common_name'))
        names.push('id_missing_common_name');
      for (const name of names) {
        let c = slices.get(name);
        if (!c) {
          c = empty();
          slices.set(name, c);
        }
        c.posts++;
        if (d.decision === 'possible') c.possible++;
        if (predicted) {
          if (predicted === t.recordKey) c.tp++;
          else {
            c.fp++;
            if (t.recordKey) c.fn++;
          }
        } else if (t.recordKey) {
          c.fn++;
          if (d.decision === 'possible' && d.recordKey === t.recordKey) c.reviewTp++;
        }
      }
    },
    result(): Record<string, TQuality> {
      const out: Record<string, TQuality> = {};
      for (const [name, c] of [...slices].sort(([a], [b]) =>
        a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b),
      )) {
        out[name] = summarise(c);
      }
      return out;
    },
  };
}

export function summarise(c: TCounts): TQuality {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const recallWithReview = c.tp + c.fn === 0 ? 1 : (c.tp + c.reviewTp) / (c.tp + c.fn);
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  return {
    ...c,
    precision: r4(precision),
    recall: r4(recall),
    f1: r4(f1),
    recallWithReview: r4(recallWithReview),
  };
}

export type MatchFilesOptions = {
  dir: string;
  key: Uint8Array;
  today: string;
  parameters?: Partial<TMatchParameters>;
  reviews?: TReviewDecision[];
  expectedRosterSize?: number;
  indexInWorker?: boolean;
  onIndexed?: (seconds: number, size: number) => void;
};

/** Runs the matcher over a benchmark folder, streaming the roster and post files. */
export async function* matchFiles({
  dir,
  key,
  today,
  parameters,
  reviews,
  expectedRosterSize,
  indexInWorker,
  onIndexed,
}: MatchFilesOptions): AsyncGenerator<TMatchDecision> {
  const organs: TOrganRow[] = [];
  for await (const row of readCsv(join(dir, FILES.organs))) organs.push(row as TOrganRow);
  const links: TLinkRow[] = [];
  for await (const row of readCsv(join(dir, FILES.links))) links.push(row as TLinkRow);
  const started = performance.now();
  yield* runMatching({
    key,
    today,
    organs,
    links,
    reviews,
    parameters,
    expectedRosterSize,
    indexInWorker,
    rosters: [
      readCsv(join(dir, FILES.serving)) as AsyncIterable<TRosterRow>,
      readCsv(join(dir, FILES.retired)) as AsyncIterable<TRosterRow>,
    ],
    posts: readCsv(join(dir, FILES.posts)) as AsyncIterable<TPostRow>,
    onIndexed: (index) => onIndexed?.((performance.now() - started) / 1000, index.size),
  });
}
