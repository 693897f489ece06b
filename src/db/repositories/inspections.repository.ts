import type { TInspectionOutcome } from '../../core/inspections/results.ts';
import type { TLevel } from '../../core/registry/types.ts';
import type { Queryable } from '../database.ts';
import { regionCodeRange } from './registry-read.repository.ts';

export const DRAW_STATES = ['committed', 'drawn', 'published'] as const;
export type TDrawState = (typeof DRAW_STATES)[number];

/** A draw as stored. `seed` is secret while the draw is `committed`: never hand it out before. */
export type TDrawRow = {
  id: number;
  code: string;
  kind: 'yearly' | 'irregular';
  year: number;
  category: string | null;
  jurisdiction: string;
  state: TDrawState;
  titleZh: string;
  titleEn: string;
  publishedOn: string;
  packId: string;
  packVersion: string;
  documentJson: string;
  documentSha256: string;
  seedCommitment: string;
  seed: string;
  resultJson: string | null;
  drawnAt: string | null;
  publishedAt: string | null;
  createdAt: string;
};

const DRAW_COLUMNS = `d.id::int AS "id", d.code, d.kind, d.year, d.category, d.jurisdiction, d.state,
  d.title_zh AS "titleZh", d.title_en AS "titleEn", d.published_on AS "publishedOn",
  d.pack_id AS "packId", d.pack_version AS "packVersion", d.document_json AS "documentJson",
  d.document_sha256 AS "documentSha256", d.seed_commitment AS "seedCommitment", d.seed,
  d.result_json AS "resultJson", d.drawn_at AS "drawnAt", d.published_at AS "publishedAt",
  d.created_at AS "createdAt"`;

/** SQL predicate and parameters for "`column` lies inside the region `code`" ('100000': anywhere). */
function regionPredicate(column: string, code: string, params: unknown[]): string {
  const range = regionCodeRange(code);
  if (!range) return 'true';
  params.push(range.low, range.high);
  return `${column} BETWEEN $${params.length - 1} AND $${params.length}`;
}

export type TFrameAssociationRow = { id: number; uscc: string; level: TLevel; industry: string | null };

/** Active associations registered inside `jurisdiction`, optionally of one industry, by USCC. */
export async function listFrameAssociations(
  db: Queryable,
  options: { jurisdiction: string; category: string | null },
): Promise<TFrameAssociationRow[]> {
  const params: unknown[] = [];
  const region = regionPredicate('region_code', options.jurisdiction, params);
  let category = 'true';
  if (options.category !== null) {
    params.push(options.category);
    category = `industry = $${params.length}`;
  }
  const { rows } = await db.query<TFrameAssociationRow>(
    `SELECT id::int AS "id", uscc, level, industry FROM associations
     WHERE status = 'active' AND ${region} AND ${category} ORDER BY uscc`,
    params,
  );
  return rows;
}

/** How many draws have a code starting with `prefix` (the next draw's sequence number). */
export async function countDrawsWithPrefix(db: Queryable, prefix: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM inspection_draws WHERE starts_with(code, $1)',
    [prefix],
  );
  return rows[0]?.n ?? 0;
}

export type InsertDrawOptions = Omit<
  TDrawRow,
  'id' | 'state' | 'resultJson' | 'drawnAt' | 'publishedAt' | 'createdAt'
> & { createdBy: number | null };

export async function insertDraw(tx: Queryable, d: InsertDrawOptions): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO inspection_draws (code, kind, year, category, jurisdiction, title_zh, title_en, published_on,
       pack_id, pack_version, document_json, document_sha256, seed_commitment, seed, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id::int AS "id"`,
    [
      d.code,
      d.kind,
      d.year,
      d.category,
      d.jurisdiction,
      d.titleZh,
      d.titleEn,
      d.publishedOn,
      d.packId,
      d.packVersion,
      d.documentJson,
      d.documentSha256,
      d.seedCommitment,
      d.seed,
      d.createdBy,
    ],
  );
  return rows[0]!.id;
}

/** One draw by its public code; `forUpdate` locks the row for a state change. */
export async function findDrawByCode(
  db: Queryable,
  code: string,
  options: { forUpdate?: boolean } = {},
): Promise<TDrawRow | undefined> {
  const { rows } = await db.query<TDrawRow>(
    `SELECT ${DRAW_COLUMNS} FROM inspection_draws AS d WHERE d.code = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [code],
  );
  return rows[0];
}

export type TDrawSummaryRow = Omit<TDrawRow, 'documentJson' | 'seed' | 'resultJson'> & {
  frameSize: number;
  selected: number;
  results: number;
};

