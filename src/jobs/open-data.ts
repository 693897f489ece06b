import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { canonicalJson, type TJson } from '../core/inspections/canonical.ts';
import { isIsoDate } from '../core/policy/dates.ts';
import type { Db, Queryable } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  findSnapshot,
  findSnapshotBefore,
  insertSnapshot,
  listSnapshotFiles,
  selectPublicAssociations,
  selectPublicCreditEntries,
  selectPublicDecouplingCases,
  selectPublicDraws,
  selectPublicDues,
  selectPublicFees,
  selectPublicInspectionResults,
  type TOpenFileRow,
  type TOpenRow,
} from '../db/repositories/open-data.repository.ts';

/** Bumped when a file's columns change meaning; added columns keep the version. */
export const OPEN_DATA_SCHEMA_VERSION = 1;

export const OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  notice: {
    zh: '本数据依知识共享署名 4.0 国际许可协议（CC BY 4.0）开放。使用时请注明来源：行业协会商会脱钩监管平台开放数据，并注明数据日期。',
    en: 'Released under the Creative Commons Attribution 4.0 International licence (CC BY 4.0). Attribute it as: Tuogou open data (industry association decoupling registry), with the snapshot date.',
  },
} as const;

type TDataset = {
  name: string;
  description: string;
  /** The columns that together identify a row; the first is always `uscc` where there is one. */
  key: readonly string[];
  select: (db: Queryable) => Promise<TOpenRow[]>;
};

/** The published datasets, each as `<name>.csv` and `<name>.jsonl`. */
export const OPEN_DATASETS: readonly TDataset[] = [
  {
    name: 'associations',
    description: 'The public registry: every association by USCC',
    key: ['uscc'],
    select: selectPublicAssociations,
  },
  {
    name: 'fees',
    description: 'Fee items and their standards',
    key: ['uscc', 'ref'],
    select: selectPublicFees,
  },
  {
    name: 'dues',
    description: 'Membership dues decisions and their tiers',
    key: ['uscc', 'ref'],
    select: selectPublicDues,
  },
  {
    name: 'credit-lists',
    description: 'Entries of the abnormal-activity and serious-violation lists',
    key: ['uscc', 'ref'],
    select: selectPublicCreditEntries,
  },
  {
    name: 'inspection-results',
    description: 'Published results of random inspections',
    key: ['uscc', 'draw_id'],
    select: selectPublicInspectionResults,
  },
  {
    name: 'decoupling',
    description: 'Decoupling cases and their status',
    key: ['uscc', 'ref'],
    select: selectPublicDecouplingCases,
  },
  {
    name: 'inspection-draws',
    description:
      'Random-inspection draws: the published document, its SHA-256, and after the draw the seed and result',
    key: ['draw_id'],
    select: selectPublicDraws,
  },
];

export type TManifest = {
  schemaVersion: number;
  asOf: string;
  previous: string | null;
  generatedAt: string;
  licence: typeof OPEN_DATA_LICENCE;
  files: { name: string; rows: number; sha256: string; bytes: number; description: string }[];
};

const CSV_TYPE = 'text/csv; charset=utf-8';
const JSONL_TYPE = 'application/x-ndjson; charset=utf-8';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The CSV cell of a value: arrays and objects as JSON, booleans as true/false, null empty. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function toCsv(rows: readonly TOpenRow[], columns: readonly string[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => csvCell(row[c]))),
    { header: true, columns: [...columns], record_delimiter: '\n' },
  );
}

const BOM = '\ufeff';

/**
 * A file's bytes as published. CSV files start with a byte-order mark so that spreadsheet programs
 * read the UTF-8 Chinese text correctly; it is added here, not stored, because a database driver may
 * drop a leading BOM when it reads text back.
 */
export function publishedContent(file: { name: string; content: string }): string {
  return file.name.endsWith('.csv') ? `${BOM}${file.content}` : file.content;
}

function fileRow(name: string, mediaType: string, content: string, rows: number): TOpenFileRow {
  const published = publishedContent({ name, content });
  return { name, mediaType, content, sha256: sha256(published), rows };
}

