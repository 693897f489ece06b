import { randomInt } from 'node:crypto';
import type { Context } from 'hono';
import { classifyComplaint, type TComplaintFeeItem } from '../../core/complaints/classify.ts';
import { generateTrackingCode, parseTrackingCode } from '../../core/complaints/tracking-code.ts';
import { publicComplaint, receiveComplaint, type TComplaintParams } from '../../core/complaints/workflow.ts';
import { validateUscc } from '../../core/ids/uscc.ts';
import type { TFeeCategory } from '../../core/policy/facts.ts';
import { appendAuditEvent } from '../../db/repositories/audit.repository.ts';
import {
  countComplaintsByState,
  findComplaintByTrackingCode,
  insertComplaint,
  listClosedComplaints,
  listComplaintFeeItems,
} from '../../db/repositories/complaints.repository.ts';
import {
  countOpenFindingsByFamily,
  findPublicCase,
  listImportedCreditEntries,
  listPublishedDues,
  listPublishedFees,
} from '../../db/repositories/public.repository.ts';
import {
  findAssociationByUscc,
  listPublicLinks,
  searchAssociations,
} from '../../db/repositories/registry-read.repository.ts';
import { OFFICIAL_CALENDAR } from '../../jobs/calendar.ts';
import { loadCreditState } from '../../jobs/credit.ts';
import type { TAppDeps, TAppEnv } from '../env.ts';
import { AppError } from '../errors.ts';
import { presentPublicAssociation } from '../presenters.ts';
import {
  createTokenBucketLimiter,
  DEFAULT_PORTAL_RATE_LIMITS,
  type TokenBucketLimiter,
  type TPortalRateLimits,
} from '../rate-limit.ts';
import { mergeCredit, presentHistory } from './credit.view.ts';
import { SCORECARD_BASIS, scorecardSeparations } from './public.scorecard.ts';
import type { THandlersOf } from './types.ts';

/**
 * Working days from receipt to assignment and to a decision. Settings of this installation, the same
 * everywhere so the portal can promise them.
 */
export const COMPLAINT_PARAMS: TComplaintParams = { assignWorkingDays: 3, resolveWorkingDays: 20 };

const STATE_NAMES = {
  received: { zh: '已受理', en: 'received' },
  assigned: { zh: '已分派', en: 'assigned' },
  investigating: { zh: '调查中', en: 'under investigation' },
  resolved: { zh: '已办结', en: 'resolved' },
  dismissed: { zh: '不予处理', en: 'dismissed' },
} as const;

function limit(limiter: TokenBucketLimiter, key: string, now: Date): void {
  const result = limiter.hit(key, now.getTime());
  if (!result.allowed) {
    throw new AppError('rate_limited', `Too many requests; try again in ${result.retryAfterSeconds} s`, {
      'Retry-After': String(result.retryAfterSeconds),
    });
  }
}

type THandlerIds =
  | 'publicSearchAssociations'
  | 'publicGetAssociation'
  | 'publicAssociationScorecard'
  | 'publicAssociationFees'
  | 'publicAssociationCredit'
  | 'publicAssociationComplaints'
  | 'publicFileComplaint'
  | 'publicTrackComplaint';

/**
 * The public portal's reads and the complaint form. They never touch persons or posts, answer only
 * with what the association publishes or the regulator decided, and are rate-limited per client.
 */