/** Draws whose jurisdiction lies inside `region` ('100000': all), newest first. */
export async function listDraws(
  db: Queryable,
  options: { region: string; states?: readonly TDrawState[] },
): Promise<TDrawSummaryRow[]> {
  const params: unknown[] = [];
  const region = regionPredicate('d.jurisdiction', options.region, params);
  let states = 'true';
  if (options.states) {
    params.push(options.states);
    states = `d.state = ANY($${params.length}::text[])`;
  }
  const { rows } = await db.query<
    TDrawSummaryRow & { documentJson?: string; seed?: string; resultJson?: string }
  >(
    `SELECT ${DRAW_COLUMNS},
       json_array_length((d.document_json::json) -> 'frame') AS "frameSize",
       (SELECT count(*)::int FROM inspection_selections s WHERE s.draw_id = d.id) AS "selected",
       (SELECT count(*)::int FROM inspection_results r WHERE r.draw_id = d.id) AS "results"
     FROM inspection_draws AS d WHERE ${region} AND ${states}
     ORDER BY d.year DESC, d.id DESC`,
    params,
  );
  // The seed of a committed draw must not travel further than this function.
  return rows.map(({ documentJson: _document, seed: _seed, resultJson: _result, ...rest }) => rest);
}

export type TSelectionInsert = {
  associationId: number;
  stratum: string;
  rank: number;
  score: string;
  position: number;
};

/** Records the draw: its result and the selected organisations; the draw becomes `drawn`. */
export async function markDrawn(
  tx: Queryable,
  options: { drawId: number; resultJson: string; selections: readonly TSelectionInsert[] },
): Promise<void> {
  await tx.query(
    `UPDATE inspection_draws SET state = 'drawn', result_json = $2, drawn_at = now() WHERE id = $1`,
    [options.drawId, options.resultJson],
  );
  const s = options.selections;
  await tx.query(
    `INSERT INTO inspection_selections (draw_id, association_id, stratum, rank, score, position)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::int[], $5::text[], $6::int[])`,
    [
      options.drawId,
      s.map((x) => x.associationId),
      s.map((x) => x.stratum),
      s.map((x) => x.rank),
      s.map((x) => x.score),
      s.map((x) => x.position),
    ],
  );
}

export async function markPublished(tx: Queryable, drawId: number): Promise<void> {
  await tx.query(`UPDATE inspection_draws SET state = 'published', published_at = now() WHERE id = $1`, [
    drawId,
  ]);
}

export type TSelectionRow = {
  associationId: number;
  uscc: string;
  name: string;
  stratum: string;
  rank: number;
  score: string;
  position: number;
};

export async function listSelections(db: Queryable, drawId: number): Promise<TSelectionRow[]> {
  const { rows } = await db.query<TSelectionRow>(
    `SELECT s.association_id::int AS "associationId", a.uscc, a.name, s.stratum, s.rank, s.score, s.position
     FROM inspection_selections s JOIN associations a ON a.id = s.association_id
     WHERE s.draw_id = $1 ORDER BY s.position`,
    [drawId],
  );
  return rows;
}

/** Codes of every organ ever linked to each association (its former sponsors and supervisors). */
export async function listLinkedOrganCodes(
  db: Queryable,
  associationIds: readonly number[],
): Promise<Map<number, string[]>> {
  const { rows } = await db.query<{ associationId: number; codes: string[] }>(
    `SELECT l.association_id::int AS "associationId", array_agg(DISTINCT o.code ORDER BY o.code) AS codes
     FROM organ_links l JOIN organs o ON o.id = l.organ_id
     WHERE l.association_id = ANY($1::bigint[]) GROUP BY l.association_id`,
    [associationIds],
  );
  return new Map(rows.map((r) => [r.associationId, r.codes]));
}

export type TInspectorRow = {
  id: number;
  code: string;
  displayName: string;
  organCode: string;
  regionCode: string;
  userId: number | null;
  username: string | null;
  active: boolean;
  /** USCCs of held posts and of declared conflicts. */
  priorPosts: string[];
  declaredConflicts: string[];
};

const INSPECTOR_SELECT = `SELECT i.id::int AS "id", i.code, i.display_name AS "displayName",
    i.organ_code AS "organCode", i.region_code AS "regionCode", i.user_id::int AS "userId",
    u.username, i.active,
    coalesce(array(SELECT a.uscc FROM inspection_conflicts c JOIN associations a ON a.id = c.association_id
      WHERE c.inspector_id = i.id AND c.kind = 'prior_post' ORDER BY a.uscc), '{}') AS "priorPosts",
    coalesce(array(SELECT a.uscc FROM inspection_conflicts c JOIN associations a ON a.id = c.association_id
      WHERE c.inspector_id = i.id AND c.kind = 'declared_conflict' ORDER BY a.uscc), '{}') AS "declaredConflicts"
  FROM inspection_inspectors i LEFT JOIN users u ON u.id = i.user_id`;

