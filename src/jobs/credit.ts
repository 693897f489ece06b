/**
 * The credit-list workflow over the database: the daily tick that applies the CRED timers (list within
 * 5 working days of a ground, remove after verified rectification or 6 months, escalate after 2 years,
 * the clock restarting on a new ground), and the registrar's steps (verification, objections, repair).
 * Each step loads the association's ledger under a lock, lets the pure core decide, and writes the
 * event, its mirror in the credit facts and the audit event in one transaction.
 */

import { OBJECTION_BASIS, removalBasis, type TCreditList } from '../core/credit/basis.ts';
import { groundsFromRuleHits } from '../core/credit/grounds.ts';
import {
  CreditInputError,
  creditParams,
  creditTimeline,
  type TCreditEvent,
  type TCreditGroundRecord,
  type TCreditParams,
  type TCreditTimeline,
  type TDueAction,
} from '../core/credit/timeline.ts';
import {
  decideObjection,
  decideRepair,
  fileObjection,
  submitRepair,
  type TObjectionAction,
  type TObjectionParams,
  type TRefusal,
} from '../core/credit/workflow.ts';
import { abnormalGrounds, seriousGrounds } from '../core/policy/cred.ts';
import { maxDate, type TDate, type TWorkingDayCalendar } from '../core/policy/dates.ts';
import { resolvePack } from '../core/policy/packs.ts';
import { decideScope } from '../core/policy/scope.ts';
import type { TRuleContext, TTemplate } from '../core/policy/types.ts';
import type { Db, Queryable } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  findObjection,
  findRepair,
  insertCreditGrounds,
  insertObjection,
  insertRepair,
  listCreditAssociationIds,
  listObjections,
  listRepairs,
  loadCreditLedger,
  lockCreditLedger,
  recordCreditEvent,
  type TCreditLedger,
  type TStoredObjection,
  type TStoredRepair,
  updateObjection,
  updateRepair,
} from '../db/repositories/credit.repository.ts';
import { loadFacts, loadOrganIndex } from '../db/repositories/facts.repository.ts';
import { listAssociationIds } from '../db/repositories/findings.repository.ts';
import { OFFICIAL_CALENDAR } from './calendar.ts';

/**
 * Working days to accept and to decide an objection. The order leaves them to the registrar's
 * procedure; these are this installation's settings.
 */
export const OBJECTION_PARAMS: TObjectionParams = { acceptWorkingDays: 5, decideWorkingDays: 15 };

/** A step the workflow refuses, with the reason in Chinese and English. */
export class CreditStepError extends Error {
  constructor(
    readonly kind: 'not_found' | 'refused' | 'invalid',
    readonly refusal: TRefusal,
  ) {
    super(`${refusal.zh} / ${refusal.en}`);
    this.name = 'CreditStepError';
  }
}

/** Where one association stands: its ledger and the timeline computed from it. */
export type TCreditState = {
  associationId: number;
  ledger: TCreditLedger;
  params: TCreditParams;
  timeline: TCreditTimeline;
};

type TAssociationRef = { id: number; uscc: string; regionCode: string };

function paramsFor(regionCode: string, asOf: TDate): TCreditParams {
  return creditParams(resolvePack({ regionCode, asOf }).parameters.cred);
}

/** The ledger and timeline of one association on `asOf`. */
export async function loadCreditState(
  q: Queryable,
  options: { association: TAssociationRef; asOf: TDate; calendar?: TWorkingDayCalendar },
): Promise<TCreditState> {
  const ledger = await loadCreditLedger(q, options.association.id);
  const params = paramsFor(options.association.regionCode, options.asOf);
  const timeline = creditTimeline({
    grounds: ledger.grounds,
    events: ledger.events,
    asOf: options.asOf,
    calendar: options.calendar ?? OFFICIAL_CALENDAR,
    params,
  });
  return { associationId: options.association.id, ledger, params, timeline };
}

