/**
 * From the CRED rules to the timeline: the grounds that `abnormalGrounds` and `seriousGrounds` find in
 * an association's facts, as the ground records `creditTimeline` takes.
 */

import type { TCreditGroundHit } from '../policy/cred.ts';
import type { TDate } from '../policy/dates.ts';
import type { TCreditList } from './basis.ts';
import type { TCreditGroundRecord } from './timeline.ts';

export type GroundsFromRuleHitsOptions = {
  abnormal: readonly TCreditGroundHit[];
  serious: readonly TCreditGroundHit[];
  /** The day the grounds were found: an undated ground counts from it ("within 5 working days of finding it"). */
  foundOn: TDate;
};

/** A stable id for a ground: the same fact gives the same id on every screening run. */
export function creditGroundId(list: TCreditList, hit: TCreditGroundHit): string {
  return `${list}:${hit.ground}:${hit.subject.type}:${hit.subject.id}`;
}

/**
 * Ground records for the timeline. "2 years on the abnormal list" is left out: the timeline works out
 * the escalation from the listing itself.
 */
export function groundsFromRuleHits({
  abnormal,
  serious,
  foundOn,
}: GroundsFromRuleHitsOptions): TCreditGroundRecord[] {
  const records: TCreditGroundRecord[] = [];
  const seen = new Set<string>();
  const add = (list: TCreditList, hit: TCreditGroundHit) => {
    if (hit.ground === 'abnormal_two_years') return;
    const id = creditGroundId(list, hit);
    if (seen.has(id)) return;
    seen.add(id);
    records.push({
      id,
      list,
      ground: hit.ground,
      arisenOn: hit.groundOn ?? foundOn,
      detail: { zh: hit.zh, en: hit.en },
    });
  };
  for (const hit of abnormal) add('abnormal', hit);
  for (const hit of serious) add('serious', hit);
  return records;
}
