/**
 * Batches and lists: the three national pilot batches (2015–2017), the 2019 full roll-out list, and
 * dual management (双重管理) for associations not yet on a list. Each batch carries national plan and
 * completion deadlines; a province (or a city) may set its own, which win for its region.
 *
 * The dates below are the product's defaults, read from the batch notices as far as their public
 * copies go; like the provincial policy packs they are data that an office checks against its own
 * documents and replaces by passing its own `batches`.
 */

import type { TTemplate } from '../policy/types.ts';

/** `pilot`: a national pilot batch; `full_rollout`: the 2019 list; `dual_management`: not yet listed. */
export const BATCH_KINDS = ['pilot', 'full_rollout', 'dual_management'] as const;
export type TBatchKind = (typeof BATCH_KINDS)[number];

/** Deadlines a jurisdiction sets for itself; a field left out keeps the national one. */
export type TDeadlineOverride = {
  /** Region-code prefix of the jurisdiction: `33` a province, `3301` a city. */
  jurisdiction: string;
  planDeadline?: string | null;
  completionDeadline?: string | null;
  /** The document that set them. */
  source: string;
};

export type TBatch = {
  id: string;
  kind: TBatchKind;
  title: TTemplate;
  /** The day the list was published. */
  listedOn: string | null;
  /** Last day to have an approved plan; `null`: no deadline (dual management). */
  planDeadline: string | null;
  /** Last day to be decoupled; `null`: no deadline. */
  completionDeadline: string | null;
  source: string;
  overrides: readonly TDeadlineOverride[];
};

const PLAN_2015 = '《行业协会商会与行政机关脱钩总体方案》（2015）';
const OPINIONS_2019 = '发改体改〔2019〕1063号';

/** The batches shipped with the product. */
export const BUILT_IN_BATCHES: readonly TBatch[] = [
  {
    id: 'pilot-2015-1',
    kind: 'pilot',
    title: { zh: '2015年第一批脱钩试点', en: 'Pilot batch 1 (2015)' },
    listedOn: '2015-11-01',
    planDeadline: '2016-01-31',
    completionDeadline: '2016-06-30',
    source: `${PLAN_2015}；第一批试点名单`,
    overrides: [],
  },
  {
    id: 'pilot-2016-2',
    kind: 'pilot',
    title: { zh: '2016年第二批脱钩试点', en: 'Pilot batch 2 (2016)' },
    listedOn: '2016-06-01',
    planDeadline: '2016-09-30',
    completionDeadline: '2016-12-31',
    source: `${PLAN_2015}；第二批试点名单`,
    overrides: [],
  },
  {
    id: 'pilot-2017-3',
    kind: 'pilot',
    title: { zh: '2017年第三批脱钩试点', en: 'Pilot batch 3 (2017)' },
    listedOn: '2017-01-01',
    planDeadline: '2017-04-30',
    completionDeadline: '2017-12-31',
    source: `${PLAN_2015}；第三批试点名单`,
    overrides: [],
  },
  {
    id: 'rollout-2019',
    kind: 'full_rollout',
    title: { zh: '2019年全面推开脱钩名单', en: '2019 full roll-out list' },
    listedOn: '2019-06-14',
    planDeadline: '2019-12-31',
    completionDeadline: '2020-12-31',
    source: OPINIONS_2019,
    overrides: [
      {
        jurisdiction: '33',
        planDeadline: '2019-10-31',
        completionDeadline: '2020-06-30',
        source: '省级脱钩实施方案（示例参数，须与该省文件核对）',
      },
    ],
  },
  {
    id: 'dual-management',
    kind: 'dual_management',
    title: { zh: '暂未列入名单（双重管理）', en: 'Not yet listed (dual management)' },
    listedOn: null,
    planDeadline: null,
    completionDeadline: null,
    source: '《社会团体登记管理条例》',
    overrides: [],
  },
];

export type FindBatchOptions = { batch: string; batches?: readonly TBatch[] };

/** The batch with this id; throws naming the known ids when there is none (a configuration error). */
export function findBatch({ batch, batches = BUILT_IN_BATCHES }: FindBatchOptions): TBatch {
  const found = batches.find((b) => b.id === batch);
  if (!found) {
    throw new Error(`Unknown batch "${batch}"; known batches: ${batches.map((b) => b.id).join(', ')}`);
  }
  return found;
}

export type DeadlinesForOptions = {
  /** Batch id. */
  batch: string;
  /** GB/T 2260 code of the jurisdiction running the case. */
  jurisdiction: string;
  batches?: readonly TBatch[];
};

export type TDeadlines = {
  planDeadline: string | null;
  completionDeadline: string | null;
  /** Where each deadline comes from: `national`, or the prefix of the jurisdiction that set it. */
  planSource: string;
  completionSource: string;
};

/**
 * The plan and completion deadlines of a batch for a jurisdiction: the most specific override whose
 * prefix matches the region code wins, field by field, so a province may move only its completion
 * deadline and keep the national plan deadline.
 */
export function deadlinesFor({ batch, jurisdiction, batches }: DeadlinesForOptions): TDeadlines {
  const found = findBatch({ batch, batches });
  const result: TDeadlines = {
    planDeadline: found.planDeadline,
    completionDeadline: found.completionDeadline,
    planSource: 'national',
    completionSource: 'national',
  };
  const matching = found.overrides
    .filter((o) => o.jurisdiction !== '' && jurisdiction.startsWith(o.jurisdiction))
    .sort((a, b) => a.jurisdiction.length - b.jurisdiction.length);
  // Least specific first, so a city's own deadline overwrites its province's.
  for (const override of matching) {
    if (override.planDeadline !== undefined) {
      result.planDeadline = override.planDeadline;
      result.planSource = override.jurisdiction;
    }
    if (override.completionDeadline !== undefined) {
      result.completionDeadline = override.completionDeadline;
      result.completionSource = override.jurisdiction;
    }
  }
  return result;
}
