/**
 * Demo data of the public portal: complaints about a few associations in every state of their
 * workflow (two resolved with published outcomes, one dismissed, the others open in the regulator's
 * inbox), and the credit lists as the daily run finds them in the demo facts, plus one listing with
 * an objection under way. Runs once: a database that already has complaints is left as it is.
 */

import { createHash } from 'node:crypto';
import { classifyComplaint, type TComplaintFeeItem } from '../core/complaints/classify.ts';
import { generateTrackingCode } from '../core/complaints/tracking-code.ts';
import {
  receiveComplaint,
  type TComplaint,
  type TComplaintAction,
  transitionComplaint,
} from '../core/complaints/workflow.ts';
import { addDays } from '../core/policy/dates.ts';
import type { TFeeCategory } from '../core/policy/facts.ts';
import type { Db } from '../db/database.ts';
import { appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  insertComplaint,
  listComplaintFeeItems,
  updateComplaint,
} from '../db/repositories/complaints.repository.ts';
import { OFFICIAL_CALENDAR } from '../jobs/calendar.ts';
import { fileCreditObjection, recordGround, tickCredit } from '../jobs/credit.ts';
import { COMPLAINT_PARAMS } from '../server/handlers/public.handlers.ts';

export type TPortalSeedResult = { complaints: number; creditEvents: number; skipped: boolean };

type TScript = {
  text: string;
  topic: 'fee' | 'personnel' | 'function' | null;
  daysAgo: number;
  steps: { after: number; action: TComplaintAction }[];
};

const SCRIPTS: readonly TScript[] = [
  {
    text: '协会举办的年度评选活动要求参评企业缴纳评选费，不交就不能参评，请核查。',
    topic: 'fee',
    daysAgo: 60,
    steps: [
      { after: 1, action: { type: 'assign', assignee: 'regulator' } },
      { after: 3, action: { type: 'start' } },
      {
        after: 20,
        action: {
          type: 'resolve',
          outcome: {
            zh: '经查，该协会以评比表彰名义收取费用，违反规定。已责令停止收费并退还已收费用，协会已整改完毕。',
            en: 'Confirmed: the association charged for an award, which is prohibited. It was ordered to stop and refund the fees, and has done so.',
          },
        },
      },
    ],
  },
  {
    text: '协会强制会员企业订阅其出版的年鉴，每本1800元，不订阅就不给开具会员证明。',
    topic: 'fee',
    daysAgo: 45,
    steps: [
      { after: 2, action: { type: 'assign', assignee: 'regulator' } },
      { after: 4, action: { type: 'start' } },
      {
        after: 25,
        action: {
          type: 'resolve',
          outcome: {
            zh: '经查属实。已责令协会停止强制征订，向会员说明自愿原则，并对相关负责人进行约谈。',
            en: 'Confirmed. The association was ordered to stop compulsory subscriptions and to tell members that subscribing is voluntary; its officers were summoned for a talk.',
          },
        },
      },
    ],
  },
  {
    text: '他们的服务态度很差，电话总是没人接。',
    topic: null,
    daysAgo: 40,
    steps: [
      {
        after: 3,
        action: {
          type: 'dismiss',
          reason: {
            zh: '所反映情况不属于协会商会脱钩及收费监管事项，已告知通过其他渠道反映。',
            en: 'Not a matter of decoupling or fee supervision; the complainant was told where to turn instead.',
          },
        },
      },
    ],
  },
  {
    text: '协会秘书长由业务主管部门退休不满三年的干部担任，并领取薪酬。',
    topic: 'personnel',
    daysAgo: 12,
    steps: [
      { after: 1, action: { type: 'assign', assignee: 'regulator' } },
      { after: 2, action: { type: 'start' } },
    ],
  },
  {
    text: '办理行业资质前必须先到协会盖章并缴纳审查费，这是变相的行政审批前置。',
    topic: 'function',
    daysAgo: 6,
    steps: [{ after: 1, action: { type: 'assign', assignee: 'regulator' } }],
  },
  {
    text: '协会收取会员会费后没有提供任何服务，会费标准也没有公示。',
    topic: 'fee',
    daysAgo: 1,
    steps: [],
  },
];

/** A deterministic random source from a label, so the demo's tracking codes are the same on every load. */
function seededRandom(label: string): (max: number) => number {
  let counter = 0;
  return (max) => {
    const digest = createHash('sha256').update(`${label}:${counter++}`).digest();
    return digest.readUInt32BE(0) % max;
  };
}