function entryKeyFor(uscc: string, list: TCreditList, on: TDate, ledger: TCreditLedger): string {
  const used = new Set(
    ledger.events.flatMap((e) => (e.kind === 'listed' || e.kind === 'escalated' ? [e.entryId] : [])),
  );
  const base = `CR-${uscc}-${list === 'abnormal' ? 'A' : 'S'}-${on}`;
  let key = base;
  for (let n = 2; used.has(key); n += 1) key = `${base}-${n}`;
  return key;
}

/** The event that carries out a due action on `on`, or null when it is not for the timer to do. */
function eventForDue(due: TDueAction, on: TDate, uscc: string, ledger: TCreditLedger): TCreditEvent[] {
  if (due.state !== 'due' && due.state !== 'overdue') return [];
  switch (due.action) {
    case 'list':
      return [
        {
          kind: 'listed',
          on,
          list: due.list,
          entryId: entryKeyFor(uscc, due.list, on, ledger),
          groundIds: due.groundIds,
        },
      ];
    case 'add_ground':
      return due.groundIds.map((groundId) => ({ kind: 'ground_added' as const, on, groundId }));
    case 'escalate':
      return [{ kind: 'escalated', on, entryId: entryKeyFor(uscc, 'serious', on, ledger) }];
    case 'remove':
      // Removal on application is the registrar's decision on the repair application.
      if (
        due.removalReason === 'automatic' ||
        due.removalReason === 'rectified' ||
        due.removalReason === 'deregistered'
      )
        return [{ kind: 'removed', on, list: due.list, reason: due.removalReason }];
      return [];
    case 'may_apply':
      return [];
  }
}

const EVENT_ACTIONS: Record<TCreditEvent['kind'], string> = {
  listed: 'credit.list',
  ground_added: 'credit.add_ground',
  obligation_verified: 'credit.verify_obligation',
  escalated: 'credit.escalate',
  removal_applied: 'credit.apply_removal',
  removed: 'credit.remove',
  deregistered: 'credit.deregistered',
};

/**
 * Checks `event` against the ledger (the core refuses contradictions), then records it, its mirror
 * and its audit event. Returns the state after it.
 */
async function appendEvent(
  tx: Queryable,
  options: {
    association: TAssociationRef;
    state: TCreditState;
    event: TCreditEvent;
    actor: AuditActor;
    asOf: TDate;
    calendar: TWorkingDayCalendar;
  },
): Promise<TCreditState> {
  const { association, state, event, actor, calendar } = options;
  const asOf = maxDate(event.on, options.asOf);
  const events = [...state.ledger.events, event];
  let timeline: TCreditTimeline;
  try {
    timeline = creditTimeline({
      grounds: state.ledger.grounds,
      events,
      asOf,
      calendar,
      params: state.params,
    });
  } catch (error) {
    if (error instanceof CreditInputError)
      throw new CreditStepError('refused', { code: 'inconsistent', zh: error.problem, en: error.problem });
    throw error;
  }
  const before = creditTimeline({
    grounds: state.ledger.grounds,
    events: state.ledger.events,
    asOf: event.on,
    calendar,
    params: state.params,
  });
  await recordCreditEvent(tx, {
    associationId: association.id,
    event,
    actorLabel: actor.label,
    grounds: new Map(state.ledger.grounds.map((g) => [g.id, g])),
    currentEntries: { abnormal: before.abnormal?.entryId ?? null, serious: before.serious?.entryId ?? null },
  });
  await appendAuditEvent(tx, {
    actor,
    action: EVENT_ACTIONS[event.kind],
    entity: 'association',
    entityId: association.uscc,
    detail: { event },
  });
  return { ...state, ledger: { grounds: state.ledger.grounds, events }, timeline };
}

/** Carries out every due timer action of one association on `asOf`; returns the events recorded. */
async function applyDue(
  tx: Queryable,
  options: {
    association: TAssociationRef;
    asOf: TDate;
    actor: AuditActor;
    calendar: TWorkingDayCalendar;
  },
): Promise<TCreditEvent[]> {
  const { association, asOf, actor, calendar } = options;
  let state = await loadCreditState(tx, { association, asOf, calendar });
  const recorded: TCreditEvent[] = [];
  // Each step changes what is due (an escalation opens a serious listing); a few rounds settle it.
  for (let round = 0; round < 6; round += 1) {
    const next = state.timeline.due.flatMap((d) => eventForDue(d, asOf, association.uscc, state.ledger))[0];
    if (!next) break;
    state = await appendEvent(tx, { association, state, event: next, actor, asOf, calendar });
    recorded.push(next);
  }
  return recorded;
}

