import { randomBytes } from 'node:crypto';
import { regionName } from '../core/ids/regions.ts';
import {
  assignDrawInspectors,
  canonicalJson,
  checkInspectionRecord,
  commitSeed,
  DrawError,
  minimumQuota,
  prepareDraw,
  runDraw,
  type TDrawResult,
  type TFrameEntry,
  type TInspectionOutcome,
  type TInspectorAssignment,
  type TJson,
  type TStratum,
  yearlyDrawPlan,
} from '../core/inspections/index.ts';
import { resolvePack } from '../core/policy/packs.ts';
import { LEVELS, type TLevel } from '../core/registry/types.ts';
import type { Db, Queryable } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  countDrawsWithPrefix,
  findDrawByCode,
  findInspectorByCode,
  findInspectorByUserId,
  insertDraw,
  insertInspector,
  listAssignments,
  listFrameAssociations,
  listInspectorPools,
  listLinkedOrganCodes,
  listResults,
  listSelections,
  markDrawn,
  markPublished,
  replaceAssignments,
  type TDrawRow,
  type TInspectorRow,
  upsertConflict,
  upsertResult,
} from '../db/repositories/inspections.repository.ts';
import { findAssociationByUscc, regionCodeRange } from '../db/repositories/registry-read.repository.ts';

export type TInspectionErrorCode = 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'outside_scope';

/** A refused inspection step, in Chinese and English. */
export class InspectionError extends Error {
  constructor(
    readonly code: TInspectionErrorCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'InspectionError';
  }
}

/** Who acts: the audit actor, the account and the region it may act in ('100000': everywhere). */
export type TInspectionActor = AuditActor & {
  userId: number | null;
  role: 'regulator' | 'admin' | 'inspector' | 'system';
  region: string;
};

/** Whether the region `code` lies inside `region` ('100000': the whole country). */
export function insideRegion(code: string, region: string): boolean {
  const range = regionCodeRange(region);
  return !range || (code >= range.low && code <= range.high);
}

async function drawInScope(
  db: Queryable,
  code: string,
  actor: TInspectionActor,
  options: { forUpdate?: boolean } = {},
): Promise<TDrawRow> {
  const draw = await findDrawByCode(db, code, options);
  if (!draw)
    throw new InspectionError('not_found', `没有编号为 ${code} 的抽查`, `No draw has the id ${code}`);
  if (!insideRegion(draw.jurisdiction, actor.region)) {
    throw new InspectionError(
      'outside_scope',
      `抽查 ${code} 不在您的管辖范围内`,
      `The draw ${code} is outside your jurisdiction`,
    );
  }
  return draw;
}

const LEVEL_LABEL_ZH = { national: '全国性', provincial: '省级', municipal: '市级', county: '县级' } as const;

export type CreateDrawOptions = {
  db: Db;
  actor: TInspectionActor;
  kind: 'yearly' | 'irregular';
  year: number;
  /** GB/T 2260 code of the registrar's region; `100000` for the whole country. */
  jurisdiction: string;
  /** Irregular draws: the industry drawn from. */
  category?: string | null;
  /** Irregular draws: the share to draw per level instead of the policy pack's minimum ratios. */
  ratio?: number | null;
  /** The day the draw document is published, `YYYY-MM-DD`. */
  today: string;
  /** The secret seed; 32 random bytes in hex unless given (tests). */
  seed?: string;
};

/**
 * Creates a draw and commits to it: the frame (active associations of the jurisdiction, of the
 * category for an irregular draw), strata by level, quotas at the policy pack's minimum ratios (or
 * the ratio given), a fresh secret seed and its commitment. The canonical document and its SHA-256
 * are public from now on; the seed stays secret until the draw.
 */
