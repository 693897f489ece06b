import type { Db } from '../../src/db/database.ts';

/** Annual reports filed on time for every year, so that no annual-report ground interferes with a test. */
export async function fileAllAnnualReports(db: Db, uscc: string): Promise<void> {
  await db.query(
    `INSERT INTO annual_reports (association_id, year, filed_on)
     SELECT a.id, y, make_date(y + 1, 3, 1) FROM associations AS a, generate_series(2000, 2040) AS y
     WHERE a.uscc = $1 ON CONFLICT (association_id, year) DO NOTHING`,
    [uscc],
  );
}

/** A published fee item of the association; returns its id as the complaint form names it. */
export async function insertFeeItem(
  db: Db,
  options: { uscc: string; ref: string; name: string; category: string; amount: number },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO fee_items (association_id, ref, name, category, amount, published)
     SELECT id, $2, $3, $4, $5, true FROM associations WHERE uscc = $1 RETURNING id::text AS id`,
    [options.uscc, options.ref, options.name, options.category, options.amount],
  );
  return rows[0]!.id;
}
