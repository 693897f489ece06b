import type { Queryable } from '../database.ts';

/**
 * The rows of the open-data files. Only what the registration authority publishes anyway: no person,
 * no post, no phone number or bank account. Each query orders by its key so files are reproducible.
 */

export type TOpenRow = Record<string, string | number | boolean | null | readonly unknown[]>;

export async function selectPublicAssociations(db: Queryable): Promise<TOpenRow[]> {
  const { rows } = await db.query<TOpenRow>(
    `SELECT uscc, name, name_en, short_name, level, region_code, industry, registrar,
       founded_on, registered_on, status, address, member_count
     FROM associations ORDER BY uscc`,
  );
  return rows;
}

export async function selectPublicFees(db: Queryable): Promise<TOpenRow[]> {
  const { rows } = await db.query<TOpenRow>(
    `SELECT a.uscc, f.ref, f.name, f.category, f.amount, f.tiers, f.payer, f.compulsory,
       f.standard_set_by, f.pricing, f.published, f.started_on, f.ended_on
     FROM fee_items f JOIN associations a ON a.id = f.association_id ORDER BY a.uscc, f.ref`,
  );
  return rows;
}

export async function selectPublicDues(db: Queryable): Promise<TOpenRow[]> {
  const { rows } = await db.query<TOpenRow>(
    `SELECT a.uscc, d.ref, d.assembly_date, d.made_by, d.tiers, d.floating, d.adopted, d.published,
       d.effective_from, d.superseded_on
     FROM dues_decisions d JOIN associations a ON a.id = d.association_id ORDER BY a.uscc, d.ref`,
  );
  return rows;
}

export async function selectPublicCreditEntries(db: Queryable): Promise<TOpenRow[]> {
  const { rows } = await db.query<TOpenRow>(
    `SELECT a.uscc, c.ref, c.list, c.ground, c.listed_on, c.removed_on
     FROM credit_entries c JOIN associations a ON a.id = c.association_id ORDER BY a.uscc, c.ref`,
  );
  return rows;
}

export async function selectPublicDecouplingCases(db: Queryable): Promise<TOpenRow[]> {
  const { rows } = await db.query<TOpenRow>(
    `SELECT a.uscc, c.ref, c.batch, c.jurisdiction, c.state, c.listed_on, c.plan_deadline,
       c.plan_approved_on, c.completion_deadline, c.decoupled_on
     FROM decoupling_cases c JOIN associations a ON a.id = c.association_id ORDER BY a.uscc, c.ref`,
  );
  return rows;
}

/** Published inspection results; never an inspector, only how many took part. */
export async function selectPublicInspectionResults(db: Queryable): Promise<TOpenRow[]> {
  const { rows } = await db.query<TOpenRow>(
    `SELECT a.uscc, d.code AS draw_id, d.year, r.inspected_on, r.outcome, r.summary_zh, r.summary_en,
       r.rectify_by, cardinality(r.inspector_ids)::int AS inspector_count
     FROM inspection_results r
     JOIN inspection_draws d ON d.id = r.draw_id
     JOIN associations a ON a.id = r.association_id
     WHERE d.state = 'published' ORDER BY a.uscc, d.code`,
  );
  return rows;
}

/**
 * Every draw with what is public at its state: the document and its hash always, the seed and result
 * once drawn. The seed of a committed draw is left out here, in SQL.
 */
export async function selectPublicDraws(db: Queryable): Promise<TOpenRow[]> {
  const { rows } = await db.query<TOpenRow>(
    `SELECT code AS draw_id, kind, year, category, jurisdiction, state, published_on,
       document_sha256, seed_commitment,
       CASE WHEN state = 'committed' THEN NULL ELSE seed END AS seed,
       document_json AS document,
       CASE WHEN state = 'committed' THEN NULL ELSE result_json END AS result
     FROM inspection_draws ORDER BY code`,
  );
  return rows;
}

export type TSnapshotRow = { asOf: string; previous: string | null; manifest: unknown; createdAt: string };

export async function listSnapshots(db: Queryable): Promise<TSnapshotRow[]> {
  const { rows } = await db.query<TSnapshotRow>(
    `SELECT as_of AS "asOf", previous, manifest, created_at AS "createdAt"
     FROM open_data_snapshots ORDER BY as_of DESC`,
  );
  return rows;
}

export async function findSnapshot(db: Queryable, asOf: string): Promise<TSnapshotRow | undefined> {
  const { rows } = await db.query<TSnapshotRow>(
    `SELECT as_of AS "asOf", previous, manifest, created_at AS "createdAt"
     FROM open_data_snapshots WHERE as_of = $1`,
    [asOf],
  );
  return rows[0];
}

/** The latest snapshot before `asOf`, the base of its delta. */
export async function findSnapshotBefore(db: Queryable, asOf: string): Promise<TSnapshotRow | undefined> {
  const { rows } = await db.query<TSnapshotRow>(
    `SELECT as_of AS "asOf", previous, manifest, created_at AS "createdAt"
     FROM open_data_snapshots WHERE as_of < $1 ORDER BY as_of DESC LIMIT 1`,
    [asOf],
  );
  return rows[0];
}

export type TOpenFileRow = { name: string; mediaType: string; content: string; sha256: string; rows: number };

export async function findSnapshotFile(
  db: Queryable,
  options: { asOf: string; name: string },
): Promise<TOpenFileRow | undefined> {
  const { rows } = await db.query<TOpenFileRow>(
    `SELECT name, media_type AS "mediaType", content, sha256, rows FROM open_data_files
     WHERE as_of = $1 AND name = $2`,
    [options.asOf, options.name],
  );
  return rows[0];
}

export async function listSnapshotFiles(db: Queryable, asOf: string): Promise<TOpenFileRow[]> {
  const { rows } = await db.query<TOpenFileRow>(
    `SELECT name, media_type AS "mediaType", content, sha256, rows FROM open_data_files
     WHERE as_of = $1 ORDER BY name`,
    [asOf],
  );
  return rows;
}

export async function insertSnapshot(
  tx: Queryable,
  options: { asOf: string; previous: string | null; manifest: unknown; files: readonly TOpenFileRow[] },
): Promise<void> {
  await tx.query('INSERT INTO open_data_snapshots (as_of, previous, manifest) VALUES ($1, $2, $3)', [
    options.asOf,
    options.previous,
    JSON.stringify(options.manifest),
  ]);
  const f = options.files;
  await tx.query(
    `INSERT INTO open_data_files (as_of, name, media_type, content, sha256, rows)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`,
    [
      options.asOf,
      f.map((x) => x.name),
      f.map((x) => x.mediaType),
      f.map((x) => x.content),
      f.map((x) => x.sha256),
      f.map((x) => x.rows),
    ],
  );
}