export async function createDraw(options: CreateDrawOptions): Promise<TDrawRow> {
  const { db, actor, kind, year, jurisdiction, today } = options;
  const category = kind === 'irregular' ? (options.category?.trim() ?? '') : null;
  if (kind === 'irregular' && !category) {
    throw new InspectionError('invalid', '不定向抽查须指定行业类别', 'An irregular draw needs a category');
  }
  if (!insideRegion(jurisdiction, actor.region)) {
    throw new InspectionError(
      'outside_scope',
      `地区 ${jurisdiction} 不在您的管辖范围内`,
      `The region ${jurisdiction} is outside your jurisdiction`,
    );
  }
  const pack = resolvePack({ regionCode: jurisdiction, asOf: today });
  const ratioByLevel =
    options.ratio === undefined || options.ratio === null
      ? pack.parameters.insp.ratioByLevel
      : (Object.fromEntries(LEVELS.map((level) => [level, options.ratio as number])) as Record<
          TLevel,
          number
        >);
  const seed = options.seed ?? randomBytes(32).toString('hex');
  return db.transaction(async (tx) => {
    const associations = await listFrameAssociations(tx, { jurisdiction, category });
    if (associations.length === 0) {
      throw new InspectionError(
        'invalid',
        `${jurisdiction} 没有可抽取的在册社会组织${category ? `（类别：${category}）` : ''}`,
        `No active association is registered in ${jurisdiction}${category ? ` in the category ${category}` : ''}`,
      );
    }
    const frame: TFrameEntry[] = associations.map((a) => ({
      uscc: a.uscc,
      level: a.level,
      category: a.industry,
    }));
    let strata: TStratum[];
    let quotas: Record<string, number>;
    if (category === null) {
      ({ strata, quotas } = yearlyDrawPlan({ frame, ratioByLevel }));
    } else {
      strata = [];
      quotas = {};
      for (const level of LEVELS) {
        const population = frame.filter((e) => e.level === level && e.category === category).length;
        if (population === 0) continue;
        strata.push({
          id: level,
          label: { zh: `${category}·${LEVEL_LABEL_ZH[level]}`, en: `${category}, ${level}` },
          level,
          category,
        });
        quotas[level] = minimumQuota(population, ratioByLevel[level]);
      }
    }
    const prefix = `${kind === 'yearly' ? 'Y' : 'I'}${year}-${jurisdiction}-`;
    const code = `${prefix}${String((await countDrawsWithPrefix(tx, prefix)) + 1).padStart(2, '0')}`;
    // The Chinese title names the region; the English one keeps its code, which needs no translation.
    const place =
      jurisdiction === '100000' ? '全国' : (regionName(jurisdiction)?.replaceAll(' ', '') ?? jurisdiction);
    const where = jurisdiction === '100000' ? 'national' : jurisdiction;
    const title =
      kind === 'yearly'
        ? { zh: `${year}年度“双随机”抽查（${place}）`, en: `${year} yearly random inspection (${where})` }
        : {
            zh: `${year}年不定向抽查：${category}（${place}）`,
            en: `${year} irregular random inspection of one industry (${where})`,
          };
    let prepared: ReturnType<typeof prepareDraw>;
    try {
      prepared = prepareDraw({
        drawId: code,
        kind,
        title,
        publishedOn: today,
        frame,
        strata,
        quotas,
        seedCommitment: commitSeed(seed),
      });
    } catch (error) {
      if (error instanceof DrawError) throw new InspectionError('invalid', error.zh, error.en);
      throw error;
    }
    await insertDraw(tx, {
      code,
      kind,
      year,
      category,
      jurisdiction,
      titleZh: title.zh,
      titleEn: title.en,
      publishedOn: today,
      packId: pack.id,
      packVersion: pack.version,
      documentJson: prepared.published.json,
      documentSha256: prepared.published.sha256,
      seedCommitment: prepared.document.seedCommitment,
      seed,
      createdBy: actor.userId,
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'inspection.draw.commit',
      entity: 'inspection_draw',
      entityId: code,
      detail: {
        kind,
        year,
        category,
        jurisdiction,
        pack: `${pack.id}@${pack.version}`,
        frame: prepared.document.frame.length,
        quotas: prepared.document.quotas,
        documentSha256: prepared.published.sha256,
        seedCommitment: prepared.document.seedCommitment,
      },
    });
    return (await findDrawByCode(tx, code))!;
  });
}

/** Makes the draw: reveals the seed, runs the draw on the published document, stores the result. */
export async function revealDraw(options: {
  db: Db;
  actor: TInspectionActor;
  code: string;
}): Promise<TDrawRow> {
  const { db, actor, code } = options;
  return db.transaction(async (tx) => {
    const draw = await drawInScope(tx, code, actor, { forUpdate: true });
    if (draw.state !== 'committed') {
      throw new InspectionError(
        'conflict',
        `抽查 ${code} 已经抽取过（状态：${draw.state}）`,
        `The draw ${code} has been made already (state ${draw.state})`,
      );
    }
    const result = runDraw({
      published: { json: draw.documentJson, sha256: draw.documentSha256 },
      seed: draw.seed,
    });
    const usccs = result.selections.map((s) => s.uscc);
    const { rows } = await tx.query<{ id: number; uscc: string }>(
      'SELECT id::int AS "id", uscc FROM associations WHERE uscc = ANY($1::text[])',
      [usccs],
    );
    const idOf = new Map(rows.map((r) => [r.uscc, r.id]));
    await markDrawn(tx, {
      drawId: draw.id,
      resultJson: canonicalJson(result as unknown as TJson),
      selections: result.selections.map((s, i) => ({
        associationId: idOf.get(s.uscc)!,
        stratum: s.stratum,
        rank: s.rank,
        score: s.score,
        position: i + 1,
      })),
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'inspection.draw.reveal',
      entity: 'inspection_draw',
      entityId: code,
      detail: { seed: draw.seed, selected: usccs },
    });
    return (await findDrawByCode(tx, code))!;
  });
}

