/**
 * Credit-list timers (民政部令第60号): from the grounds that arose and the events the registrar
 * recorded, where an organisation stands on the abnormal-activity list (活动异常名录) and the serious
 * violation and dishonesty list (严重违法失信名单) on a given day, what is due by when, and the public
 * history. Pure: the day, the calendar and the parameters are handed in.
 */

import { addMonths, addYears, maxDate, type TDate, type TWorkingDayCalendar } from '../policy/dates.ts';
import type { TCreditGround } from '../policy/facts.ts';
import type { TPolicyParameters } from '../policy/packs.ts';
import type { TTemplate } from '../policy/types.ts';
import {
  CURABLE_GROUNDS,
  GROUND_NAMES,
  listingBasis,
  removalBasis,
  type TCreditList,
  type TLegalBasis,
  type TRemovalReason,
} from './basis.ts';
import { workingDays } from './working-days.ts';

/** The timer parameters; they come from the policy pack (`creditParams(pack.parameters.cred)`). */
export type TCreditParams = {
  entryWorkingDays: number;
  removalWorkingDays: number;
  autoRemovalMonths: number;
  abnormalToSeriousYears: number;
  seriousRemovalYears: number;
};

/** The timer parameters of a policy pack. */
export function creditParams(cred: TPolicyParameters['cred']): TCreditParams {
  return {
    entryWorkingDays: cred.entryWorkingDays,
    removalWorkingDays: cred.removalWorkingDays,
    autoRemovalMonths: cred.autoRemovalMonths,
    abnormalToSeriousYears: cred.abnormalToSeriousYears,
    seriousRemovalYears: cred.seriousRemovalYears,
  };
}

/** A ground for a listing, as found (by the CRED rules or by a registrar). */
export type TCreditGroundRecord = {
  id: string;
  list: TCreditList;
  ground: TCreditGround;
  arisenOn: TDate;
  /** Whether the ground ends only by the organisation fulfilling an obligation; default by ground. */
  curable?: boolean;
  /** What happened, e.g. "2024 annual report not filed by 2025-05-31"; public, so no personal data. */
  detail?: TTemplate;
};

/** What the registrar (or the organisation) did, in any order; events after `asOf` are ignored. */
export type TCreditEvent =
  | { kind: 'listed'; on: TDate; list: TCreditList; entryId: string; groundIds: readonly string[] }
  /** A further ground recorded on the current listing of its list. */
  | { kind: 'ground_added'; on: TDate; groundId: string }
  /** The registrar verified that the obligation behind a curable ground was fulfilled. */
  | { kind: 'obligation_verified'; on: TDate; groundId: string }
  /** The current abnormal listing moved to the serious list after the escalation period. */
  | { kind: 'escalated'; on: TDate; entryId: string }
  | { kind: 'removal_applied'; on: TDate }
  | { kind: 'removed'; on: TDate; list: TCreditList; reason: Exclude<TRemovalReason, 'escalated'> }
  | { kind: 'deregistered'; on: TDate };

export type TCreditListing = {
  entryId: string;
  list: TCreditList;
  listedOn: TDate;
  groundIds: readonly string[];
};

export type TCreditStatus = 'clear' | 'abnormal' | 'serious' | 'abnormal_and_serious';

/**
 * `waiting`: nothing can happen until the organisation acts; `scheduled`: the date is known but not
 * reached; `due`: to be done by `dueOn`; `overdue`: `dueOn` has passed; `available`: the organisation
 * may apply from `triggerOn`.
 */
export type TDueState = 'waiting' | 'scheduled' | 'due' | 'overdue' | 'available';

export type TDueAction = {
  action: 'list' | 'add_ground' | 'escalate' | 'remove' | 'may_apply';
  list: TCreditList;
  /** The listing concerned; `null` for a listing still to be made. */
  entryId: string | null;
  groundIds: readonly string[];
  removalReason: TRemovalReason | null;
  state: TDueState;
  /** The day the duty or the right arises; `null` while waiting. */
  triggerOn: TDate | null;
  /** The last day to act; `null` while waiting and for a right to apply. */
  dueOn: TDate | null;
  /** True when the working days counted crossed a year without published holidays. */
  provisional: boolean;
  reason: TTemplate;
  basis: TLegalBasis;
};