/** Inspectors whose region lies inside `region` ('100000': all), by code. */
export async function listInspectors(
  db: Queryable,
  options: { region: string; activeOnly?: boolean },
): Promise<TInspectorRow[]> {
  const params: unknown[] = [];
  const region = regionPredicate('i.region_code', options.region, params);
  const { rows } = await db.query<TInspectorRow>(
    `${INSPECTOR_SELECT} WHERE ${region}${options.activeOnly ? ' AND i.active' : ''} ORDER BY i.code`,
    params,
  );
  return rows;
}

/**
 * The pools for a jurisdiction: inspectors of the jurisdiction itself first, then those of the
 * regions above it (province, then the whole country) as the fallback.
 */
export async function listInspectorPools(
  db: Queryable,
  jurisdiction: string,
): Promise<{ id: string; inspectors: TInspectorRow[] }[]> {
  const { rows } = await db.query<TInspectorRow>(`${INSPECTOR_SELECT} WHERE i.active ORDER BY i.code`);
  const inside = (code: string, region: string) => {
    const range = regionCodeRange(region);
    return !range || (code >= range.low && code <= range.high);
  };
  const own = rows.filter((r) => inside(r.regionCode, jurisdiction));
  const above = rows.filter((r) => !own.includes(r) && inside(jurisdiction, r.regionCode));
  return [
    { id: jurisdiction, inspectors: own },
    { id: 'above', inspectors: above },
  ];
}

export async function findInspectorByCode(db: Queryable, code: string): Promise<TInspectorRow | undefined> {
  const { rows } = await db.query<TInspectorRow>(`${INSPECTOR_SELECT} WHERE i.code = $1`, [code]);
  return rows[0];
}

export async function findInspectorByUserId(
  db: Queryable,
  userId: number,
): Promise<TInspectorRow | undefined> {
  const { rows } = await db.query<TInspectorRow>(`${INSPECTOR_SELECT} WHERE i.user_id = $1`, [userId]);
  return rows[0];
}

export type InsertInspectorOptions = {
  code: string;
  displayName: string;
  organCode: string;
  regionCode: string;
  userId: number | null;
};

export async function insertInspector(tx: Queryable, o: InsertInspectorOptions): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO inspection_inspectors (code, display_name, organ_code, region_code, user_id)
     VALUES ($1, $2, $3, $4, $5) RETURNING id::int AS "id"`,
    [o.code, o.displayName, o.organCode, o.regionCode, o.userId],
  );
  return rows[0]!.id;
}

export type UpsertConflictOptions = {
  inspectorId: number;
  associationId: number;
  kind: 'prior_post' | 'declared_conflict';
  note: string | null;
  declaredOn: string;
};

/** Records a conflict; `true` when it is new. */
export async function upsertConflict(tx: Queryable, o: UpsertConflictOptions): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO inspection_conflicts (inspector_id, association_id, kind, note, declared_on)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (inspector_id, association_id, kind) DO UPDATE SET note = EXCLUDED.note
       WHERE inspection_conflicts.note IS DISTINCT FROM EXCLUDED.note
     RETURNING (xmax = 0) AS inserted`,
    [o.inspectorId, o.associationId, o.kind, o.note, o.declaredOn],
  );
  return (rows[0] as { inserted?: boolean } | undefined)?.inserted === true;
}

export type TAssignmentInsert = {
  associationId: number;
  inspectorId: number;
  rank: number;
  pool: string;
  score: string;
};

/** Replaces the assignments of a draw. */
export async function replaceAssignments(
  tx: Queryable,
  drawId: number,
  rows: readonly TAssignmentInsert[],
): Promise<void> {
  await tx.query('DELETE FROM inspection_assignments WHERE draw_id = $1', [drawId]);
  await tx.query(
    `INSERT INTO inspection_assignments (draw_id, association_id, inspector_id, rank, pool, score)
     SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::int[], $5::text[], $6::text[])`,
    [
      drawId,
      rows.map((r) => r.associationId),
      rows.map((r) => r.inspectorId),
      rows.map((r) => r.rank),
      rows.map((r) => r.pool),
      rows.map((r) => r.score),
    ],
  );
}

export type TAssignmentRow = {
  drawCode: string;
  drawState: TDrawState;
  drawTitleZh: string;
  drawTitleEn: string;
  year: number;
  associationId: number;
  uscc: string;
  associationName: string;
  inspectorId: number;
  inspectorCode: string;
  inspectorName: string;
  rank: number;
  pool: string;
  resultOutcome: TInspectionOutcome | null;
};

/**
 * Assignments of one draw, of one inspector, or of the draws inside a region; by draw, position, rank.
 */