export type TCreditTickResult = {
  asOf: TDate;
  calendarId: string;
  associations: number;
  groundsFound: number;
  events: { uscc: string; event: TCreditEvent }[];
};

const CHUNK = 200;

/**
 * The daily run: finds the CRED grounds in every association's facts (a ground is kept from the day
 * it is first found), then applies the timers to every association with a ledger. Re-running it on
 * the same day changes nothing.
 */
export async function tickCredit(options: {
  db: Db;
  asOf: TDate;
  actor: AuditActor;
  calendar?: TWorkingDayCalendar;
}): Promise<TCreditTickResult> {
  const { db, asOf, actor } = options;
  const calendar = options.calendar ?? OFFICIAL_CALENDAR;
  return db.transaction(async (tx) => {
    const ids = await listAssociationIds(tx, { kind: 'all' });
    const organs = await loadOrganIndex(tx);
    const refs = new Map<number, TAssociationRef>();
    let groundsFound = 0;
    for (let start = 0; start < ids.length; start += CHUNK) {
      for (const { associationId, facts } of await loadFacts(tx, {
        ids: ids.slice(start, start + CHUNK),
        organs,
      })) {
        const association = facts.association;
        refs.set(associationId, {
          id: associationId,
          uscc: association.uscc,
          regionCode: association.regionCode,
        });
        const pack = resolvePack({ regionCode: association.regionCode, asOf });
        const params = pack.parameters;
        const context: TRuleContext = {
          facts,
          asOf,
          pack,
          params,
          calendar,
          scope: decideScope({ association, params }),
          decoupledOn: null,
          earlier: [],
          cache: new Map(),
        };
        // Listings recorded before the ledger (imported credit facts) already answer their grounds.
        const imported = facts.creditEntries.filter((e) => !e.id.startsWith('CR-'));
        const unlisted = (list: TCreditList) => (hit: { ground: string; groundOn: string | null }) =>
          !imported.some(
            (e) =>
              e.list === list &&
              e.ground === hit.ground &&
              (hit.groundOn === null || e.listedOn >= hit.groundOn),
          );
        const grounds = groundsFromRuleHits({
          abnormal: abnormalGrounds(context).filter(unlisted('abnormal')),
          serious: seriousGrounds(context).filter(unlisted('serious')),
          foundOn: asOf,
        });
        if (grounds.length === 0) continue;
        await lockCreditLedger(tx, associationId);
        const inserted = await insertCreditGrounds(tx, { associationId, grounds, source: 'rules' });
        groundsFound += inserted.length;
        if (inserted.length > 0) {
          await appendAuditEvent(tx, {
            actor,
            action: 'credit.ground_found',
            entity: 'association',
            entityId: association.uscc,
            detail: { asOf, grounds: inserted },
          });
        }
      }
    }
    const events: TCreditTickResult['events'] = [];
    const withLedger = await listCreditAssociationIds(tx);
    for (const id of withLedger) {
      const association = refs.get(id);
      if (!association) continue;
      await lockCreditLedger(tx, id);
      for (const event of await applyDue(tx, { association, asOf, actor, calendar })) {
        events.push({ uscc: association.uscc, event });
      }
    }
    return { asOf, calendarId: calendar.id, associations: withLedger.length, groundsFound, events };
  });
}

type TStepContext = {
  db: Db;
  association: TAssociationRef;
  on: TDate;
  actor: AuditActor;
  calendar?: TWorkingDayCalendar;
};