/** The stored result of a drawn draw. */
export function drawResultOf(draw: TDrawRow): TDrawResult | null {
  return draw.resultJson === null ? null : (JSON.parse(draw.resultJson) as TDrawResult);
}

export type AssignInspectorsOptions = {
  db: Db;
  actor: TInspectionActor;
  code: string;
  /** Inspectors per organisation; the pack's minimum unless more are asked for. */
  count?: number;
  maxPerInspector?: number | null;
};

/**
 * Draws the inspectors of every drawn organisation (at least the pack's minimum, none with a conflict
 * of interest) under the draw's seed, and stores them. Refused as a whole, naming the organisations,
 * when some cannot be given enough inspectors; redone from scratch while no result is recorded.
 */
export async function assignInspectors(options: AssignInspectorsOptions): Promise<TInspectorAssignment[]> {
  const { db, actor, code } = options;
  return db.transaction(async (tx) => {
    const draw = await drawInScope(tx, code, actor, { forUpdate: true });
    if (draw.state !== 'drawn') {
      throw new InspectionError(
        'conflict',
        `只能为已抽取、未公布的抽查分派检查人员（${code} 的状态：${draw.state}）`,
        `Inspectors are assigned to a draw that is drawn and not yet published (${code} is ${draw.state})`,
      );
    }
    if ((await listResults(tx, draw.id)).length > 0) {
      throw new InspectionError(
        'conflict',
        `抽查 ${code} 已有检查结果，不能重新分派`,
        `The draw ${code} has results already; its inspectors cannot be drawn again`,
      );
    }
    const minInspectors = resolvePack({ regionCode: draw.jurisdiction, asOf: draw.publishedOn }).parameters
      .insp.minInspectors;
    const count = options.count ?? minInspectors;
    const selections = await listSelections(tx, draw.id);
    const organs = await listLinkedOrganCodes(
      tx,
      selections.map((s) => s.associationId),
    );
    const pools = await listInspectorPools(tx, draw.jurisdiction);
    const byCode = new Map<string, TInspectorRow>();
    for (const pool of pools) for (const i of pool.inspectors) byCode.set(i.code, i);
    const plan = assignDrawInspectors({
      drawId: draw.code,
      seed: draw.seed,
      targets: selections.map((s) => ({ uscc: s.uscc, formerOrganIds: organs.get(s.associationId) ?? [] })),
      pools: pools.map((pool) => ({
        id: pool.id,
        label: { zh: pool.id, en: pool.id },
        inspectors: pool.inspectors.map((i) => ({
          id: i.code,
          organId: i.organCode,
          priorPosts: i.priorPosts,
          declaredConflicts: i.declaredConflicts,
        })),
      })),
      count,
      minInspectors,
      maxPerInspector: options.maxPerInspector ?? null,
    });
    if (plan.refusals.length > 0) {
      throw new InspectionError(
        'conflict',
        plan.refusals.map((r) => r.refusal.zh).join('；'),
        plan.refusals.map((r) => r.refusal.en).join('; '),
      );
    }
    const associationOf = new Map(selections.map((s) => [s.uscc, s.associationId]));
    await replaceAssignments(
      tx,
      draw.id,
      plan.assignments.flatMap((a) =>
        a.inspectors.map((i) => ({
          associationId: associationOf.get(a.uscc)!,
          inspectorId: byCode.get(i.id)!.id,
          rank: i.rank,
          pool: i.poolId,
          score: i.score,
        })),
      ),
    );
    await appendAuditEvent(tx, {
      actor,
      action: 'inspection.assign',
      entity: 'inspection_draw',
      entityId: code,
      detail: {
        count,
        assignments: plan.assignments.map((a) => ({
          uscc: a.uscc,
          inspectors: a.inspectors.map((i) => i.id),
          excluded: a.excluded.length,
        })),
      },
    });
    return [...plan.assignments];
  });
}

