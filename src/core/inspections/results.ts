/**
 * Inspection results: recorded per drawn organisation by the inspectors assigned to it, and published
 * without naming anyone (the public sees the organisation, the dates, the outcome and how many
 * inspectors took part).
 */

import type { TDate } from '../policy/dates.ts';
import type { TTemplate } from '../policy/types.ts';
import type { TInspectorAssignment } from './inspectors.ts';

export type TInspectionOutcome = 'compliant' | 'rectification_ordered' | 'referred_for_penalty' | 'not_found';

export type TInspectionRecord = {
  drawId: string;
  uscc: string;
  inspectedOn: TDate;
  inspectorIds: readonly string[];
  outcome: TInspectionOutcome;
  /** What was found; public, so no personal data. */
  summary: TTemplate;
  /** Deadline of an ordered rectification (its overrun is a CRED-1 ground). */
  rectifyBy: TDate | null;
};

export type TPublicInspectionResult = {
  drawId: string;
  uscc: string;
  inspectedOn: TDate;
  inspectorCount: number;
  outcome: TInspectionOutcome;
  summary: TTemplate;
  rectifyBy: TDate | null;
};

export type RecordInspectionOptions = {
  record: TInspectionRecord;
  assignment: TInspectorAssignment;
  minInspectors: number;
};

/**
 * Checks a result against the assignment: the organisation drawn, only assigned inspectors, at least
 * `minInspectors` of them, a summary in both languages, a rectification deadline after the inspection
 * exactly when rectification was ordered. Returns the problems found (empty when it may be recorded).
 */
export function checkInspectionRecord({
  record,
  assignment,
  minInspectors,
}: RecordInspectionOptions): TTemplate[] {
  const problems: TTemplate[] = [];
  if (record.uscc !== assignment.uscc) {
    problems.push({
      zh: `结果针对 ${record.uscc}，但抽中的是 ${assignment.uscc}`,
      en: `The result is for ${record.uscc}, the organisation drawn is ${assignment.uscc}`,
    });
  }
  const assigned = new Set(assignment.inspectors.map((i) => i.id));
  const strangers = record.inspectorIds.filter((id) => !assigned.has(id));
  if (strangers.length > 0) {
    problems.push({
      zh: `检查人员 ${strangers.join('、')} 不是抽中的人员`,
      en: `Inspectors ${strangers.join(', ')} were not drawn for it`,
    });
  }
  if (new Set(record.inspectorIds).size < minInspectors) {
    problems.push({
      zh: `至少需要 ${minInspectors} 名检查人员`,
      en: `At least ${minInspectors} inspectors are needed`,
    });
  }
  if (record.summary.zh.trim() === '' || record.summary.en.trim() === '') {
    problems.push({ zh: '请填写中英文检查结果摘要', en: 'A summary in Chinese and English is needed' });
  }
  if (
    record.outcome === 'rectification_ordered' &&
    (record.rectifyBy === null || record.rectifyBy <= record.inspectedOn)
  ) {
    problems.push({
      zh: '责令整改须写明检查日之后的整改期限',
      en: 'An ordered rectification needs a deadline after the inspection',
    });
  }
  if (record.outcome !== 'rectification_ordered' && record.rectifyBy !== null) {
    problems.push({
      zh: '未责令整改时不应有整改期限',
      en: 'A rectification deadline only goes with an ordered rectification',
    });
  }
  return problems;
}

/** The published form of a result: no inspector is named. */
export function publicInspectionResult(record: TInspectionRecord): TPublicInspectionResult {
  return {
    drawId: record.drawId,
    uscc: record.uscc,
    inspectedOn: record.inspectedOn,
    inspectorCount: new Set(record.inspectorIds).size,
    outcome: record.outcome,
    summary: record.summary,
    rectifyBy: record.rectifyBy,
  };
}