export function createPublicHandlers(
  deps: TAppDeps,
  limits: TPortalRateLimits = DEFAULT_PORTAL_RATE_LIMITS,
): THandlersOf<THandlerIds> {
  const { db } = deps;
  const publicLimiter = createTokenBucketLimiter(limits.publicApi);
  const complaintLimiter = createTokenBucketLimiter(limits.complaints);
  const today = () => deps.now().toISOString().slice(0, 10);
  const guard = (c: Context<TAppEnv>) => limit(publicLimiter, deps.clientIp(c), deps.now());

  async function associationOf(uscc: string) {
    const association = await findAssociationByUscc(db, uscc);
    if (!association) throw new AppError('not_found', 'No association has this USCC');
    return association;
  }

  return {
    publicSearchAssociations: async (c) => {
      guard(c);
      const query = c.req.valid('query');
      const { rows, total, totalIsEstimate } = await searchAssociations(db, {
        scope: { kind: 'all' },
        filters: { q: query.q, region: query.region, level: query.level, industry: query.industry },
        page: query.page,
        pageSize: query.pageSize,
      });
      return c.json(
        {
          items: rows.map(presentPublicAssociation),
          total,
          // Past a thousand matches `total` is an estimate, not a count.
          totalIsEstimate,
          page: query.page,
          pageSize: query.pageSize,
        },
        200,
      );
    },

    publicGetAssociation: async (c) => {
      guard(c);
      const association = await associationOf(c.req.valid('param').uscc);
      const links = await listPublicLinks(db, association.id);
      return c.json(
        {
          association: {
            ...presentPublicAssociation(association),
            address: association.address,
            registrar: association.registrar,
            foundedOn: association.foundedOn,
            registeredOn: association.registeredOn,
            memberCount: association.memberCount,
          },
          formerOrgans: links,
        },
        200,
      );
    },

    publicAssociationScorecard: async (c) => {
      guard(c);
      const association = await associationOf(c.req.valid('param').uscc);
      const caseRow = await findPublicCase(db, association.id);
      const findings = await countOpenFindingsByFamily(db, association.id);
      return c.json(
        {
          uscc: association.uscc,
          case: caseRow ?? null,
          separations: scorecardSeparations(caseRow, findings),
          basis: SCORECARD_BASIS,
        },
        200,
      );
    },

    publicAssociationFees: async (c) => {
      guard(c);
      const association = await associationOf(c.req.valid('param').uscc);
      const [fees, dues] = await Promise.all([
        listPublishedFees(db, association.id),
        listPublishedDues(db, association.id),
      ]);
      return c.json({ fees, dues }, 200);
    },

    publicAssociationCredit: async (c) => {
      guard(c);
      const association = await associationOf(c.req.valid('param').uscc);
      const asOf = today();
      const state = await loadCreditState(db, { association, asOf });
      const merged = mergeCredit(state, await listImportedCreditEntries(db, association.id), asOf);
      return c.json(
        {
          asOf,
          calendarId: state.timeline.calendarId,
          status: merged.status,
          abnormalSince: merged.abnormalSince,
          seriousSince: merged.seriousSince,
          history: merged.history.map(presentHistory),
        },
        200,
      );
    },

    publicAssociationComplaints: async (c) => {
      guard(c);
      const association = await associationOf(c.req.valid('param').uscc);
      const [closed, counts] = await Promise.all([
        listClosedComplaints(db, association.id),
        countComplaintsByState(db, association.id),
      ]);
      return c.json(
        {
          open: counts.received + counts.assigned + counts.investigating,
          closed: counts.resolved + counts.dismissed,
          items: closed.map((r) => ({
            receivedOn: r.receivedOn,
            state: r.state as 'resolved' | 'dismissed',
            family: r.family,
            feeRule: r.feeRule,
            closedOn: r.closedOn,
            outcome: r.outcomeZh === null ? null : { zh: r.outcomeZh, en: r.outcomeEn ?? r.outcomeZh },
            dismissalReason:
              r.dismissalZh === null ? null : { zh: r.dismissalZh, en: r.dismissalEn ?? r.dismissalZh },
          })),
        },
        200,
      );
    },

    publicFileComplaint: async (c) => {
      const ip = deps.clientIp(c);
      limit(complaintLimiter, ip, deps.now());
      guard(c);
      const form = c.req.valid('json');
      const checked = validateUscc(form.uscc);
      if (!checked.valid)
        throw new AppError('validation_failed', `json uscc: not a valid USCC: ${checked.message}`);
      const association = await associationOf(form.uscc);
      const receivedOn = today();
      const trackingCode = generateTrackingCode({ random: (n) => randomInt(n) });
      // A filled hidden field is software, not a person: it gets an ordinary-looking receipt and
      // nothing is stored, so it learns nothing to adapt to.
      if (form.website !== undefined && form.website.trim() !== '') {
        const decoy = receiveComplaint({
          trackingCode,
          associationUscc: association.uscc,
          receivedOn,
          classification: classifyComplaint({ text: form.text }),
          calendar: OFFICIAL_CALENDAR,
          params: COMPLAINT_PARAMS,
        });
        return c.json(receiptOf(decoy), 200);
      }
      const published = await listComplaintFeeItems(db, association.id);
      const feeItems: TComplaintFeeItem[] = published.map((f) => ({
        id: f.id,
        name: f.name,
        category: f.category as TFeeCategory,
      }));
      const feeItemRef = form.feeItemRef ?? null;
      const chosen = feeItemRef === null ? null : published.find((f) => f.ref === feeItemRef);
      if (chosen === undefined) {
        throw new AppError(
          'validation_failed',
          `json feeItemRef: "${feeItemRef}" is not a published fee item of this association`,
        );
      }
      const classification = classifyComplaint({
        text: form.text,
        topic: form.topic ?? null,
        feeItems,
        feeItemId: chosen?.id ?? null,
        compulsory: form.compulsory ?? null,
      });
      const complaint = receiveComplaint({
        trackingCode,
        associationUscc: association.uscc,
        receivedOn,
        classification,
        calendar: OFFICIAL_CALENDAR,
        params: COMPLAINT_PARAMS,
      });
      const contact = form.contact?.trim() ? form.contact.trim() : null;
      await db.transaction(async (tx) => {
        const id = await insertComplaint(tx, {
          complaint,
          associationId: association.id,
          topic: form.topic ?? null,
          body: form.text,
          compulsory: form.compulsory ?? null,
          classification,
          contactCipher: contact === null ? null : deps.protector.encrypt(contact),
        });
        // What was written stays out of the audit log: it may name people.
        await appendAuditEvent(tx, {
          actor: { id: null, label: 'public' },
          action: 'complaint.receive',
          entity: 'complaint',
          entityId: id,
          detail: {
            trackingCode,
            uscc: association.uscc,
            family: complaint.family,
            feeRule: complaint.feeRule,
            anonymous: contact === null,
          },
        });
      });
      return c.json(receiptOf(complaint), 200);
    },

    publicTrackComplaint: async (c) => {
      guard(c);
      const parsed = parseTrackingCode(c.req.valid('param').code);
      if (!parsed.valid) throw new AppError('validation_failed', `${parsed.zh} / ${parsed.en}`);
      const row = await findComplaintByTrackingCode(db, parsed.code);
      if (!row) throw new AppError('not_found', '没有该跟踪码的举报 / No complaint has this tracking code');
      const shown = publicComplaint(row);
      return c.json(
        {
          trackingCode: shown.trackingCode,
          association: { uscc: row.associationUscc, name: row.associationName },
          receivedOn: shown.receivedOn,
          state: shown.state,
          stateName: shown.stateName,
          family: shown.family,
          resolveBy: row.resolveBy,
          closedOn: shown.closedOn,
          outcome: shown.outcome,
          dismissalReason: shown.dismissalReason,
          history: row.history.map((h) => ({ on: h.on, state: h.state, stateName: STATE_NAMES[h.state] })),
        },
        200,
      );
    },
  };
}

function receiptOf(complaint: ReturnType<typeof receiveComplaint>) {
  return {
    trackingCode: complaint.trackingCode,
    receivedOn: complaint.receivedOn,
    state: complaint.state,
    stateName: STATE_NAMES[complaint.state],
    family: complaint.family,
    feeRule: complaint.feeRule,
    assignBy: complaint.assignBy,
    resolveBy: complaint.resolveBy,
  };
}
