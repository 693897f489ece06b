import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TAssociationRecord, TLinkRecord, TOrganRecord, TRosterRecord } from '../core/registry/types.ts';
import {
  generateDataset,
  type TGeneratedPost,
  type TPostApproval,
  type TScale,
  type TTruth,
} from './dataset.ts';

/**
 * Writes a dataset as the CSV files the importer reads (UTF-8, header row, `YYYY-MM-DD` dates,
 * `true`/`false`, empty for unknown), the approvals of posts by the post's natural key, the policy
 * facts as JSON Lines (one association a line, the records named as the fact tables name them) and
 * `truth.json`. Rows stream through a buffered writer that
 * waits for the disk, so memory stays flat however many rows there are.
 */

export const DATASET_FILES = [
  'organs.csv',
  'associations.csv',
  'links.csv',
  'posts.csv',
  'rosters-serving.csv',
  'rosters-retired.csv',
  'post-approvals.csv',
  'policy-facts.jsonl',
] as const;
export type TDatasetFile = (typeof DATASET_FILES)[number];

type TCell = string | number | boolean | null | undefined;

/** One CSV field: quoted when it holds a comma, quote, line break or outer blank. */
export function csvField(value: TCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const ORGAN_COLUMNS = [
  'code',
  'name',
  'short_name',
  'kind',
  'is_administrative',
  'level',
  'region_code',
  'parent_code',
  'address',
  'phone',
  'bank_account',
];
const organRow = (o: TOrganRecord): TCell[] => [
  o.code,
  o.name,
  o.shortName,
  o.kind,
  o.isAdministrative,
  o.level,
  o.regionCode,
  o.parentCode,
  o.address,
  o.phone,
  o.bankAccount,
];

const ASSOCIATION_COLUMNS = [
  'uscc',
  'name',
  'name_en',
  'short_name',
  'level',
  'region_code',
  'industry',
  'registrar',
  'founded_on',
  'registered_on',
  'status',
  'address',
  'phone',
  'bank_account',
  'member_count',
];
const associationRow = (a: TAssociationRecord): TCell[] => [
  a.uscc,
  a.name,
  a.nameEn,
  a.shortName,
  a.level,
  a.regionCode,
  a.industry,
  a.registrar,
  a.foundedOn,
  a.registeredOn,
  a.status,
  a.address,
  a.phone,
  a.bankAccount,
  a.memberCount,
];

const LINK_COLUMNS = ['organ_code', 'association_uscc', 'kind', 'started_on', 'ended_on'];
const linkRow = (l: TLinkRecord): TCell[] => [l.organCode, l.associationUscc, l.kind, l.startedOn, l.endedOn];

const POST_COLUMNS = [
  'post_ref',
  'association_uscc',
  'person_name',
  'resident_id',
  'sex',
  'birth_date',
  'role',
  'branch_name',
  'started_on',
  'ended_on',
  'term_number',
  'remunerated',
  'approval_ref',
  'approval_date',
  'recommended_by_organ_code',
];
const postRow = (p: TGeneratedPost): TCell[] => [
  p.postRef,
  p.associationUscc,
  p.person.name,
  p.sourceResidentId,
  p.person.sex,
  p.person.birthDate,
  p.role,
  p.branchName,
  p.startedOn,
  p.endedOn,
  p.termNumber,
  p.remunerated,
  p.approvalRef,
  p.approvalDate,
  p.recommendedByOrganCode,
];

const ROSTER_COLUMNS = [
  'source',
  'record_key',
  'name',
  'resident_id',
  'sex',
  'birth_date',
  'status',
  'retired_on',
  'organ_code',
  'organ_name',
  'rank',
];
const rosterRow = (r: TRosterRecord): TCell[] => [
  r.source,
  r.recordKey,
  r.person.name,
  r.person.residentId,
  r.person.sex,
  r.person.birthDate,
  r.status,
  r.retiredOn,
  r.organCode,
  r.organName,
  r.rank,
];

const POST_APPROVAL_COLUMNS = [
  'association_uscc',
  'person_name',
  'birth_date',
  'role',
  'started_on',
  'kind',
  'ref',
  'date',
];
const postApprovalRow = (a: TPostApproval): TCell[] => [
  a.associationUscc,
  a.personName,
  a.birthDate,
  a.role,
  a.startedOn,
  a.kind,
  a.ref,
  a.date,
];

export type TWriteProgress = { file: TDatasetFile | 'truth.json'; rows: number; total: number };

export type WriteDatasetFilesOptions = {
  seed: number;
  scale: TScale;
  outDir: string;
  onProgress?: (progress: TWriteProgress) => void;
};

export type TWrittenDataset = { outDir: string; rows: Record<TDatasetFile, number>; truth: TTruth };

const FLUSH_BYTES = 1 << 20;

function writeCsv<R>(
  path: string,
  columns: string[],
  rows: Iterable<R>,
  toCells: (row: R) => TCell[],
  progress: (rows: number) => void,
): Promise<number> {
  return writeLines(path, rows, (row) => toCells(row).map(csvField).join(','), progress, columns.join(','));
}

/** Streams one line per row, after an optional header, through the buffered writer. */
async function writeLines<R>(
  path: string,
  rows: Iterable<R>,
  toLine: (row: R) => string,
  progress: (rows: number) => void,
  header?: string,
): Promise<number> {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  let buffer = header === undefined ? '' : `${header}\n`;
  let count = 0;
  for (const row of rows) {
    buffer += `${toLine(row)}\n`;
    count++;
    if (buffer.length >= FLUSH_BYTES) {
      if (!stream.write(buffer)) await Promise.race([once(stream, 'drain'), failed]);
      buffer = '';
      progress(count);
    }
  }
  stream.end(buffer);
  await Promise.race([once(stream, 'finish'), failed]);
  progress(count);
  return count;
}

/**
 * Generates the dataset for `seed` and `scale` and writes its files into `outDir` (created if needed).
 * The same seed and scale always give byte-identical files.
 */
export async function writeDatasetFiles({
  seed,
  scale,
  outDir,
  onProgress,
}: WriteDatasetFilesOptions): Promise<TWrittenDataset> {
  await mkdir(outDir, { recursive: true });
  const dataset = generateDataset({ seed, scale });
  const { counts } = dataset.truth;
  const report = (file: TDatasetFile, total: number) => (rows: number) => onProgress?.({ file, rows, total });
  const rows = {} as Record<TDatasetFile, number>;
  rows['organs.csv'] = await writeCsv(
    join(outDir, 'organs.csv'),
    ORGAN_COLUMNS,
    dataset.organs,
    organRow,
    report('organs.csv', counts.organs),
  );
  rows['associations.csv'] = await writeCsv(
    join(outDir, 'associations.csv'),
    ASSOCIATION_COLUMNS,
    dataset.associations,
    associationRow,
    report('associations.csv', counts.associations),
  );
  rows['links.csv'] = await writeCsv(
    join(outDir, 'links.csv'),
    LINK_COLUMNS,
    dataset.links,
    linkRow,
    report('links.csv', counts.links),
  );
  rows['posts.csv'] = await writeCsv(
    join(outDir, 'posts.csv'),
    POST_COLUMNS,
    dataset.posts(),
    postRow,
    report('posts.csv', counts.posts),
  );
  rows['rosters-serving.csv'] = await writeCsv(
    join(outDir, 'rosters-serving.csv'),
    ROSTER_COLUMNS,
    dataset.servingRoster(),
    rosterRow,
    report('rosters-serving.csv', counts.servingRoster),
  );
  rows['rosters-retired.csv'] = await writeCsv(
    join(outDir, 'rosters-retired.csv'),
    ROSTER_COLUMNS,
    dataset.retiredRoster(),
    rosterRow,
    report('rosters-retired.csv', counts.retiredRoster),
  );
  rows['post-approvals.csv'] = await writeCsv(
    join(outDir, 'post-approvals.csv'),
    POST_APPROVAL_COLUMNS,
    dataset.postApprovals,
    postApprovalRow,
    report('post-approvals.csv', dataset.postApprovals.length),
  );
  rows['policy-facts.jsonl'] = await writeLines(
    join(outDir, 'policy-facts.jsonl'),
    dataset.policyFactsByAssociation(),
    (facts) => JSON.stringify(facts),
    report('policy-facts.jsonl', counts.associations),
  );
  await writeFile(join(outDir, 'truth.json'), `${JSON.stringify(dataset.truth, null, 2)}\n`);
  onProgress?.({ file: 'truth.json', rows: 1, total: 1 });
  return { outDir, rows, truth: dataset.truth };
}