export type THistoryEntry = {
  on: TDate;
  list: TCreditList;
  action: 'listed' | 'ground_added' | 'removed' | 'escalated';
  entryId: string;
  grounds: readonly TCreditGround[];
  reason: TTemplate;
  basis: TLegalBasis;
};

export type TCreditTimeline = {
  asOf: TDate;
  calendarId: string;
  status: TCreditStatus;
  abnormal: TCreditListing | null;
  serious: TCreditListing | null;
  /** Day the organisation was deregistered, if it was by `asOf`. */
  deregisteredOn: TDate | null;
  due: readonly TDueAction[];
  /** Public history, oldest first. */
  history: readonly THistoryEntry[];
};

export type CreditTimelineOptions = {
  grounds: readonly TCreditGroundRecord[];
  events: readonly TCreditEvent[];
  asOf: TDate;
  calendar: TWorkingDayCalendar;
  params: TCreditParams;
};

/** An inconsistent input (e.g. a listing naming an unknown ground), with where it is. */
export class CreditInputError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'CreditInputError';
  }
}

const LIST_NAMES: Record<TCreditList, TTemplate> = {
  abnormal: { zh: '活动异常名录', en: 'the abnormal-activity list' },
  serious: { zh: '严重违法失信名单', en: 'the serious violation and dishonesty list' },
};

type TMutableListing = { entryId: string; list: TCreditList; listedOn: TDate; groundIds: string[] };

function isCurable(g: TCreditGroundRecord): boolean {
  return g.curable ?? CURABLE_GROUNDS.has(g.ground);
}

function describeGrounds(grounds: readonly TCreditGroundRecord[]): TTemplate {
  return {
    zh: grounds.map((g) => g.detail?.zh ?? GROUND_NAMES[g.ground].zh).join('；'),
    en: grounds.map((g) => g.detail?.en ?? GROUND_NAMES[g.ground].en).join('; '),
  };
}

function latest(dates: readonly TDate[]): TDate | null {
  let result: TDate | null = null;
  for (const d of dates) if (result === null || d > result) result = d;
  return result;
}

/**
 * Where an organisation stands on the credit lists on `asOf`, what is due and by when, and its public
 * history. Entry is due within `entryWorkingDays` working days of a ground arising; removal from the
 * abnormal list within `removalWorkingDays` after every obligation is fulfilled and verified, or
 * automatically `autoRemovalMonths` after the listing (or after the latest new ground) where nothing
 * needs fixing; after `abnormalToSeriousYears` on the abnormal list the listing moves to the serious
 * list; removal from the serious list on application after `seriousRemovalYears` without a new ground
 * (obligations fulfilled), or after deregistration where the certificate was revoked.
 *
 * @throws CreditInputError when the events contradict each other or name unknown grounds.
 */
