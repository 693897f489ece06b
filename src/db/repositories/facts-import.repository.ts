import type { TPostRole } from '../../core/registry/types.ts';
import type { Queryable } from '../database.ts';

/** A post named by its natural key, as an approvals file names it. */
export type TPostReference = {
  associationUscc: string;
  /** Keyed hash of the holder's resident ID, when the file gives one. */
  idHash: string | null;
  name: string;
  birthDate: string | null;
  role: TPostRole;
  startedOn: string;
};

/**
 * The database ids of the posts the references name, by index into `references`: the association,
 * the role and the start date, and the holder by resident-ID hash when given, else by name and birth
 * date. An index with no post is absent; one with several holds them all (the caller reports it).
 */
export async function lookupPostIds(
  tx: Queryable,
  references: readonly TPostReference[],
): Promise<Map<number, number[]>> {
  const found = new Map<number, number[]>();
  if (references.length === 0) return found;
  const { rows } = await tx.query<{ i: number; id: number }>(
    `SELECT u.i, p.id
     FROM unnest($1::int[], $2::bpchar[], $3::text[], $4::text[], $5::date[], $6::text[], $7::date[])
            AS u(i, uscc, id_hash, name, birth_date, role, started_on)
     JOIN associations AS a ON a.uscc = u.uscc
     JOIN posts AS p ON p.association_id = a.id AND p.role = u.role AND p.started_on = u.started_on
     JOIN persons AS pe ON pe.id = p.person_id
     WHERE CASE WHEN u.id_hash IS NOT NULL THEN pe.id_hash = u.id_hash
                ELSE pe.name = u.name AND pe.birth_date IS NOT DISTINCT FROM u.birth_date END
     ORDER BY u.i, p.id`,
    [
      references.map((_, i) => i),
      references.map((r) => r.associationUscc),
      references.map((r) => r.idHash),
      references.map((r) => r.name),
      references.map((r) => r.birthDate),
      references.map((r) => r.role),
      references.map((r) => r.startedOn),
    ],
  );
  for (const row of rows) {
    const list = found.get(Number(row.i));
    if (list) list.push(Number(row.id));
    else found.set(Number(row.i), [Number(row.id)]);
  }
  return found;
}
