import { generateChecklist } from '../core/cases/checklist.ts';
import { evidenceTypeOf } from '../core/cases/evidence.ts';
import type { TActorRole, TCaseState } from '../core/cases/types.ts';
import { resolvePack } from '../core/policy/packs.ts';
import type { Db } from '../db/database.ts';
import { listAssociationIds } from '../db/repositories/findings.repository.ts';
import {
  addCaseEvidence,
  CaseWorkflowError,
  chinaInstant,
  type MoveCaseOptions,
  moveCase,
  moveCaseItem,
  openDecouplingCase,
  type TCaseActor,
} from '../jobs/cases.ts';
import { raiseCaseNotices } from '../jobs/cases-notices.ts';

/**
 * Demo decoupling cases in every state, made through the workflow (so each has its history, audit
 * events, evidence files and notices): the demo association's own case is being carried out with part
 * of its checklist done, and cases of other associations under the demo organ stand listed, drafting,
 * submitted, returned, approved, under verification, decoupled, blocked and exempt. Then the daily job
 * raises the overdue notices. Nothing happens when the demo cases exist already.
 */
export async function seedCasesDemo(db: Db): Promise<void> {
  const existing = await db.query("SELECT 1 FROM decoupling_cases WHERE ref LIKE 'DEMO-%' LIMIT 1");
  if (existing.rows.length > 0) return;
  const accounts = await db.query<{
    username: string;
    scope_association_id: number | null;
    scope_organ_id: number | null;
  }>(
    "SELECT username, scope_association_id, scope_organ_id FROM users WHERE username IN ('association', 'organ')",
  );
  const ownAssociation = accounts.rows.find((a) => a.username === 'association')?.scope_association_id;
  const organId = accounts.rows.find((a) => a.username === 'organ')?.scope_organ_id;
  const underOrgan = organId ? await listAssociationIds(db, { kind: 'organ', organId: Number(organId) }) : [];
  const others = (await listAssociationIds(db, { kind: 'all' })).filter((id) => !underOrgan.includes(id));
  const pool = [...underOrgan, ...others].filter((id) => id !== Number(ownAssociation));
  if (pool.length === 0) return;
  console.log('  decoupling cases for the demo…');

  const at = chinaInstant(new Date());
  // Moves are made as the demo accounts of each role, so the history names who acted.
  const ids = new Map(
    (
      await db.query<{ id: number; username: string }>(
        "SELECT id, username FROM users WHERE username IN ('association', 'organ', 'regulator', 'admin')",
      )
    ).rows.map((r) => [r.username, Number(r.id)]),
  );
  const actor = (role: TActorRole): TCaseActor => {
    const userId = ids.get(role) ?? ids.get('admin') ?? null;
    return { userId, role, label: ids.has(role) ? role : 'admin' };
  };
  const move = (caseId: number, to: TCaseState, role: TActorRole, extra: Partial<MoveCaseOptions> = {}) =>
    moveCase({ db, caseId, to, actor: actor(role), at, ...extra });
  const sample = (mimeType: string, marker: string): Uint8Array => {
    const text = new TextEncoder().encode(` ${marker}`);
    const heads: Record<string, number[]> = {
      pdf: [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a],
      png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      jpeg: [0xff, 0xd8, 0xff, 0xe0],
      docx: [0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('word/document.xml')],
      xlsx: [0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('xl/workbook.xml')],
    };
    const type = evidenceTypeOf(mimeType) ?? 'pdf';
    const head = heads[type] ?? [];
    return new Uint8Array([...head, ...text]);
  };
  const extension: Record<string, string> = {
    pdf: '.pdf',
    png: '.png',
    jpeg: '.jpg',
    docx: '.docx',
    xlsx: '.xlsx',
    csv: '.csv',
    txt: '.txt',
  };

  async function open(associationId: number, batch: string, ref: string): Promise<number> {
    return openDecouplingCase({ db, associationId, batch, ref, actor: actor('regulator'), at });
  }
  async function submitPlan(caseId: number, ref: string): Promise<void> {
    await move(caseId, 'plan_drafted', 'association');
    await addCaseEvidence({
      db,
      caseId,
      itemKey: null,
      kind: 'plan_document',
      fileName: `${ref} 脱钩实施方案.pdf`,
      declaredType: 'application/pdf',
      content: sample('application/pdf', ref),
      actor: actor('association'),
      at,
    });
    await move(caseId, 'plan_submitted', 'association');
  }
  async function approve(caseId: number, ref: string): Promise<void> {
    await submitPlan(caseId, ref);
    await move(caseId, 'plan_approved', 'regulator', { approvalRef: `民社函〔2019〕${ref.slice(-2)}号` });
    await move(caseId, 'executing', 'association');
  }
  /** Submits the evidence of the first `count` items (all when omitted) and signs off those asked. */
  async function work(caseId: number, regionCode: string, options: { count?: number; signOff: boolean }) {
    const items = generateChecklist({ pack: resolvePack({ regionCode, asOf: at.slice(0, 10) }) }).slice(
      0,
      options.count,
    );
    for (const item of items) {
      for (const requirement of item.evidence) {
        const mimeType = requirement.mimeTypes[0]!;
        const type = evidenceTypeOf(mimeType) ?? 'pdf';
        await addCaseEvidence({
          db,
          caseId,
          itemKey: item.id,
          kind: requirement.kind,
          fileName: `${requirement.title.zh}${extension[type]}`,
          declaredType: mimeType,
          content: sample(mimeType, `${caseId}/${item.id}/${requirement.kind}`),
          actor: actor(item.owner),
          at,
        });
      }
      if (options.signOff) {
        await moveCaseItem({
          db,
          caseId,
          itemKey: item.id,
          to: 'signed_off',
          actor: actor(item.signOff.signers[0]!),
          at,
        });
      }
    }
  }
  const regionOf = async (associationId: number) =>
    (
      await db.query<{ region_code: string }>('SELECT region_code FROM associations WHERE id = $1', [
        associationId,
      ])
    ).rows[0]!.region_code;

  if (ownAssociation) {
    const id = await open(Number(ownAssociation), 'rollout-2019', 'DEMO-2019-00');
    await approve(id, 'DEMO-2019-00');
    await work(id, await regionOf(Number(ownAssociation)), { count: 6, signOff: true });
  }
  const plan: { state: TCaseState; batch: string }[] = [
    { state: 'listed', batch: 'rollout-2019' },
    { state: 'plan_drafted', batch: 'rollout-2019' },
    { state: 'plan_submitted', batch: 'rollout-2019' },
    { state: 'plan_returned', batch: 'pilot-2017-3' },
    { state: 'executing', batch: 'rollout-2019' },
    { state: 'verification', batch: 'pilot-2016-2' },
    { state: 'decoupled', batch: 'rollout-2019' },
    { state: 'blocked', batch: 'pilot-2015-1' },
    { state: 'exempt', batch: 'rollout-2019' },
    { state: 'listed', batch: 'dual-management' },
  ];
  for (const [index, { state, batch }] of plan.entries()) {
    const associationId = pool[index % pool.length]!;
    const ref = `DEMO-${batch.replace(/\D/g, '').slice(0, 4) || 'DUAL'}-${String(index + 1).padStart(2, '0')}`;
    const id = await open(associationId, batch, ref);
    const region = await regionOf(associationId);
    try {
      await walk(id, ref, region, state);
    } catch (error) {
      // A demo database screened before may hold findings that refuse a move (an open violation
      // refuses closure); the case stays where the workflow stopped.
      if (!(error instanceof CaseWorkflowError)) throw error;
      console.log(`  ${ref} stays short of ${state}: ${error.en}`);
    }
  }
  await raiseCaseNotices({ db, asOf: at.slice(0, 10), actor: { id: null, label: 'demo' } });

  async function walk(id: number, ref: string, region: string, state: TCaseState): Promise<void> {
    switch (state) {
      case 'listed':
        break;
      case 'plan_drafted':
        await move(id, 'plan_drafted', 'association');
        break;
      case 'plan_submitted':
        await submitPlan(id, ref);
        break;
      case 'plan_returned':
        await submitPlan(id, ref);
        await move(id, 'plan_returned', 'regulator', { reason: '方案未列明事业单位划转安排，请补充后重报' });
        break;
      case 'executing':
        await approve(id, ref);
        await work(id, region, { count: 4, signOff: false });
        break;
      case 'verification':
        await approve(id, ref);
        await work(id, region, { signOff: false });
        await move(id, 'verification', 'association');
        break;
      case 'decoupled':
        await approve(id, ref);
        await work(id, region, { signOff: true });
        await move(id, 'verification', 'association');
        await move(id, 'decoupled', 'regulator');
        break;
      case 'blocked':
        await submitPlan(id, ref);
        await move(id, 'blocked', 'regulator', {
          blockedReason: 'policy_gap',
          reason: '所办事业单位划转去向尚无政策依据，待省级联合工作组研究',
        });
        break;
      case 'exempt':
        await move(id, 'exempt', 'regulator', {
          approvalRef: '中央编办复字〔2020〕3号',
          reason: '承担特殊职能，经批准暂不脱钩',
        });
        break;
      default:
        break;
    }
  }
}