export type RecordResultOptions = {
  db: Db;
  actor: TInspectionActor;
  code: string;
  uscc: string;
  inspectedOn: string;
  outcome: TInspectionOutcome;
  summaryZh: string;
  summaryEn: string;
  rectifyBy: string | null;
  /** Inspector codes who took part; every assigned inspector when absent. */
  inspectorCodes?: readonly string[];
};

/**
 * Records the result of one drawn organisation, checked against its assignment. An inspector may
 * record only where assigned. Until the draw is published a result may be corrected.
 */
export async function recordResult(options: RecordResultOptions): Promise<void> {
  const { db, actor, code, uscc } = options;
  await db.transaction(async (tx) => {
    const draw = await drawInScope(tx, code, actor, { forUpdate: true });
    if (draw.state !== 'drawn') {
      throw new InspectionError(
        'conflict',
        `抽查 ${code} 的状态为 ${draw.state}，不能录入结果`,
        `Results are recorded while the draw is drawn; ${code} is ${draw.state}`,
      );
    }
    const assigned = (await listAssignments(tx, { drawId: draw.id })).filter((a) => a.uscc === uscc);
    if (assigned.length === 0) {
      throw new InspectionError(
        'invalid',
        `${uscc} 未被本次抽查抽中或尚未分派检查人员`,
        `${uscc} was not drawn in ${code}, or has no inspectors assigned yet`,
      );
    }
    if (actor.role === 'inspector') {
      const own = actor.userId === null ? undefined : await findInspectorByUserId(tx, actor.userId);
      if (!own || !assigned.some((a) => a.inspectorId === own.id)) {
        throw new InspectionError(
          'forbidden',
          `您未被分派检查 ${uscc}`,
          `You are not assigned to inspect ${uscc}`,
        );
      }
    }
    const codes = options.inspectorCodes ?? assigned.map((a) => a.inspectorCode);
    const assignment: TInspectorAssignment = {
      uscc,
      inspectors: assigned.map((a) => ({ id: a.inspectorCode, poolId: a.pool, rank: a.rank, score: '' })),
      excluded: [],
      usedFallback: false,
    };
    const minInspectors = resolvePack({ regionCode: draw.jurisdiction, asOf: draw.publishedOn }).parameters
      .insp.minInspectors;
    const problems = checkInspectionRecord({
      record: {
        drawId: code,
        uscc,
        inspectedOn: options.inspectedOn,
        inspectorIds: codes,
        outcome: options.outcome,
        summary: { zh: options.summaryZh, en: options.summaryEn },
        rectifyBy: options.rectifyBy,
      },
      assignment,
      minInspectors,
    });
    if (options.inspectedOn < draw.publishedOn) {
      problems.push({
        zh: `检查日期 ${options.inspectedOn} 早于抽查公示日 ${draw.publishedOn}`,
        en: `The inspection date ${options.inspectedOn} is before the draw was published (${draw.publishedOn})`,
      });
    }
    if (problems.length > 0) {
      throw new InspectionError(
        'invalid',
        problems.map((p) => p.zh).join('；'),
        problems.map((p) => p.en).join('; '),
      );
    }
    const idOfCode = new Map(assigned.map((a) => [a.inspectorCode, a.inspectorId]));
    await upsertResult(tx, {
      drawId: draw.id,
      associationId: assigned[0]!.associationId,
      inspectedOn: options.inspectedOn,
      outcome: options.outcome,
      summaryZh: options.summaryZh,
      summaryEn: options.summaryEn,
      rectifyBy: options.rectifyBy,
      inspectorIds: [...new Set(codes)].map((c) => idOfCode.get(c)!),
      recordedBy: actor.userId,
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'inspection.result.record',
      entity: 'inspection_draw',
      entityId: code,
      detail: {
        uscc,
        inspectedOn: options.inspectedOn,
        outcome: options.outcome,
        rectifyBy: options.rectifyBy,
        inspectors: codes,
      },
    });
  });
}

