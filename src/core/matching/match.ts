import { CADRE_RANKS, ROSTER_STATUSES } from '../registry/types.ts';
import { dateToNumber, numberToDate, swapMonthDay } from './dates.ts';
import { createKeyedHasher, mixWords, type TKeyedHasher } from './keyed-hash.ts';
import { normaliseResidentId } from './normalise-id.ts';
import type { TOrganResolver } from './organs.ts';
import {
  BUCKET_SALT,
  createNameFingerprinter,
  DELETIONS,
  type TNameFingerprints,
  type TRosterIndex,
} from './roster-index.ts';
import type { TMatchDecision, TMatchDecisionKind, TMatchReason, TPostRow, TReviewDecision } from './types.ts';

/**
 * Field weights in bits (log₂ of m/u, Fellegi–Sunter). Where a weight depends on how common the
 * value is (name, pinyin, organ), the parameter is m and u is the value's share of the roster.
 */
export type TMatchParameters = {
  /** Share of posts expected to be held by someone on the rosters: the prior odds before any field. */
  priorMatchRate: number;
  /**
   * How many times likelier a retired cadre is than a serving official to hold an association post:
   * the prior of each record is `priorMatchRate` shared out in these proportions.
   */
  retiredPriorFactor: number;
  /**
   * A post with neither a usable ID nor a birth date is looked up by its name (or pinyin) alone,
   * when the rosters hold at most this many records of that name: beyond it, name and sex cannot
   * single anybody out and the post would only be sent to review among hundreds.
   */
  nameOnlyBlockingLimit: number;
  idAgree: number;
  /** An ID repaired from one mistyped character: strong, but less than an exact ID. */
  idRepairedAgree: number;
  idDisagree: number;
  /** m for exact agreement of the normalised Han name. */
  nameExactM: number;
  /** m for Han names that differ in characters but read the same (homophones). */
  namePinyinM: number;
  /** m for a name written in pinyin agreeing with the pinyin of a Han name. */
  nameLatinM: number;
  /** m for names one character apart (substituted, dropped or added). */
  nameNearM: number;
  nameDisagree: number;
  birthExact: number;
  /** Month and day exchanged. */
  birthSwapped: number;
  birthSameYear: number;
  birthDisagree: number;
  sexAgree: number;
  sexDisagree: number;
  /** m for the roster organ being the post's recommending organ or one linked to its association. */
  organM: number;
  organDisagree: number;
  /** Posterior probability from which a pair is a match. */
  matchProbability: number;
  /** Posterior probability from which a pair goes to review. */
  reviewProbability: number;
};

export const DEFAULT_MATCH_PARAMETERS: TMatchParameters = {
  priorMatchRate: 0.05,
  retiredPriorFactor: 5,
  nameOnlyBlockingLimit: 64,
  idAgree: 28,
  idRepairedAgree: 20,
  idDisagree: -24,
  nameExactM: 0.9,
  namePinyinM: 0.04,
  nameLatinM: 0.9,
  nameNearM: 0.03,
  nameDisagree: -8,
  birthExact: 14,
  birthSwapped: 7,
  birthSameYear: -6,
  birthDisagree: -7,
  sexAgree: 0.95,
  sexDisagree: -4.5,
  organM: 0.6,
  organDisagree: -1.3,
  // Calibrated on the S labelled set: the lowest threshold keeping precision above 0.99 with margin.
  matchProbability: 0.85,
  reviewProbability: 0.05,
};

type TPreparedPost = {
  postKey: string;
  /** 0 none, 1 as written (or upgraded from 15), 2 repaired from one wrong character. */
  idKind: number;
  idHi: number;
  idLo: number;
  idNote: string;
  name: TNameFingerprints;
  birth: number;
  birthFromId: boolean;
  sex: number;
  sexFromId: boolean;
  organs: number[];
};

export type CreateMatcherOptions = {
  index: TRosterIndex;
  /** The key the index was built with. */
  key: Uint8Array;
  organs: TOrganResolver;
  /** Organ codes linked to each association (sponsor, supervisor…), by USCC. */
  associationOrgans?: ReadonlyMap<string, readonly string[]>;
  reviews?: Iterable<TReviewDecision>;
  parameters?: Partial<TMatchParameters>;
  today: string;
};

/** One candidate of a post as blocking found it, with its score, for miss analysis and tuning. */
export type TCandidateScore = { recordKey: string; score: number };