function toJsonl(rows: readonly TOpenRow[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

function keyOf(row: TOpenRow, key: readonly string[]): string {
  return key.map((k) => String(row[k] ?? '')).join('/');
}

export type TChange = {
  dataset: string;
  change: 'added' | 'changed' | 'removed';
  key: string;
  row: TOpenRow;
};

/** Rows added, changed (any column) and removed between two versions of one dataset, by key. */
export function diffRows(options: {
  dataset: string;
  key: readonly string[];
  before: readonly TOpenRow[];
  after: readonly TOpenRow[];
}): TChange[] {
  const { dataset, key } = options;
  const before = new Map(options.before.map((r) => [keyOf(r, key), r]));
  const changes: TChange[] = [];
  const seen = new Set<string>();
  for (const row of options.after) {
    const k = keyOf(row, key);
    seen.add(k);
    const old = before.get(k);
    if (!old) changes.push({ dataset, change: 'added', key: k, row });
    else if (canonicalJson(old as TJson) !== canonicalJson(row as TJson))
      changes.push({ dataset, change: 'changed', key: k, row });
  }
  for (const [k, row] of before) if (!seen.has(k)) changes.push({ dataset, change: 'removed', key: k, row });
  return changes;
}

function parseJsonl(content: string): TOpenRow[] {
  return content
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as TOpenRow);
}

export type PublishOpenDataOptions = {
  db: Db;
  actor: AuditActor;
  /** The snapshot's date, `YYYY-MM-DD`. */
  asOf: string;
  /** The clock for `generatedAt`. */
  now?: Date;
};

export type TPublishOutcome = { asOf: string; created: boolean; manifest: TManifest };

/**
 * Publishes the open-data snapshot of a date: every dataset as CSV and JSON Lines, the changes since
 * the previous snapshot, and a manifest with each file's SHA-256 and row count and the licence. The
 * snapshot holds the data as it stands when published; a date already published is left as it is.
 */
export async function publishOpenData(options: PublishOpenDataOptions): Promise<TPublishOutcome> {
  const { db, actor, asOf } = options;
  if (!isIsoDate(asOf)) throw new Error(`--as-of: expected a date YYYY-MM-DD, got "${asOf}"`);
  return db.transaction(async (tx) => {
    // One snapshot at a time: two servers starting the daily publication race on the same date.
    await tx.query('SELECT pg_advisory_xact_lock(4820172)');
    const existing = await findSnapshot(tx, asOf);
    if (existing) return { asOf, created: false, manifest: existing.manifest as TManifest };
    const previous = await findSnapshotBefore(tx, asOf);
    const previousFiles = previous
      ? new Map((await listSnapshotFiles(tx, previous.asOf)).map((f) => [f.name, f.content]))
      : new Map<string, string>();
    const files: (TOpenFileRow & { description: string })[] = [];
    const changes: TChange[] = [];
    for (const dataset of OPEN_DATASETS) {
      const rows = await dataset.select(tx);
      const columns = rows[0] ? Object.keys(rows[0]) : [...dataset.key];
      const csv = toCsv(rows, columns);
      const jsonl = toJsonl(rows);
      files.push(
        { ...fileRow(`${dataset.name}.csv`, CSV_TYPE, csv, rows.length), description: dataset.description },
        {
          ...fileRow(`${dataset.name}.jsonl`, JSONL_TYPE, jsonl, rows.length),
          description: dataset.description,
        },
      );
      const before = parseJsonl(previousFiles.get(`${dataset.name}.jsonl`) ?? '');
      changes.push(...diffRows({ dataset: dataset.name, key: dataset.key, before, after: rows }));
    }
    const changeRows: TOpenRow[] = changes.map((c) => ({
      dataset: c.dataset,
      change: c.change,
      key: c.key,
      row: JSON.stringify(c.row),
    }));
    const changesCsv = toCsv(changeRows, ['dataset', 'change', 'key', 'row']);
    const changesJsonl = toJsonl(changes as unknown as TOpenRow[]);
    const description = previous
      ? `Rows added, changed and removed since ${previous.asOf}`
      : 'Rows added since no earlier snapshot: everything';
    files.push(
      { ...fileRow('changes.csv', CSV_TYPE, changesCsv, changes.length), description },
      { ...fileRow('changes.jsonl', JSONL_TYPE, changesJsonl, changes.length), description },
    );
    const manifest: TManifest = {
      schemaVersion: OPEN_DATA_SCHEMA_VERSION,
      asOf,
      previous: previous?.asOf ?? null,
      generatedAt: (options.now ?? new Date()).toISOString(),
      licence: OPEN_DATA_LICENCE,
      files: files.map((f) => ({
        name: f.name,
        rows: f.rows,
        sha256: f.sha256,
        bytes: Buffer.byteLength(publishedContent(f), 'utf8'),
        description: f.description,
      })),
    };
    const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
    const stored: TOpenFileRow[] = [
      ...files.map(({ description: _d, ...f }) => f),
      fileRow('manifest.json', 'application/json; charset=utf-8', manifestJson, 0),
    ];
    await insertSnapshot(tx, { asOf, previous: previous?.asOf ?? null, manifest, files: stored });
    await appendAuditEvent(tx, {
      actor,
      action: 'open_data.publish',
      entity: 'open_data_snapshot',
      entityId: asOf,
      detail: {
        previous: previous?.asOf ?? null,
        files: manifest.files.map((f) => ({ name: f.name, rows: f.rows, sha256: f.sha256 })),
      },
    });
    return { asOf, created: true, manifest };
  });
}

/** Writes the files of a stored snapshot into `<folder>/<asOf>/`; returns that folder. */
export async function writeSnapshotFolder(options: {
  db: Queryable;
  asOf: string;
  folder: string;
}): Promise<string> {
  const target = join(options.folder, options.asOf);
  await mkdir(target, { recursive: true });
  for (const file of await listSnapshotFiles(options.db, options.asOf)) {
    await writeFile(join(target, file.name), publishedContent(file), 'utf8');
  }
  return target;
}
