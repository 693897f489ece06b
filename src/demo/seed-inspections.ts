import { createHash } from 'node:crypto';
import type { TInspectionOutcome } from '../core/inspections/index.ts';
import { addDays } from '../core/policy/dates.ts';
import type { Db } from '../db/database.ts';
import { listDraws, listSelections } from '../db/repositories/inspections.repository.ts';
import {
  addInspector,
  assignInspectors,
  createDraw,
  declareConflict,
  publishDraw,
  recordResult,
  revealDraw,
  type TInspectionActor,
} from '../jobs/inspections.ts';

const DEMO_ACTOR: TInspectionActor = {
  id: null,
  label: 'demo',
  userId: null,
  role: 'system',
  region: '100000',
};

/** A fixed seed per demo draw, so the demo is the same on every machine (a real seed is random). */
function demoSeed(name: string): string {
  return createHash('sha256').update(`tuogou demo seed: ${name}`).digest('hex');
}

const OUTCOME_CYCLE: readonly TInspectionOutcome[] = [
  'compliant',
  'compliant',
  'rectification_ordered',
  'compliant',
  'referred_for_penalty',
  'compliant',
];

const SUMMARIES: Record<TInspectionOutcome, { zh: string; en: string }> = {
  compliant: {
    zh: '章程执行、财务管理、收费公示及脱钩后“五分离”情况符合要求。',
    en: 'Charter, finances, published fees and the five separations after decoupling meet the requirements.',
  },
  rectification_ordered: {
    zh: '收费项目未按规定公示，会费标准未经会员大会表决；责令限期整改。',
    en: 'Fee items were not published and the dues standard was not voted by the general assembly; rectification ordered.',
  },
  referred_for_penalty: {
    zh: '发现强制入会并摊派收费，移送登记管理机关立案查处。',
    en: 'Compulsory membership with levied fees found; referred to the registration authority for penalty.',
  },
  not_found: {
    zh: '在登记住所未能找到该组织，另行核查。',
    en: 'The organisation was not found at its registered address; checked separately.',
  },
};

/**
 * The random inspections of the demo: an inspector pool (the demo `inspector` account among them, one
 * declared conflict), this year's national yearly draw made, inspected and published, and an
 * irregular draw of the largest industry committed but not yet drawn. Does nothing when draws exist.
 */
export async function seedDemoInspections(db: Db, today: string = new Date().toISOString().slice(0, 10)) {
  if ((await listDraws(db, { region: '100000' })).length > 0) return { created: false as const };
  const organs = (
    await db.query<{ code: string }>(
      `SELECT code FROM organs WHERE is_administrative AND level = 'national' ORDER BY code LIMIT 8`,
    )
  ).rows;
  if (organs.length === 0) return { created: false as const };
  const inspectorAccount = (
    await db.query<{ username: string }>(
      `SELECT username FROM users WHERE username = 'inspector' AND role = 'inspector'`,
    )
  ).rows[0];
  for (let i = 0; i < 10; i += 1) {
    await addInspector({
      db,
      actor: DEMO_ACTOR,
      code: `INSP-${String(i + 1).padStart(3, '0')}`,
      displayName: `检查人员 ${String(i + 1).padStart(3, '0')}`,
      organCode: organs[i % organs.length]!.code,
      regionCode: '100000',
      username: i === 0 ? (inspectorAccount?.username ?? null) : null,
    });
  }
  const year = Number(today.slice(0, 4));
  const publishedOn = `${year}-03-02` <= today ? `${year}-03-02` : today;
  const yearly = await createDraw({
    db,
    actor: DEMO_ACTOR,
    kind: 'yearly',
    year,
    jurisdiction: '100000',
    today: publishedOn,
    seed: demoSeed(`yearly ${year}`),
  });
  const drawn = await revealDraw({ db, actor: DEMO_ACTOR, code: yearly.code });
  const selections = await listSelections(db, drawn.id);
  const conflicted = selections[0];
  if (conflicted) {
    await declareConflict({
      db,
      actor: DEMO_ACTOR,
      inspectorCode: 'INSP-002',
      uscc: conflicted.uscc,
      kind: 'declared_conflict',
      note: '曾为该会提供咨询服务',
      today: publishedOn,
    });
  }
  await assignInspectors({ db, actor: DEMO_ACTOR, code: yearly.code, count: 2, maxPerInspector: null });
  for (const [index, selection] of selections.entries()) {
    const outcome = OUTCOME_CYCLE[index % OUTCOME_CYCLE.length]!;
    const inspectedOn =
      addDays(publishedOn, 30 + index * 3) <= today ? addDays(publishedOn, 30 + index * 3) : today;
    await recordResult({
      db,
      actor: DEMO_ACTOR,
      code: yearly.code,
      uscc: selection.uscc,
      inspectedOn,
      outcome,
      summaryZh: SUMMARIES[outcome].zh,
      summaryEn: SUMMARIES[outcome].en,
      rectifyBy: outcome === 'rectification_ordered' ? addDays(inspectedOn, 60) : null,
    });
  }
  await publishDraw({ db, actor: DEMO_ACTOR, code: yearly.code });
  const industry = (
    await db.query<{ industry: string }>(
      `SELECT industry FROM associations WHERE status = 'active' AND industry IS NOT NULL
       GROUP BY industry ORDER BY count(*) DESC, industry LIMIT 1`,
    )
  ).rows[0];
  const irregular = industry
    ? await createDraw({
        db,
        actor: DEMO_ACTOR,
        kind: 'irregular',
        year,
        jurisdiction: '100000',
        category: industry.industry,
        ratio: 0.2,
        today,
      })
    : null;
  return {
    created: true as const,
    yearly: yearly.code,
    selections: selections.length,
    irregular: irregular?.code ?? null,
  };
}
