import { createMatcher, type TMatchParameters } from './match.ts';
import { createOrganResolver, type TOrganResolver } from './organs.ts';
import { createRosterIndexBuilder, type TRosterIndex } from './roster-index.ts';
import type { TLinkRow, TMatchDecision, TOrganRow, TPostRow, TReviewDecision, TRosterRow } from './types.ts';

type TRows<T> = AsyncIterable<T> | Iterable<T>;

export type RunMatchingOptions = {
  /** The screening key; roster identifiers and names are kept only as HMACs under it. */
  key: Uint8Array;
  /** Roster streams (serving officials, retired cadres…), read once, row by row. */
  rosters: TRows<TRosterRow>[];
  posts: TRows<TPostRow>;
  /** Organ directory, to resolve roster employers given by name or abbreviation. */
  organs?: Iterable<TOrganRow>;
  /** Organ–association links; a roster organ linked to the post's association counts as evidence. */
  links?: Iterable<TLinkRow>;
  /** Reviewer decisions of earlier runs: confirmed pairs are kept, rejected pairs never proposed again. */
  reviews?: Iterable<TReviewDecision>;
  parameters?: Partial<TMatchParameters>;
  /** The date of the run, for ID validation. */
  today: string;
  /** Expected roster rows in all, to size the index once. */
  expectedRosterSize?: number;
  /** Called once the roster index is built, with its size (for progress and memory reports). */
  onIndexed?: (index: TRosterIndex) => void;
};

type IndexRostersOptions = {
  key: Uint8Array;
  rosters: TRows<TRosterRow>[];
  today: string;
  resolver: TOrganResolver;
  expectedRosterSize?: number;
  reviewedRecordKeys: ReadonlySet<string>;
};

/** Builds the index in its own scope, so the builder's cache of names in clear is freed before matching. */
async function indexRosters({
  key,
  rosters,
  today,
  resolver,
  expectedRosterSize,
  reviewedRecordKeys,
}: IndexRostersOptions): Promise<TRosterIndex> {
  const builder = createRosterIndexBuilder({
    key,
    organs: resolver,
    today,
    expectedSize: expectedRosterSize,
    reviewedRecordKeys,
  });
  for (const roster of rosters) {
    for await (const row of roster) builder.add(row);
  }
  return builder.finish();
}

/**
 * Screens posts against rosters: streams every roster into the keyed index, then yields one decision
 * per post (match, possible or no_match, with the reasons). Nothing here touches a database or a
 * file, so the same run serves the CLI, the API and the benchmark.
 */
export async function* runMatching({
  key,
  rosters,
  posts,
  organs = [],
  links = [],
  reviews = [],
  parameters,
  today,
  expectedRosterSize,
  onIndexed,
}: RunMatchingOptions): AsyncGenerator<TMatchDecision> {
  const organList = [...organs];
  const resolver = createOrganResolver(organList);
  const reviewList = [...reviews];
  const index = await indexRosters({
    key,
    rosters,
    today,
    resolver,
    expectedRosterSize,
    reviewedRecordKeys: new Set(reviewList.filter((r) => r.verdict === 'confirmed').map((r) => r.recordKey)),
  });
  onIndexed?.(index);
  const associationOrgans = new Map<string, string[]>();
  for (const link of links) {
    const list = associationOrgans.get(link.association_uscc);
    if (list) list.push(link.organ_code);
    else associationOrgans.set(link.association_uscc, [link.organ_code]);
  }
  const matcher = createMatcher({
    index,
    key,
    organs: resolver,
    associationOrgans,
    reviews: reviewList,
    parameters,
    today,
  });
  for await (const post of posts) yield matcher.matchPost(post);
}