export function creditTimeline({
  grounds,
  events,
  asOf,
  calendar,
  params,
}: CreditTimelineOptions): TCreditTimeline {
  const byId = new Map<string, TCreditGroundRecord>();
  grounds.forEach((g, i) => {
    if (byId.has(g.id)) throw new CreditInputError(`grounds[${i}].id`, `duplicate ground id "${g.id}"`);
    byId.set(g.id, g);
  });
  const groundAt = (path: string, id: string, on: TDate): TCreditGroundRecord => {
    const g = byId.get(id);
    if (!g) throw new CreditInputError(path, `unknown ground "${id}"`);
    if (g.arisenOn > on)
      throw new CreditInputError(path, `ground "${id}" arose on ${g.arisenOn}, after ${on}`);
    return g;
  };

  const current: Record<TCreditList, TMutableListing | null> = { abnormal: null, serious: null };
  const recorded = new Set<string>();
  const verifiedOn = new Map<string, TDate>();
  const history: THistoryEntry[] = [];
  let appliedOn: TDate | null = null;
  let deregisteredOn: TDate | null = null;
  const entryIds = new Set<string>();

  const ordered = events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => event.on <= asOf)
    .sort((a, b) => (a.event.on < b.event.on ? -1 : a.event.on > b.event.on ? 1 : a.index - b.index));

  const open = (path: string, list: TCreditList, entryId: string, on: TDate, ids: string[]) => {
    if (current[list] !== null) {
      throw new CreditInputError(path, `already on ${LIST_NAMES[list].en} since ${current[list].listedOn}`);
    }
    if (entryIds.has(entryId)) throw new CreditInputError(path, `entry id "${entryId}" used twice`);
    entryIds.add(entryId);
    current[list] = { entryId, list, listedOn: on, groundIds: ids };
  };

  for (const { event, index } of ordered) {
    const path = `events[${index}]`;
    switch (event.kind) {
      case 'listed': {
        if (event.groundIds.length === 0)
          throw new CreditInputError(`${path}.groundIds`, 'a listing needs a ground');
        const listed = event.groundIds.map((id, j) => {
          const g = groundAt(`${path}.groundIds[${j}]`, id, event.on);
          if (g.list !== event.list) {
            throw new CreditInputError(
              `${path}.groundIds[${j}]`,
              `ground "${id}" is a ground for ${LIST_NAMES[g.list].en}`,
            );
          }
          return g;
        });
        open(path, event.list, event.entryId, event.on, [...event.groundIds]);
        for (const id of event.groundIds) recorded.add(id);
        const names = describeGrounds(listed);
        history.push({
          on: event.on,
          list: event.list,
          action: 'listed',
          entryId: event.entryId,
          grounds: listed.map((g) => g.ground),
          reason: {
            zh: `因${names.zh}，列入${LIST_NAMES[event.list].zh}`,
            en: `Put on ${LIST_NAMES[event.list].en}: ${names.en}`,
          },
          basis: listingBasis(event.list),
        });
        break;
      }
      case 'ground_added': {
        const g = groundAt(`${path}.groundId`, event.groundId, event.on);
        const listing = current[g.list];
        if (listing === null) {
          throw new CreditInputError(
            path,
            `not on ${LIST_NAMES[g.list].en} on ${event.on}; record a listing instead`,
          );
        }
        listing.groundIds.push(g.id);
        recorded.add(g.id);
        const names = describeGrounds([g]);
        history.push({
          on: event.on,
          list: g.list,
          action: 'ground_added',
          entryId: listing.entryId,
          grounds: [g.ground],
          reason: { zh: `新增列入事由：${names.zh}`, en: `Further ground recorded: ${names.en}` },
          basis: listingBasis(g.list),
        });
        break;
      }
      case 'obligation_verified': {
        const g = groundAt(`${path}.groundId`, event.groundId, event.on);
        if (!isCurable(g)) {
          throw new CreditInputError(
            `${path}.groundId`,
            `ground "${g.id}" (${g.ground}) has no obligation to fulfil`,
          );
        }
        if (!verifiedOn.has(g.id)) verifiedOn.set(g.id, event.on);
        break;
      }
      case 'escalated': {
        const abnormal = current.abnormal;
        if (abnormal === null)
          throw new CreditInputError(path, `not on ${LIST_NAMES.abnormal.en} on ${event.on}`);
        const from = addYears(abnormal.listedOn, params.abnormalToSeriousYears);
        if (event.on < from) {
          throw new CreditInputError(
            path,
            `escalation on ${event.on} is before ${from}, ${params.abnormalToSeriousYears} years after listing`,
          );
        }
        current.abnormal = null;
        // The abnormal grounds move with the listing: their obligations still have to be fulfilled
        // before removal from the serious list (CRED-4).
        open(path, 'serious', event.entryId, event.on, [...abnormal.groundIds]);
        const basis = removalBasis('abnormal', 'escalated');
        const years = params.abnormalToSeriousYears;
        history.push({
          on: event.on,
          list: 'abnormal',
          action: 'escalated',
          entryId: abnormal.entryId,
          grounds: ['abnormal_two_years'],
          reason: {
            zh: `列入活动异常名录满${years}年，移入严重违法失信名单`,
            en: `${years} years on the abnormal list: moved to the serious list`,
          },
          basis,
        });
        history.push({
          on: event.on,
          list: 'serious',
          action: 'listed',
          entryId: event.entryId,
          grounds: ['abnormal_two_years'],
          reason: {
            zh: `自 ${abnormal.listedOn} 列入活动异常名录满${years}年，列入严重违法失信名单`,
            en: `On the abnormal list since ${abnormal.listedOn}, ${years} years: put on the serious list`,
          },
          basis,
        });
        break;
      }
      case 'removal_applied':
        if (current.serious === null)
          throw new CreditInputError(path, `not on ${LIST_NAMES.serious.en} on ${event.on}`);
        appliedOn = event.on;
        break;
      case 'removed': {
        const listing = current[event.list];
        if (listing === null)
          throw new CreditInputError(path, `not on ${LIST_NAMES[event.list].en} on ${event.on}`);
        current[event.list] = null;
        if (event.list === 'serious') appliedOn = null;
        const basis = removalBasis(event.list, event.reason);
        history.push({
          on: event.on,
          list: event.list,
          action: 'removed',
          entryId: listing.entryId,
          grounds: listing.groundIds.map((id) => (byId.get(id) as TCreditGroundRecord).ground),
          reason: {
            zh: `移出${LIST_NAMES[event.list].zh}：${basis.summary.zh}`,
            en: `Removed from ${LIST_NAMES[event.list].en}: ${basis.summary.en}`,
          },
          basis,
        });
        break;
      }
      case 'deregistered':
        deregisteredOn = event.on;
        break;
      default:
        assertNever(event);
    }
  }

  const due: TDueAction[] = [];
  const addWd = (date: TDate, n: number) => workingDays.add(calendar, date, n);
  const stateOf = (triggerOn: TDate, dueOn: TDate): TDueState =>
    triggerOn > asOf ? 'scheduled' : asOf > dueOn ? 'overdue' : 'due';
  const arisen = grounds.filter((g) => g.arisenOn <= asOf);

  // Listings due: grounds not yet recorded that still call for a listing.
  if (deregisteredOn === null) {
    for (const list of ['abnormal', 'serious'] as const) {
      const pending = arisen.filter((g) => {
        if (g.list !== list || recorded.has(g.id)) return false;
        if (isCurable(g)) return !verifiedOn.has(g.id);
        // A one-off ground lapses once a listing for it would already have ended.
        if (list === 'abnormal') return addMonths(g.arisenOn, params.autoRemovalMonths) > asOf;
        return g.ground === 'certificate_revoked' || addYears(g.arisenOn, params.seriousRemovalYears) > asOf;
      });
      if (pending.length === 0) continue;
      const first = pending.reduce((a, b) => (b.arisenOn < a.arisenOn ? b : a));
      const { date: dueOn, provisional } = addWd(first.arisenOn, params.entryWorkingDays);
      const listing = current[list];
      const names = describeGrounds(pending);
      due.push({
        action: listing === null ? 'list' : 'add_ground',
        list,
        entryId: listing?.entryId ?? null,
        groundIds: pending.map((g) => g.id),
        removalReason: null,
        state: stateOf(first.arisenOn, dueOn),
        triggerOn: first.arisenOn,
        dueOn,
        provisional,
        reason: {
          zh: `${names.zh}；情形发生于 ${first.arisenOn}，应在 ${params.entryWorkingDays} 个工作日内（${dueOn} 前）${listing === null ? `列入${LIST_NAMES[list].zh}` : '记入现有列入记录'}`,
          en: `${names.en}; arose on ${first.arisenOn}, to be ${listing === null ? `put on ${LIST_NAMES[list].en}` : 'recorded on the current listing'} within ${params.entryWorkingDays} working days (by ${dueOn})`,
        },
        basis: listingBasis(list),
      });
    }
  }

  const groundsOf = (listing: TMutableListing) =>
    listing.groundIds.map((id) => byId.get(id) as TCreditGroundRecord);
  const unfulfilled = (listing: TMutableListing) =>
    groundsOf(listing).filter((g) => isCurable(g) && !verifiedOn.has(g.id));
  const waiting = (
    listing: TMutableListing,
    reason: TRemovalReason,
    open: TCreditGroundRecord[],
  ): TDueAction => {
    const names = describeGrounds(open);
    return {
      action: 'remove',
      list: listing.list,
      entryId: listing.entryId,
      groundIds: open.map((g) => g.id),
      removalReason: reason,
      state: 'waiting',
      triggerOn: null,
      dueOn: null,
      provisional: false,
      reason: {
        zh: `须先履行义务并经核实：${names.zh}`,
        en: `The obligation must first be fulfilled and verified: ${names.en}`,
      },
      basis: removalBasis(listing.list, reason),
    };
  };

  const abnormal = current.abnormal;
  if (abnormal !== null && deregisteredOn === null) {
    const escalationOn = addYears(abnormal.listedOn, params.abnormalToSeriousYears);
    const { date: dueOn, provisional } = addWd(escalationOn, params.entryWorkingDays);
    due.push({
      action: 'escalate',
      list: 'serious',
      entryId: abnormal.entryId,
      groundIds: [...abnormal.groundIds],
      removalReason: 'escalated',
      state: stateOf(escalationOn, dueOn),
      triggerOn: escalationOn,
      dueOn,
      provisional,
      reason: {
        zh: `自 ${abnormal.listedOn} 列入活动异常名录，${escalationOn} 满${params.abnormalToSeriousYears}年，应在 ${dueOn} 前移入严重违法失信名单`,
        en: `On the abnormal list since ${abnormal.listedOn}; ${params.abnormalToSeriousYears} years on ${escalationOn}, so it moves to the serious list by ${dueOn}`,
      },
      basis: removalBasis('abnormal', 'escalated'),
    });

    const open = unfulfilled(abnormal);
    if (open.length > 0) due.push(waiting(abnormal, 'rectified', open));
    else {
      const listed = groundsOf(abnormal);
      const curable = listed.filter(isCurable);
      const timeOnly = listed.filter((g) => !isCurable(g));
      // A new abnormal-list ground restarts the six months (CRED-2).
      const clockFrom =
        latest([
          abnormal.listedOn,
          ...grounds
            .filter((g) => g.list === 'abnormal' && g.arisenOn > abnormal.listedOn && g.arisenOn <= asOf)
            .map((g) => g.arisenOn),
        ]) ?? abnormal.listedOn;
      const autoOn = timeOnly.length > 0 ? addMonths(clockFrom, params.autoRemovalMonths) : null;
      const lastVerified = latest(curable.map((g) => verifiedOn.get(g.id) as TDate));
      const rectified = lastVerified === null ? null : addWd(lastVerified, params.removalWorkingDays);
      const triggerOn = maxDate(lastVerified ?? '0000-01-01', autoOn ?? '0000-01-01');
      const dueOn = maxDate(rectified?.date ?? '0000-01-01', autoOn ?? '0000-01-01');
      const automatic = rectified === null || (autoOn !== null && autoOn >= rectified.date);
      due.push({
        action: 'remove',
        list: 'abnormal',
        entryId: abnormal.entryId,
        groundIds: [...abnormal.groundIds],
        removalReason: automatic ? 'automatic' : 'rectified',
        state: stateOf(triggerOn, dueOn),
        triggerOn,
        dueOn,
        provisional: rectified?.provisional ?? false,
        reason: automatic
          ? {
              zh: `无需整改事项，自 ${clockFrom} 起满 ${params.autoRemovalMonths} 个月，于 ${dueOn} 自动移出活动异常名录`,
              en: `Nothing to fix; ${params.autoRemovalMonths} months from ${clockFrom}, automatic removal from the abnormal list on ${dueOn}`,
            }
          : {
              zh: `义务已于 ${lastVerified} 履行并经核实，应在 ${dueOn} 前移出活动异常名录`,
              en: `Obligations fulfilled and verified on ${lastVerified}; removal from the abnormal list due by ${dueOn}`,
            },
        basis: removalBasis('abnormal', automatic ? 'automatic' : 'rectified'),
      });
    }
  }

  const serious = current.serious;
  if (serious !== null) {
    const revoked = groundsOf(serious).some((g) => g.ground === 'certificate_revoked');
    if (revoked) {
      if (deregisteredOn === null) {
        due.push({
          ...waiting(serious, 'deregistered', []),
          reason: {
            zh: '因被撤销登记证书列入，注销登记后方可移出',
            en: 'Listed for a revoked certificate: removal follows deregistration',
          },
        });
      } else {
        const { date: dueOn, provisional } = addWd(deregisteredOn, params.removalWorkingDays);
        due.push({
          action: 'remove',
          list: 'serious',
          entryId: serious.entryId,
          groundIds: [...serious.groundIds],
          removalReason: 'deregistered',
          state: stateOf(deregisteredOn, dueOn),
          triggerOn: deregisteredOn,
          dueOn,
          provisional,
          reason: {
            zh: `已于 ${deregisteredOn} 注销，应在 ${dueOn} 前移出严重违法失信名单`,
            en: `Deregistered on ${deregisteredOn}; removal from the serious list due by ${dueOn}`,
          },
          basis: removalBasis('serious', 'deregistered'),
        });
      }
    } else if (deregisteredOn === null) {
      const eligibleOn = serious.listedOn;
      const lastGround =
        latest([eligibleOn, ...arisen.filter((g) => g.arisenOn > serious.listedOn).map((g) => g.arisenOn)]) ??
        eligibleOn;
      const from = addYears(lastGround, params.seriousRemovalYears);
      const open = unfulfilled(serious);
      if (open.length > 0) due.push(waiting(serious, 'application', open));
      else if (appliedOn === null || from > asOf) {
        due.push({
          action: 'may_apply',
          list: 'serious',
          entryId: serious.entryId,
          groundIds: [...serious.groundIds],
          removalReason: 'application',
          state: from > asOf ? 'scheduled' : 'available',
          triggerOn: from,
          dueOn: null,
          provisional: false,
          reason: {
            zh: `自 ${lastGround} 起满 ${params.seriousRemovalYears} 年且无新的列入事由，${from} 起可申请移出严重违法失信名单`,
            en: `${params.seriousRemovalYears} years without a new ground from ${lastGround}: it may apply for removal from the serious list from ${from}`,
          },
          basis: removalBasis('serious', 'application'),
        });
      } else {
        const triggerOn = maxDate(appliedOn, from);
        const { date: dueOn, provisional } = addWd(triggerOn, params.removalWorkingDays);
        due.push({
          action: 'remove',
          list: 'serious',
          entryId: serious.entryId,
          groundIds: [...serious.groundIds],
          removalReason: 'application',
          state: stateOf(triggerOn, dueOn),
          triggerOn,
          dueOn,
          provisional,
          reason: {
            zh: `已于 ${appliedOn} 申请移出，满期日 ${from}，应在 ${dueOn} 前办理`,
            en: `Applied for removal on ${appliedOn}, eligible from ${from}: removal due by ${dueOn}`,
          },
          basis: removalBasis('serious', 'application'),
        });
      }
    }
  }

  const listing = (l: TMutableListing | null): TCreditListing | null =>
    l === null
      ? null
      : { entryId: l.entryId, list: l.list, listedOn: l.listedOn, groundIds: [...l.groundIds] };
  const status: TCreditStatus =
    current.abnormal && current.serious
      ? 'abnormal_and_serious'
      : current.serious
        ? 'serious'
        : current.abnormal
          ? 'abnormal'
          : 'clear';
  return {
    asOf,
    calendarId: calendar.id,
    status,
    abnormal: listing(current.abnormal),
    serious: listing(current.serious),
    deregisteredOn,
    due,
    history,
  };
}

function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
