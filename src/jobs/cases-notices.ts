import { overdue } from '../core/cases/deadlines.ts';
import { BLOCKED_REASON_TITLES } from '../core/cases/transitions.ts';
import type { TActorRole } from '../core/cases/types.ts';
import type { Db } from '../db/database.ts';
import { appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  listCasesForNotices,
  listOpenRecouplingFindings,
  toCoreCase,
} from '../db/repositories/cases.repository.ts';
import {
  insertNotifications,
  type TNotificationToInsert,
} from '../db/repositories/notifications.repository.ts';

/** Every party of a case hears of its deadlines and of re-coupling. */
const NOTICE_ROLES: readonly TActorRole[] = ['association', 'organ', 'regulator'];

export type TCaseNoticeCounts = { 'CASE-1': number; 'CASE-2': number; 'CASE-3': number; created: number };

export type RaiseCaseNoticesOptions = { db: Db; asOf: string; actor?: { id: number | null; label: string } };

/**
 * Raises the in-app notices of the case deadlines and of re-coupling on `asOf`: CASE-1 (no approved
 * plan after the plan deadline), CASE-2 (not decoupled after the completion deadline, with the
 * blocked-reason classification) by the same computation as the dashboards (`overdue()` of the core),
 * and CASE-3 for each open re-coupling finding of a decoupled case, as the screening run stored it.
 * A notice is raised once per case, rule and deadline (or finding), so running it daily, or after
 * every screening run, adds only what is new.
 */
export async function raiseCaseNotices({
  db,
  asOf,
  actor,
}: RaiseCaseNoticesOptions): Promise<TCaseNoticeCounts> {
  const rows = await listCasesForNotices(db);
  const byRef = new Map(rows.map((r) => [r.ref, r]));
  const entries = overdue({ cases: rows.map(toCoreCase), asOf });
  const notices: TNotificationToInsert[] = [];
  const counts: TCaseNoticeCounts = { 'CASE-1': 0, 'CASE-2': 0, 'CASE-3': 0, created: 0 };
  for (const entry of entries) {
    const row = byRef.get(entry.caseId)!;
    counts[entry.ruleId] += 1;
    const why =
      entry.ruleId === 'CASE-2' && entry.blockedReason
        ? {
            zh: `（受阻原因：${BLOCKED_REASON_TITLES[entry.blockedReason].zh}）`,
            en: ` (blocked for ${BLOCKED_REASON_TITLES[entry.blockedReason].en})`,
          }
        : { zh: '', en: '' };
    const text =
      entry.ruleId === 'CASE-1'
        ? {
            titleZh: `脱钩方案逾期：${row.associationName}`,
            titleEn: `Plan overdue: ${row.associationName}`,
            bodyZh: `案件 ${row.ref} 的方案应于 ${entry.deadline} 前批复，已逾期 ${entry.daysOverdue} 天（CASE-1）。`,
            bodyEn: `Case ${row.ref} needed an approved plan by ${entry.deadline}; ${entry.daysOverdue} day(s) overdue (CASE-1).`,
          }
        : {
            titleZh: `脱钩逾期未完成：${row.associationName}`,
            titleEn: `Decoupling overdue: ${row.associationName}`,
            bodyZh: `案件 ${row.ref} 应于 ${entry.deadline} 前完成脱钩，已逾期 ${entry.daysOverdue} 天${why.zh}（CASE-2）。`,
            bodyEn: `Case ${row.ref} was due to be decoupled by ${entry.deadline}; ${entry.daysOverdue} day(s) overdue${why.en} (CASE-2).`,
          };
    for (const role of NOTICE_ROLES) {
      notices.push({
        recipientRole: role,
        kind: entry.ruleId,
        caseId: row.id,
        dedupeKey: `${entry.ruleId}:${row.id}:${entry.deadline}`,
        ...text,
      });
    }
  }
  for (const finding of await listOpenRecouplingFindings(db)) {
    counts['CASE-3'] += 1;
    for (const role of NOTICE_ROLES) {
      notices.push({
        recipientRole: role,
        kind: 'CASE-3',
        caseId: finding.caseId,
        dedupeKey: `CASE-3:${finding.findingId}`,
        titleZh: `脱钩后重新挂钩：${finding.associationName}`,
        titleEn: `Re-coupling after decoupling: ${finding.associationName}`,
        bodyZh: `已结案的案件 ${finding.ref}：${finding.explanationZh}`,
        bodyEn: `Closed case ${finding.ref}: ${finding.explanationEn}`,
      });
    }
  }
  counts.created = await db.transaction(async (tx) => {
    const created = await insertNotifications(tx, notices);
    if (created > 0) {
      await appendAuditEvent(tx, {
        actor: actor ?? { id: null, label: 'cases tick' },
        action: 'case.notices',
        entity: 'notification',
        detail: {
          asOf,
          created,
          'CASE-1': counts['CASE-1'],
          'CASE-2': counts['CASE-2'],
          'CASE-3': counts['CASE-3'],
        },
      });
    }
    return created;
  });
  return counts;
}
