import {
  GROUND_NAMES,
  listingBasis,
  removalBasis,
  type TCreditList,
  type TRemovalReason,
} from '../../core/credit/basis.ts';
import type { TCreditStatus, THistoryEntry } from '../../core/credit/timeline.ts';
import type { TCreditGround } from '../../core/policy/facts.ts';
import type { TImportedCreditRow } from '../../db/repositories/public.repository.ts';
import type { TCreditState } from '../../jobs/credit.ts';

const LIST_NAMES: Record<TCreditList, { zh: string; en: string }> = {
  abnormal: { zh: '活动异常名录', en: 'the abnormal-activity list' },
  serious: { zh: '严重违法失信名单', en: 'the serious violation and dishonesty list' },
};

/**
 * History entries of listings recorded before the ledger (imported credit facts): the listing and,
 * where it ended, the removal, each with the reason and the clause the ledger would have given.
 */
export function importedHistory(rows: readonly TImportedCreditRow[]): THistoryEntry[] {
  const entries: THistoryEntry[] = [];
  for (const row of rows) {
    const ground = row.ground as TCreditGround;
    const name = GROUND_NAMES[ground];
    entries.push({
      on: row.listedOn,
      list: row.list,
      action: 'listed',
      entryId: row.ref,
      grounds: [ground],
      reason: {
        zh: `因${name.zh}，列入${LIST_NAMES[row.list].zh}`,
        en: `Put on ${LIST_NAMES[row.list].en}: ${name.en}`,
      },
      basis: listingBasis(row.list),
    });
    if (row.removedOn !== null) {
      const reason: TRemovalReason =
        row.obligationFulfilledOn !== null
          ? 'rectified'
          : row.list === 'abnormal'
            ? 'automatic'
            : 'application';
      const basis = removalBasis(row.list, reason);
      entries.push({
        on: row.removedOn,
        list: row.list,
        action: 'removed',
        entryId: row.ref,
        grounds: [ground],
        reason: {
          zh: `移出${LIST_NAMES[row.list].zh}：${basis.summary.zh}`,
          en: `Removed from ${LIST_NAMES[row.list].en}: ${basis.summary.en}`,
        },
        basis,
      });
    }
  }
  return entries;
}

export type TMergedCredit = {
  status: TCreditStatus;
  abnormalSince: string | null;
  seriousSince: string | null;
  history: THistoryEntry[];
};

/** The ledger's timeline together with imported listings: status on the day and the whole history. */
export function mergeCredit(
  state: TCreditState,
  imported: readonly TImportedCreditRow[],
  asOf: string,
): TMergedCredit {
  const open = (list: TCreditList) =>
    imported
      .filter((r) => r.list === list && r.listedOn <= asOf && (r.removedOn === null || r.removedOn > asOf))
      .map((r) => r.listedOn)
      .sort()[0] ?? null;
  const abnormalSince = state.timeline.abnormal?.listedOn ?? open('abnormal');
  const seriousSince = state.timeline.serious?.listedOn ?? open('serious');
  const status: TCreditStatus =
    abnormalSince && seriousSince
      ? 'abnormal_and_serious'
      : seriousSince
        ? 'serious'
        : abnormalSince
          ? 'abnormal'
          : 'clear';
  const history = [...importedHistory(imported.filter((r) => r.listedOn <= asOf)), ...state.timeline.history]
    .filter((h) => h.on <= asOf)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return { status, abnormalSince, seriousSince, history };
}

/** A history entry as the API shows it (the internal entry key is left out). */
export function presentHistory(entry: THistoryEntry) {
  return {
    on: entry.on,
    list: entry.list,
    action: entry.action,
    grounds: [...entry.grounds],
    reason: entry.reason,
    basis: entry.basis,
  };
}