export type TMatcher = {
  /** Decides one post: the best roster record, its probability, and why. */
  matchPost: (row: TPostRow) => TMatchDecision;
  /** Every candidate blocking brought up for the post with its score (log₂ odds), best first. */
  inspectPost: (row: TPostRow) => TCandidateScore[];
};

/** The key reviewer decisions use for a post: its source reference, or what identifies it in the file. */
export function postKeyOf(row: TPostRow): string {
  const ref = row.post_ref?.trim();
  if (ref) return ref;
  return [row.association_uscc ?? '', row.person_name, row.role ?? '', row.started_on ?? ''].join('|');
}

function sexCode(text: string | null | undefined): number {
  if (text === 'male' || text === '男') return 1;
  if (text === 'female' || text === '女') return 2;
  return 0;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * A matcher over a built roster index. Candidates come from five blocking keys (ID fingerprint;
 * name + birth date; pinyin + birth year; name + organ; surname + birth date), each candidate is
 * scored by summing field weights, and the posterior over all candidates and "nobody on the rosters"
 * decides: a candidate that takes at least `matchProbability` is a match, one that takes at least
 * `reviewProbability` goes to review.
 */
export function createMatcher({
  index,
  key,
  organs,
  associationOrgans,
  reviews,
  parameters,
  today,
}: CreateMatcherOptions): TMatcher {
  const p: TMatchParameters = { ...DEFAULT_MATCH_PARAMETERS, ...parameters };
  const hasher: TKeyedHasher = createKeyedHasher(key);
  const fingerprintName = createNameFingerprinter(hasher);
  const n = Math.max(1, index.size);
  // Records weighted by how likely they are to hold a post: retired cadres `retiredPriorFactor` times
  // as likely as the others, the weights summing to the roster size so the overall rate is kept.
  const retiredCode = ROSTER_STATUSES.indexOf('retired') + 1;
  let retiredCount = 0;
  for (let r = 0; r < index.size; r++) if (index.status[r] === retiredCode) retiredCount++;
  const weightSum = n - retiredCount + retiredCount * p.retiredPriorFactor;
  const prior = Math.log2(p.priorMatchRate / weightSum);
  const retiredPrior = prior + Math.log2(p.retiredPriorFactor);
  const priorOf = (r: number) => (index.status[r] === retiredCode ? retiredPrior : prior);
  const organIndex = new Map(index.organCodes.map((code, i) => [code, i]));
  const stamp = new Int32Array(index.size);
  let postNumber = 0;
  const candidates: number[] = [];
  const scores: number[] = [];

  const confirmed = new Map<string, string>();
  const rejected = new Set<string>();
  for (const r of reviews ?? []) {
    if (r.verdict === 'confirmed') confirmed.set(r.postKey, r.recordKey);
    else rejected.add(`${r.postKey}\u0000${r.recordKey}`);
  }

  const associationOrganIndexes = new Map<string, number[]>();
  for (const [uscc, codes] of associationOrgans ?? []) {
    const list = codes.map((c) => organIndex.get(c) ?? -1).filter((i) => i >= 0);
    if (list.length > 0) associationOrganIndexes.set(uscc, list);
  }

  const lookupId = (hi: number, lo: number): number => {
    const t = index.byId;
    for (let c = t.head[mixWords(hi, lo, BUCKET_SALT.id) & t.mask]!; c !== 0; c = t.next[c - 1]!) {
      if (index.idHi[c - 1] === hi && index.idLo[c - 1] === lo) return c - 1;
    }
    return -1;
  };

  const prepare = (row: TPostRow): TPreparedPost => {
    const statedBirth = dateToNumber(row.birth_date);
    const statedSex = sexCode(row.sex);
    const id = normaliseResidentId(row.resident_id, {
      today,
      birthDate: statedBirth ? row.birth_date!.trim() : null,
      sex: statedSex === 1 ? 'male' : statedSex === 2 ? 'female' : null,
    });
    let idKind = 0;
    let idHi = 0;
    let idLo = 0;
    let idNote = 'missing';
    let idBirth = 0;
    let idSex = 0;
    if (id.kind === 'valid') {
      const f = hasher.fingerprint(`id:${id.id}`);
      idKind = 1;
      idHi = f.hi;
      idLo = f.lo;
      idNote = id.upgradedFrom15 ? 'upgraded_from_15' : 'as_written';
      idBirth = dateToNumber(id.birthDate);
      idSex = id.sex === 'male' ? 1 : 2;
    } else if (id.kind === 'check_failed') {
      idNote = 'check_failed';
      // A repair is taken when it is the only one that fits the stated birth date and sex, or else
      // the only one of all possible repairs the rosters know (the stated date may itself be wrong).
      const consistent = id.consistentRepairs.map((r) => hasher.fingerprint(`id:${r}`));
      const known = id.repairs
        .map((r) => hasher.fingerprint(`id:${r}`))
        .filter((f) => lookupId(f.hi, f.lo) >= 0);
      const chosen = consistent.length === 1 ? consistent[0] : known.length === 1 ? known[0] : undefined;
      if (chosen) {
        idKind = 2;
        idHi = chosen.hi;
        idLo = chosen.lo;
        idNote = consistent.length === 1 ? 'repaired' : 'repaired_against_roster';
      }
    } else if (id.kind === 'malformed') {
      idNote = 'malformed';
    }
    const organSet: number[] = [];
    const recommended = organs.resolve(row.recommended_by_organ_code, null);
    if (recommended) {
      const i = organIndex.get(recommended);
      if (i !== undefined) organSet.push(i);
    }
    for (const i of associationOrganIndexes.get(row.association_uscc ?? '') ?? []) {
      if (!organSet.includes(i)) organSet.push(i);
    }
    return {
      postKey: postKeyOf(row),
      idKind,
      idHi,
      idLo,
      idNote,
      name: fingerprintName(row.person_name),
      birth: statedBirth || idBirth,
      birthFromId: statedBirth === 0 && idBirth !== 0,
      sex: statedSex || idSex,
      sexFromId: statedSex === 0 && idSex !== 0,
      organs: organSet,
    };
  };

  const collect = (post: TPreparedPost) => {
    postNumber++;
    candidates.length = 0;
    const take = (table: { head: Int32Array; next: Int32Array; mask: number }, bucket: number) => {
      for (let c = table.head[bucket & table.mask]!; c !== 0; c = table.next[c - 1]!) {
        if (stamp[c - 1] !== postNumber) {
          stamp[c - 1] = postNumber;
          candidates.push(c - 1);
        }
      }
    };
    if (post.idKind !== 0) {
      const r = lookupId(post.idHi, post.idLo);
      if (r >= 0) {
        stamp[r] = postNumber;
        candidates.push(r);
      }
    }
    const { name } = post;
    const hasName = name.nameHi !== 0 || name.nameLo !== 0;
    const births = post.birth ? [post.birth] : [];
    const swapped = post.birth ? swapMonthDay(post.birth) : 0;
    if (swapped) births.push(swapped);
    for (const b of births) {
      if (hasName) take(index.byNameBirth, mixWords(name.nameHi, name.nameLo, b));
      if (name.surname !== 0) take(index.bySurnameBirth, mixWords(name.surname, b, BUCKET_SALT.surnameBirth));
    }
    if (post.birth) {
      const year = Math.floor(post.birth / 10000);
      if (name.pinyinHi !== 0 || name.pinyinLo !== 0)
        take(index.byPinyinYear, mixWords(name.pinyinHi, name.pinyinLo, year));
      if (name.swappedHi !== 0 || name.swappedLo !== 0)
        take(index.byPinyinYear, mixWords(name.swappedHi, name.swappedLo, year));
    }
    // Name + organ is keyed by the pinyin, so traditional, homophone and pinyin spellings meet too.
    for (const o of post.organs) {
      if (name.pinyinHi !== 0 || name.pinyinLo !== 0)
        take(index.byNameOrgan, mixWords(name.pinyinHi, name.pinyinLo, o ^ 0x5bd1e995));
      if (name.swappedHi !== 0 || name.swappedLo !== 0)
        take(index.byNameOrgan, mixWords(name.swappedHi, name.swappedLo, o ^ 0x5bd1e995));
    }
    if (!post.birth) {
      const limit = p.nameOnlyBlockingLimit;
      if (name.pinyinHi !== 0 || name.pinyinLo !== 0) {
        if (index.pinyinCounts.get(name.pinyinHi, name.pinyinLo) <= limit)
          take(index.byPinyin, mixWords(name.pinyinHi, name.pinyinLo, BUCKET_SALT.pinyin));
      }
      if (name.swappedHi !== 0 || name.swappedLo !== 0) {
        if (index.pinyinCounts.get(name.swappedHi, name.swappedLo) <= limit)
          take(index.byPinyin, mixWords(name.swappedHi, name.swappedLo, BUCKET_SALT.pinyin));
      }
    }
  };

  const nameWeight = (post: TPreparedPost, r: number, why: TMatchReason[] | null): number => {
    const { name } = post;
    if (name.script === 0 || (index.pinyinHi[r] === 0 && index.pinyinLo[r] === 0)) {
      why?.push({ field: 'name', outcome: 'unknown', weight: 0 });
      return 0;
    }
    if (name.script === 1 && index.nameHi[r] === name.nameHi && index.nameLo[r] === name.nameLo) {
      const count = Math.max(1, index.nameCounts.get(name.nameHi, name.nameLo));
      const w = Math.log2((p.nameExactM * n) / count);
      why?.push({ field: 'name', outcome: `exact (${count} on the rosters)`, weight: round(w) });
      return w;
    }
    const pinyinAgrees =
      (index.pinyinHi[r] === name.pinyinHi && index.pinyinLo[r] === name.pinyinLo) ||
      (name.script === 2 && index.pinyinHi[r] === name.swappedHi && index.pinyinLo[r] === name.swappedLo);
    if (pinyinAgrees) {
      const count = Math.max(1, index.pinyinCounts.get(index.pinyinHi[r]!, index.pinyinLo[r]!));
      const m = name.script === 2 ? p.nameLatinM : p.namePinyinM;
      const w = Math.log2((m * n) / count);
      why?.push({
        field: 'name',
        outcome: `${name.script === 2 ? 'pinyin spelling' : 'same reading'} (${count} on the rosters)`,
        weight: round(w),
      });
      return w;
    }
    if (name.script === 1 && isNear(name, index, r)) {
      // How many roster names sit one character from this one: near 王小明 there are many, near 欧阳修远 few.
      let count = index.deletionCounts.get(0, name.whole);
      for (const d of name.deletions) count += index.deletionCounts.get(0, d);
      count = Math.max(1, count);
      const w = Math.log2((p.nameNearM * n) / count);
      why?.push({
        field: 'name',
        outcome: `one character apart (${count} such names on the rosters)`,
        weight: round(w),
      });
      return w;
    }
    why?.push({ field: 'name', outcome: 'different', weight: p.nameDisagree });
    return p.nameDisagree;
  };

  const score = (post: TPreparedPost, r: number, why: TMatchReason[] | null): number => {
    let s = priorOf(r);
    why?.push({
      field: 'prior',
      outcome: `${p.priorMatchRate} of posts over ${n} roster records${index.status[r] === retiredCode ? `, retired ×${p.retiredPriorFactor}` : ''}`,
      weight: round(s),
    });
    let idCompared = false;
    if (post.idKind !== 0 && index.idKind[r] !== 0) {
      idCompared = true;
      const same = index.idHi[r] === post.idHi && index.idLo[r] === post.idLo;
      const w = same ? (post.idKind === 2 ? p.idRepairedAgree : p.idAgree) : p.idDisagree;
      s += w;
      why?.push({ field: 'resident_id', outcome: same ? `agrees (${post.idNote})` : 'different', weight: w });
    } else {
      why?.push({ field: 'resident_id', outcome: `not compared (post: ${post.idNote})`, weight: 0 });
    }
    s += nameWeight(post, r, why);
    const rb = index.birth[r]!;
    if (post.birth && rb && !(idCompared && post.birthFromId)) {
      let w: number;
      let outcome: string;
      if (rb === post.birth) [w, outcome] = [p.birthExact, 'exact'];
      else if (rb === swapMonthDay(post.birth)) [w, outcome] = [p.birthSwapped, 'month and day exchanged'];
      else if (Math.floor(rb / 10000) === Math.floor(post.birth / 10000))
        [w, outcome] = [p.birthSameYear, 'same year'];
      else [w, outcome] = [p.birthDisagree, 'different'];
      s += w;
      why?.push({ field: 'birth_date', outcome, weight: w });
    } else {
      why?.push({
        field: 'birth_date',
        outcome: post.birth && rb ? 'carried by the ID' : 'unknown',
        weight: 0,
      });
    }
    const rs = index.sex[r]!;
    if (post.sex && rs && !(idCompared && post.sexFromId)) {
      const w = rs === post.sex ? p.sexAgree : p.sexDisagree;
      s += w;
      why?.push({ field: 'sex', outcome: rs === post.sex ? 'agrees' : 'different', weight: w });
    } else {
      why?.push({ field: 'sex', outcome: post.sex && rs ? 'carried by the ID' : 'unknown', weight: 0 });
    }
    const ro = index.organ[r]!;
    if (post.organs.length > 0 && ro >= 0) {
      if (post.organs.includes(ro)) {
        let count = 0;
        for (const o of post.organs) count += index.organCounts[o]!;
        const w = Math.log2((p.organM * n) / Math.max(1, count));
        s += w;
        why?.push({
          field: 'organ',
          outcome: `roster organ linked to the post (${count} on its rosters)`,
          weight: round(w),
        });
      } else {
        s += p.organDisagree;
        why?.push({
          field: 'organ',
          outcome: 'roster organ not linked to the post',
          weight: p.organDisagree,
        });
      }
    } else {
      why?.push({ field: 'organ', outcome: 'unknown', weight: 0 });
    }
    return s;
  };

  const decision = (
    post: TPreparedPost,
    r: number,
    kind: TMatchDecisionKind,
    probability: number,
    s: number,
    reasons: TMatchReason[],
  ): TMatchDecision => {
    const status = r >= 0 ? index.status[r]! : 0;
    const rank = r >= 0 ? index.rank[r]! : 0;
    return {
      postKey: post.postKey,
      decision: kind,
      recordKey: r >= 0 ? index.recordKeys.get(r) : null,
      source: r >= 0 ? (index.sources[index.source[r]!] ?? null) : null,
      status: status ? ROSTER_STATUSES[status - 1]! : null,
      rank: rank ? CADRE_RANKS[rank - 1]! : null,
      organCode: r >= 0 && index.organ[r]! >= 0 ? index.organCodes[index.organ[r]!]! : null,
      retiredOn: r >= 0 ? numberToDate(index.retiredOn[r]!) : null,
      probability,
      score: round(s),
      reasons,
      candidates: candidates.length,
    };
  };

  return {
    inspectPost(row) {
      const post = prepare(row);
      collect(post);
      return candidates
        .map((r) => ({ recordKey: index.recordKeys.get(r), score: score(post, r, null) }))
        .sort((a, b) => b.score - a.score);
    },
    matchPost(row) {
      const post = prepare(row);
      collect(post);
      const confirmedKey = confirmed.get(post.postKey);
      if (confirmedKey !== undefined) {
        const r = index.reviewedRecords.get(confirmedKey);
        if (r !== undefined) {
          const reasons: TMatchReason[] = [
            { field: 'review', outcome: 'confirmed by a reviewer', weight: 0 },
          ];
          const s = score(post, r, reasons);
          return decision(post, r, 'match', 1, s, reasons);
        }
      }
      scores.length = 0;
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      let total = 1;
      for (let i = 0; i < candidates.length; i++) {
        const r = candidates[i]!;
        if (rejected.size > 0 && rejected.has(`${post.postKey}\u0000${index.recordKeys.get(r)}`)) {
          scores.push(Number.NEGATIVE_INFINITY);
          continue;
        }
        const s = score(post, r, null);
        scores.push(s);
        total += 2 ** Math.min(s, 1000);
        if (s > bestScore) {
          bestScore = s;
          best = r;
        }
      }
      if (best < 0) return decision(post, -1, 'no_match', 0, prior, []);
      const probability = 2 ** Math.min(bestScore, 1000) / total;
      const reasons: TMatchReason[] = [];
      score(post, best, reasons);
      const kind: TMatchDecisionKind =
        probability >= p.matchProbability
          ? 'match'
          : probability >= p.reviewProbability
            ? 'possible'
            : 'no_match';
      return decision(post, best, kind, Math.round(probability * 1e6) / 1e6, bestScore, reasons);
    },
  };
}

function isNear(name: TNameFingerprints, index: TRosterIndex, r: number): boolean {
  const base = r * DELETIONS;
  const rd = index.deletions;
  const mine = name.deletions;
  for (let j = 0; j < DELETIONS; j++) {
    const theirs = rd[base + j]!;
    if (theirs === 0) break;
    // The post dropped a character the record has.
    if (theirs === name.whole) return true;
    // Same length, one character substituted.
    if (j < mine.length && mine[j] === theirs) return true;
  }
  // The post has a character the record lacks.
  for (const d of mine) if (d === index.whole[r]) return true;
  return false;
}