/** Publishes the results of a draw; refused while a drawn organisation has no result. */
export async function publishDraw(options: {
  db: Db;
  actor: TInspectionActor;
  code: string;
}): Promise<TDrawRow> {
  const { db, actor, code } = options;
  return db.transaction(async (tx) => {
    const draw = await drawInScope(tx, code, actor, { forUpdate: true });
    if (draw.state !== 'drawn') {
      throw new InspectionError(
        'conflict',
        `只能公布已抽取的抽查（${code} 的状态：${draw.state}）`,
        `Only a drawn draw can be published (${code} is ${draw.state})`,
      );
    }
    const results = new Set((await listResults(tx, draw.id)).map((r) => r.uscc));
    const missing = (await listSelections(tx, draw.id))
      .filter((s) => !results.has(s.uscc))
      .map((s) => s.uscc);
    if (missing.length > 0) {
      throw new InspectionError(
        'conflict',
        `以下抽中单位尚无检查结果：${missing.join('、')}`,
        `These drawn organisations have no result yet: ${missing.join(', ')}`,
      );
    }
    await markPublished(tx, draw.id);
    await appendAuditEvent(tx, {
      actor,
      action: 'inspection.draw.publish',
      entity: 'inspection_draw',
      entityId: code,
      detail: { results: results.size },
    });
    return (await findDrawByCode(tx, code))!;
  });
}

export type AddInspectorOptions = {
  db: Db;
  actor: TInspectionActor;
  code: string;
  displayName: string;
  organCode: string;
  regionCode: string;
  /** The account through which the inspector records results. */
  username?: string | null;
};

/** Adds an inspector to the pool of a region inside the actor's jurisdiction. */
export async function addInspector(options: AddInspectorOptions): Promise<TInspectorRow> {
  const { db, actor } = options;
  if (!insideRegion(options.regionCode, actor.region)) {
    throw new InspectionError(
      'outside_scope',
      `地区 ${options.regionCode} 不在您的管辖范围内`,
      `The region ${options.regionCode} is outside your jurisdiction`,
    );
  }
  return db.transaction(async (tx) => {
    if (await findInspectorByCode(tx, options.code)) {
      throw new InspectionError(
        'conflict',
        `检查人员编号 ${options.code} 已存在`,
        `An inspector with the code ${options.code} exists already`,
      );
    }
    let userId: number | null = null;
    if (options.username) {
      const user = (
        await tx.query<{ id: number; role: string }>(
          'SELECT id::int AS "id", role FROM users WHERE username = $1',
          [options.username],
        )
      ).rows[0];
      if (user?.role !== 'inspector') {
        throw new InspectionError(
          'invalid',
          `账号 ${options.username} 不存在或不是检查人员账号`,
          `The account ${options.username} does not exist or is not an inspector account`,
        );
      }
      userId = user.id;
    }
    await insertInspector(tx, {
      code: options.code,
      displayName: options.displayName,
      organCode: options.organCode,
      regionCode: options.regionCode,
      userId,
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'inspection.inspector.add',
      entity: 'inspection_inspector',
      entityId: options.code,
      detail: {
        organCode: options.organCode,
        regionCode: options.regionCode,
        account: options.username ?? null,
      },
    });
    return (await findInspectorByCode(tx, options.code))!;
  });
}

export type DeclareConflictOptions = {
  db: Db;
  actor: TInspectionActor;
  inspectorCode: string;
  uscc: string;
  kind: 'prior_post' | 'declared_conflict';
  note: string | null;
  today: string;
};

/**
 * Records a conflict of interest (or an earlier post) of an inspector with an organisation; the
 * inspector is left out of every later assignment to it. Inspectors declare their own.
 */
export async function declareConflict(options: DeclareConflictOptions): Promise<TInspectorRow> {
  const { db, actor } = options;
  return db.transaction(async (tx) => {
    const inspector = await findInspectorByCode(tx, options.inspectorCode);
    if (!inspector) {
      throw new InspectionError(
        'not_found',
        `没有编号为 ${options.inspectorCode} 的检查人员`,
        `No inspector has the code ${options.inspectorCode}`,
      );
    }
    if (
      actor.role === 'inspector'
        ? inspector.userId !== actor.userId
        : !insideRegion(inspector.regionCode, actor.region)
    ) {
      throw new InspectionError(
        'forbidden',
        '只能为本人或管辖范围内的检查人员申报利害关系',
        'Conflicts are declared by the inspector or a regulator of their region',
      );
    }
    const association = await findAssociationByUscc(tx, options.uscc);
    if (!association) {
      throw new InspectionError(
        'invalid',
        `没有统一社会信用代码为 ${options.uscc} 的社会组织`,
        `No association has the USCC ${options.uscc}`,
      );
    }
    await upsertConflict(tx, {
      inspectorId: inspector.id,
      associationId: association.id,
      kind: options.kind,
      note: options.note,
      declaredOn: options.today,
    });
    await appendAuditEvent(tx, {
      actor,
      action: 'inspection.conflict.declare',
      entity: 'inspection_inspector',
      entityId: inspector.code,
      detail: { uscc: options.uscc, kind: options.kind },
    });
    return (await findInspectorByCode(tx, options.inspectorCode))!;
  });
}
