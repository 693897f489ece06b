import type { Queryable } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import type { UpsertCounts } from '../db/repositories/registry.repository.ts';
import type { TImportKind } from './formats.ts';
import type { TFileStats } from './read.ts';

export type RecordImportRunOptions = {
  actor: AuditActor;
  fileName: string;
  stats: TFileStats;
  sheet: string | null;
  kind: TImportKind;
  rows: number;
  counts: UpsertCounts;
  notices: number;
};

/**
 * Records one imported table: an `import_runs` row and its audit event, in the transaction that wrote
 * the rows, so the record of the import and the import itself land together.
 */
export async function recordImportRun(tx: Queryable, options: RecordImportRunOptions): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO import_runs (file_name, sha256, kind, rows, inserted, updated, unchanged, actor_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      options.fileName,
      options.stats.sha256 ?? '',
      options.kind,
      options.rows,
      options.counts.inserted,
      options.counts.updated,
      options.counts.unchanged,
      options.actor.label,
    ],
  );
  const id = rows[0]!.id;
  await appendAuditEvent(tx, {
    actor: options.actor,
    action: `import.${options.kind}`,
    entity: 'import_run',
    entityId: id,
    detail: {
      file: options.fileName,
      sheet: options.sheet,
      sha256: options.stats.sha256,
      format: options.stats.format,
      encoding: options.stats.encoding,
      rows: options.rows,
      inserted: options.counts.inserted,
      updated: options.counts.updated,
      unchanged: options.counts.unchanged,
      notices: options.notices,
    },
  });
  return id;
}