/** Seeds the portal's demo complaints and credit lists as of `today`. */
export async function seedPortalDemo({ db, today }: { db: Db; today: string }): Promise<TPortalSeedResult> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM complaints');
  if ((existing.rows[0]?.n ?? 0) > 0) return { complaints: 0, creditEvents: 0, skipped: true };
  const regulator = await db.query<{ id: number }>(
    `SELECT id::int AS id FROM users WHERE username = 'regulator'`,
  );
  const regulatorId = regulator.rows[0]?.id ?? null;
  // Associations with published fee items, so that fee complaints can name one.
  const { rows: targets } = await db.query<{ id: number; uscc: string }>(
    `SELECT a.id::int AS id, a.uscc FROM associations AS a
     WHERE a.status = 'active' AND EXISTS (SELECT 1 FROM fee_items AS f WHERE f.association_id = a.id AND f.published)
     ORDER BY a.uscc LIMIT 3`,
  );
  if (targets.length === 0) return { complaints: 0, creditEvents: 0, skipped: true };

  let complaints = 0;
  for (const [i, script] of SCRIPTS.entries()) {
    const target = targets[i % targets.length]!;
    const receivedOn = addDays(today, -script.daysAgo);
    const feeItems: TComplaintFeeItem[] = (await listComplaintFeeItems(db, target.id)).map((f) => ({
      id: f.id,
      name: f.name,
      category: f.category as TFeeCategory,
    }));
    const classification = classifyComplaint({ text: script.text, topic: script.topic, feeItems });
    let complaint: TComplaint = receiveComplaint({
      trackingCode: generateTrackingCode({ random: seededRandom(`portal-demo:${i}`) }),
      associationUscc: target.uscc,
      receivedOn,
      classification,
      calendar: OFFICIAL_CALENDAR,
      params: COMPLAINT_PARAMS,
    });
    await db.transaction(async (tx) => {
      const id = await insertComplaint(tx, {
        complaint,
        associationId: target.id,
        topic: script.topic,
        body: script.text,
        compulsory: null,
        classification,
        contactCipher: null,
      });
      await appendAuditEvent(tx, {
        actor: { id: null, label: 'demo' },
        action: 'complaint.receive',
        entity: 'complaint',
        entityId: id,
        detail: { trackingCode: complaint.trackingCode, uscc: target.uscc, family: complaint.family },
      });
      for (const step of script.steps) {
        const on = addDays(receivedOn, step.after);
        const next = transitionComplaint({ complaint, action: step.action, on });
        if (!next.ok) throw new Error(`demo complaint ${i}: ${next.refusal.en}`);
        await updateComplaint(tx, {
          id,
          before: complaint,
          after: next.complaint,
          action: step.action.type,
          on,
          assigneeUserId: step.action.type === 'assign' ? regulatorId : null,
          resolveBy: next.complaint.resolveBy,
          actor: { id: regulatorId, label: 'regulator' },
          note: null,
        });
        await appendAuditEvent(tx, {
          actor: { id: regulatorId, label: 'regulator' },
          action: `complaint.${step.action.type}`,
          entity: 'complaint',
          entityId: id,
          detail: { trackingCode: complaint.trackingCode, from: complaint.state, to: next.complaint.state },
        });
        complaint = next.complaint;
      }
    });
    complaints += 1;
  }

  const actor = { id: null, label: 'demo' };
  // One association listed by a registrar a few weeks ago, with an objection under way.
  const listed = targets[0]!;
  const listedRef = { id: listed.id, uscc: listed.uscc, regionCode: '' };
  const region = await db.query<{ regionCode: string }>(
    'SELECT region_code AS "regionCode" FROM associations WHERE id = $1',
    [listed.id],
  );
  listedRef.regionCode = region.rows[0]!.regionCode;
  const arisenOn = addDays(today, -30);
  const events = await recordGround({
    db,
    association: listedRef,
    on: addDays(arisenOn, 2),
    actor,
    ground: {
      id: `demo:unreachable:${listed.uscc}`,
      list: 'abnormal',
      ground: 'unreachable',
      arisenOn,
      detail: {
        zh: `${arisenOn} 核实通过登记住所无法取得联系`,
        en: `verified unreachable at the registered address on ${arisenOn}`,
      },
    },
  });
  await fileCreditObjection({
    db,
    association: listedRef,
    on: addDays(today, -3),
    actor,
    list: 'abnormal',
    statement: {
      zh: '我会已于上月迁入新址并完成变更登记，可通过新住所联系。',
      en: 'We moved last month and registered the new address, where we can be reached.',
    },
  });
  const tick = await tickCredit({ db, asOf: today, actor });
  return { complaints, creditEvents: events.length + tick.events.length, skipped: false };
}