async function withLockedState<T>(
  ctx: TStepContext,
  fn: (tx: Queryable, state: TCreditState, calendar: TWorkingDayCalendar) => Promise<T>,
): Promise<T> {
  const calendar = ctx.calendar ?? OFFICIAL_CALENDAR;
  return ctx.db.transaction(async (tx) => {
    await lockCreditLedger(tx, ctx.association.id);
    const state = await loadCreditState(tx, { association: ctx.association, asOf: ctx.on, calendar });
    return fn(tx, state, calendar);
  });
}

/**
 * The registrar verified that the obligation behind a curable ground was fulfilled; where that was
 * the last one, the removal is recorded at once (CRED-2, CRED-4: verified rectification).
 */
export async function verifyObligation(ctx: TStepContext & { groundKey: string }): Promise<TCreditEvent[]> {
  return withLockedState(ctx, async (tx, state, calendar) => {
    const ground = state.ledger.grounds.find((g) => g.id === ctx.groundKey);
    if (!ground)
      throw new CreditStepError('not_found', {
        code: 'unknown_ground',
        zh: `没有列入事由 ${ctx.groundKey}`,
        en: `No ground ${ctx.groundKey}`,
      });
    const listing = state.timeline[ground.list];
    if (!listing?.groundIds.includes(ground.id))
      throw new CreditStepError('refused', {
        code: 'not_listed',
        zh: '该事由不在当前的列入记录中',
        en: 'The ground is not on a current listing',
      });
    const event: TCreditEvent = { kind: 'obligation_verified', on: ctx.on, groundId: ground.id };
    await appendEvent(tx, {
      association: ctx.association,
      state,
      event,
      actor: ctx.actor,
      asOf: ctx.on,
      calendar,
    });
    const more = await applyDue(tx, {
      association: ctx.association,
      asOf: ctx.on,
      actor: ctx.actor,
      calendar,
    });
    return [event, ...more];
  });
}

/** A ground a registrar records by hand (e.g. "other legal grounds"); the tick then lists it. */
export async function recordGround(
  ctx: TStepContext & { ground: TCreditGroundRecord },
): Promise<TCreditEvent[]> {
  return withLockedState(ctx, async (tx, _state, calendar) => {
    const inserted = await insertCreditGrounds(tx, {
      associationId: ctx.association.id,
      grounds: [ctx.ground],
      source: 'registrar',
    });
    if (inserted.length === 0)
      throw new CreditStepError('refused', {
        code: 'duplicate_ground',
        zh: `事由 ${ctx.ground.id} 已记录`,
        en: `Ground ${ctx.ground.id} is already recorded`,
      });
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      action: 'credit.record_ground',
      entity: 'association',
      entityId: ctx.association.uscc,
      detail: { ground: ctx.ground },
    });
    return applyDue(tx, { association: ctx.association, asOf: ctx.on, actor: ctx.actor, calendar });
  });
}

/** Objections and repair applications of one association. */
export async function listCreditCases(
  q: Queryable,
  associationId: number,
): Promise<{ objections: TStoredObjection[]; repairs: TStoredRepair[] }> {
  const objections = await listObjections(q, { associationId, basis: OBJECTION_BASIS });
  const repairs = await listRepairs(q, {
    associationId,
    basisOf: (list) => removalBasis(list, list === 'serious' ? 'application' : 'rectified'),
  });
  return { objections, repairs };
}

/** Files an objection against the current listing on `list`. */
export async function fileCreditObjection(
  ctx: TStepContext & { list: TCreditList; statement: TTemplate },
): Promise<TStoredObjection> {
  return withLockedState(ctx, async (tx, state, calendar) => {
    const existing = await listObjections(tx, { associationId: ctx.association.id, basis: OBJECTION_BASIS });
    const step = fileObjection({
      id: 'new',
      list: ctx.list,
      filedOn: ctx.on,
      statement: ctx.statement,
      timeline: state.timeline,
      existing,
      calendar,
      params: OBJECTION_PARAMS,
    });
    if (!step.ok) throw new CreditStepError('refused', step.refusal);
    const id = await insertObjection(tx, { associationId: ctx.association.id, objection: step.value });
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      action: 'credit.objection_file',
      entity: 'credit_objection',
      entityId: id,
      detail: { uscc: ctx.association.uscc, list: ctx.list, entryKey: step.value.entryId },
    });
    return { ...step.value, id: String(id), associationId: ctx.association.id };
  });
}