export async function listAssignments(
  db: Queryable,
  options: { drawId?: number; inspectorId?: number; region?: string },
): Promise<TAssignmentRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (options.drawId !== undefined) {
    params.push(options.drawId);
    where.push(`x.draw_id = $${params.length}`);
  }
  if (options.inspectorId !== undefined) {
    params.push(options.inspectorId);
    where.push(`x.inspector_id = $${params.length}`);
  }
  if (options.region !== undefined) where.push(regionPredicate('d.jurisdiction', options.region, params));
  const { rows } = await db.query<TAssignmentRow>(
    `SELECT d.code AS "drawCode", d.state AS "drawState", d.title_zh AS "drawTitleZh",
       d.title_en AS "drawTitleEn", d.year, x.association_id::int AS "associationId", a.uscc,
       a.name AS "associationName", x.inspector_id::int AS "inspectorId", i.code AS "inspectorCode",
       i.display_name AS "inspectorName", x.rank, x.pool, r.outcome AS "resultOutcome"
     FROM inspection_assignments x
     JOIN inspection_draws d ON d.id = x.draw_id
     JOIN inspection_selections s ON s.draw_id = x.draw_id AND s.association_id = x.association_id
     JOIN associations a ON a.id = x.association_id
     JOIN inspection_inspectors i ON i.id = x.inspector_id
     LEFT JOIN inspection_results r ON r.draw_id = x.draw_id AND r.association_id = x.association_id
     WHERE ${where.length > 0 ? where.join(' AND ') : 'true'}
     ORDER BY d.year DESC, d.id DESC, s.position, x.rank`,
    params,
  );
  return rows;
}

export type UpsertResultOptions = {
  drawId: number;
  associationId: number;
  inspectedOn: string;
  outcome: TInspectionOutcome;
  summaryZh: string;
  summaryEn: string;
  rectifyBy: string | null;
  inspectorIds: readonly number[];
  recordedBy: number | null;
};

/** Records (or corrects, before publication) the result for one drawn organisation. */
export async function upsertResult(tx: Queryable, o: UpsertResultOptions): Promise<void> {
  await tx.query(
    `INSERT INTO inspection_results (draw_id, association_id, inspected_on, outcome, summary_zh, summary_en,
       rectify_by, inspector_ids, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint[], $9)
     ON CONFLICT (draw_id, association_id) DO UPDATE SET inspected_on = EXCLUDED.inspected_on,
       outcome = EXCLUDED.outcome, summary_zh = EXCLUDED.summary_zh, summary_en = EXCLUDED.summary_en,
       rectify_by = EXCLUDED.rectify_by, inspector_ids = EXCLUDED.inspector_ids,
       recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
    [
      o.drawId,
      o.associationId,
      o.inspectedOn,
      o.outcome,
      o.summaryZh,
      o.summaryEn,
      o.rectifyBy,
      o.inspectorIds,
      o.recordedBy,
    ],
  );
}

export type TResultRow = {
  drawCode: string;
  year: number;
  associationId: number;
  uscc: string;
  associationName: string;
  inspectedOn: string;
  outcome: TInspectionOutcome;
  summaryZh: string;
  summaryEn: string;
  rectifyBy: string | null;
  inspectorCount: number;
};

const RESULT_SELECT = `SELECT d.code AS "drawCode", d.year, r.association_id::int AS "associationId", a.uscc,
    a.name AS "associationName", r.inspected_on AS "inspectedOn", r.outcome, r.summary_zh AS "summaryZh",
    r.summary_en AS "summaryEn", r.rectify_by AS "rectifyBy",
    cardinality(r.inspector_ids)::int AS "inspectorCount"
  FROM inspection_results r
  JOIN inspection_draws d ON d.id = r.draw_id
  JOIN inspection_selections s ON s.draw_id = r.draw_id AND s.association_id = r.association_id
  JOIN associations a ON a.id = r.association_id`;

export async function listResults(db: Queryable, drawId: number): Promise<TResultRow[]> {
  const { rows } = await db.query<TResultRow>(`${RESULT_SELECT} WHERE r.draw_id = $1 ORDER BY s.position`, [
    drawId,
  ]);
  return rows;
}

/** Published results of one association, newest first. */
export async function listPublishedResultsOfAssociation(
  db: Queryable,
  associationId: number,
): Promise<TResultRow[]> {
  const { rows } = await db.query<TResultRow>(
    `${RESULT_SELECT} WHERE r.association_id = $1 AND d.state = 'published'
     ORDER BY r.inspected_on DESC, d.code`,
    [associationId],
  );
  return rows;
}

/** Every published result, by USCC then draw: the open-data file. */
export async function listAllPublishedResults(db: Queryable): Promise<TResultRow[]> {
  const { rows } = await db.query<TResultRow>(
    `${RESULT_SELECT} WHERE d.state = 'published' ORDER BY a.uscc, d.code`,
  );
  return rows;
}