/** Takes the registrar's next step on an objection; upholding it withdraws the listing. */
export async function decideCreditObjection(
  ctx: Omit<TStepContext, 'association'> & {
    objectionId: number;
    action: TObjectionAction;
    association: (id: number) => Promise<TAssociationRef>;
  },
): Promise<TStoredObjection> {
  const objection = await findObjection(ctx.db, { id: ctx.objectionId, basis: OBJECTION_BASIS });
  if (!objection)
    throw new CreditStepError('not_found', { code: 'not_found', zh: '没有该异议', en: 'No such objection' });
  const association = await ctx.association(objection.associationId);
  return withLockedState({ ...ctx, association }, async (tx, state, calendar) => {
    const step = decideObjection({
      objection,
      action: ctx.action,
      on: ctx.on,
      calendar,
      params: OBJECTION_PARAMS,
    });
    if (!step.ok) throw new CreditStepError('refused', step.refusal);
    if (step.event)
      await appendEvent(tx, {
        association,
        state,
        event: step.event,
        actor: ctx.actor,
        asOf: ctx.on,
        calendar,
      });
    await updateObjection(tx, step.value);
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      action: `credit.objection_${ctx.action.type}`,
      entity: 'credit_objection',
      entityId: objection.id,
      detail: { uscc: association.uscc, state: step.value.state },
    });
    return { ...step.value, associationId: association.id };
  });
}

/** An application for removal (credit repair), checked against the timeline. */
export async function submitCreditRepair(ctx: TStepContext & { list: TCreditList }): Promise<TStoredRepair> {
  return withLockedState(ctx, async (tx, state, calendar) => {
    const step = submitRepair({ id: 'new', list: ctx.list, on: ctx.on, timeline: state.timeline });
    if (!step.ok) throw new CreditStepError('refused', step.refusal);
    if (step.event)
      await appendEvent(tx, {
        association: ctx.association,
        state,
        event: step.event,
        actor: ctx.actor,
        asOf: ctx.on,
        calendar,
      });
    const id = await insertRepair(tx, { associationId: ctx.association.id, application: step.value });
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      action: 'credit.repair_submit',
      entity: 'credit_repair',
      entityId: id,
      detail: { uscc: ctx.association.uscc, list: ctx.list, dueOn: step.value.dueOn },
    });
    return { ...step.value, id: String(id), associationId: ctx.association.id };
  });
}

/** Approves (recording the removal) or refuses a repair application. */
export async function decideCreditRepair(
  ctx: Omit<TStepContext, 'association'> & {
    repairId: number;
    decision: { type: 'approve' } | { type: 'refuse'; reason: TTemplate };
    association: (id: number) => Promise<TAssociationRef>;
  },
): Promise<TStoredRepair> {
  const basisOf = (list: TCreditList) => removalBasis(list, list === 'serious' ? 'application' : 'rectified');
  const application = await findRepair(ctx.db, { id: ctx.repairId, basisOf });
  if (!application)
    throw new CreditStepError('not_found', {
      code: 'not_found',
      zh: '没有该申请',
      en: 'No such application',
    });
  const association = await ctx.association(application.associationId);
  return withLockedState({ ...ctx, association }, async (tx, state, calendar) => {
    const step = decideRepair({ application, decision: ctx.decision, on: ctx.on });
    if (!step.ok) throw new CreditStepError('refused', step.refusal);
    if (step.event)
      await appendEvent(tx, {
        association,
        state,
        event: step.event,
        actor: ctx.actor,
        asOf: ctx.on,
        calendar,
      });
    await updateRepair(tx, step.value);
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      action: `credit.repair_${ctx.decision.type}`,
      entity: 'credit_repair',
      entityId: application.id,
      detail: { uscc: association.uscc, state: step.value.state },
    });
    return { ...step.value, associationId: association.id };
  });
}
