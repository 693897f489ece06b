import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TAssociationRecord, TLinkRecord, TOrganRecord, TRosterRecord } from '../core/registry/types.ts';
import { FACT_KINDS, type TFactKind, type TPostApprovalImport } from '../import/fact-formats.ts';
import { factRow, headerKeys, rowCells, type TOutCell } from '../import/fact-rows.ts';
import type { TImportKind } from '../import/formats.ts';
import {
  generateDataset,
  type TGeneratedPost,
  type TPostApproval,
  type TScale,
  type TTruth,
} from './dataset.ts';
import type { TAssociationPolicyFacts } from './policy.ts';

/**
 * Writes a dataset as the CSV files the importer reads (UTF-8, English header row, `YYYY-MM-DD`
 * dates, `true`/`false`, empty for unknown): the registry, one file per kind of policy fact, the
 * approvals of posts by the post's natural key, and `truth.json`. Header rows and column order come
 * from the import formats, so the files are exactly what `tuogou import` and `tuogou screen` read.
 * Rows stream through buffered writers that wait for the disk, so memory stays flat however many
 * rows there are.
 */

/** The file of each fact kind: its name with hyphens, e.g. `decoupling-cases.csv`. */
export const factFileName = (kind: TFactKind) => `${kind.replaceAll('_', '-')}.csv` as const;

export const DATASET_FILES = [
  'organs.csv',
  'associations.csv',
  'links.csv',
  'posts.csv',
  'rosters-serving.csv',
  'rosters-retired.csv',
  ...FACT_KINDS.map(factFileName),
] as const;
export type TDatasetFile = (typeof DATASET_FILES)[number];

/** One CSV field: quoted when it holds a comma, quote, line break or outer blank. */
export function csvField(value: TOutCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const organCells = (o: TOrganRecord) =>
  rowCells('organs', {
    code: o.code,
    name: o.name,
    short_name: o.shortName,
    kind: o.kind,
    is_administrative: o.isAdministrative,
    level: o.level,
    region_code: o.regionCode,
    parent_code: o.parentCode,
    address: o.address,
    phone: o.phone,
    bank_account: o.bankAccount,
  });

const associationCells = (a: TAssociationRecord) =>
  rowCells('associations', {
    uscc: a.uscc,
    name: a.name,
    name_en: a.nameEn,
    short_name: a.shortName,
    level: a.level,
    region_code: a.regionCode,
    industry: a.industry,
    registrar: a.registrar,
    founded_on: a.foundedOn,
    registered_on: a.registeredOn,
    status: a.status,
    address: a.address,
    phone: a.phone,
    bank_account: a.bankAccount,
    member_count: a.memberCount,
  });

const linkCells = (l: TLinkRecord) =>
  rowCells('links', {
    organ_code: l.organCode,
    association_uscc: l.associationUscc,
    kind: l.kind,
    started_on: l.startedOn,
    ended_on: l.endedOn,
  });

// The post as the source wrote it: the resident ID as given (a legacy 15-digit one stays so).
const postCells = (p: TGeneratedPost) =>
  rowCells('posts', {
    post_ref: p.postRef,
    association_uscc: p.associationUscc,
    person_name: p.person.name,
    resident_id: p.sourceResidentId,
    sex: p.person.sex,
    birth_date: p.person.birthDate,
    role: p.role,
    branch_name: p.branchName,
    started_on: p.startedOn,
    ended_on: p.endedOn,
    term_number: p.termNumber,
    remunerated: p.remunerated,
    approval_ref: p.approvalRef,
    approval_date: p.approvalDate,
    recommended_by_organ_code: p.recommendedByOrganCode,
  });

const rosterCells = (r: TRosterRecord) =>
  rowCells('rosters', {
    source: r.source,
    record_key: r.recordKey,
    name: r.person.name,
    resident_id: r.person.residentId,
    sex: r.person.sex,
    birth_date: r.person.birthDate,
    status: r.status,
    retired_on: r.retiredOn,
    organ_code: r.organCode,
    organ_name: r.organName,
    rank: r.rank,
  });

/** A demo approval names its post by holder name and birth date, as an office's list would. */
export const postApprovalImport = (a: TPostApproval): TPostApprovalImport => ({
  associationUscc: a.associationUscc,
  person: { name: a.personName, residentId: null, birthDate: a.birthDate },
  role: a.role,
  startedOn: a.startedOn,
  kind: a.kind,
  ref: a.ref,
  date: a.date,
});

export type TWriteProgress = { file: TDatasetFile | 'truth.json'; rows: number; total: number };

export type WriteDatasetFilesOptions = {
  seed: number;
  scale: TScale;
  outDir: string;
  onProgress?: (progress: TWriteProgress) => void;
};

export type TWrittenDataset = { outDir: string; rows: Record<TDatasetFile, number>; truth: TTruth };

const FLUSH_BYTES = 1 << 20;

/** One CSV file being written: a header, then rows buffered and flushed when the disk is ready. */
class CsvSink {
  private readonly stream: WriteStream;
  private readonly failed: Promise<never>;
  private buffer: string;
  count = 0;

  constructor(
    path: string,
    kind: TImportKind,
    private readonly progress: (rows: number) => void,
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.failed = new Promise<never>((_, reject) => this.stream.once('error', reject));
    // Awaited in push and close; until then a failure must not go unhandled.
    this.failed.catch(() => {});
    this.buffer = `${headerKeys(kind).join(',')}\n`;
  }

  async push(cells: TOutCell[]): Promise<void> {
    this.buffer += `${cells.map(csvField).join(',')}\n`;
    this.count++;
    if (this.buffer.length >= FLUSH_BYTES) {
      const ready = this.stream.write(this.buffer);
      this.buffer = '';
      if (!ready) await Promise.race([once(this.stream, 'drain'), this.failed]);
      this.progress(this.count);
    }
  }

  async close(): Promise<number> {
    this.stream.end(this.buffer);
    this.buffer = '';
    await Promise.race([once(this.stream, 'finish'), this.failed]);
    this.progress(this.count);
    return this.count;
  }
}

async function writeCsv<R>(
  path: string,
  kind: TImportKind,
  rows: Iterable<R>,
  toCells: (row: R) => TOutCell[],
  progress: (rows: number) => void,
): Promise<number> {
  const sink = new CsvSink(path, kind, progress);
  for (const row of rows) await sink.push(toCells(row));
  return sink.close();
}

type TFactRows = { [K in TFactKind]: (bundle: TAssociationPolicyFacts) => readonly unknown[] };

/** The records of each fact kind in one association's bundle. */
const BUNDLE_RECORDS: Omit<TFactRows, 'post_approvals'> = {
  association_extras: (b) => [b.extras],
  scope_decisions: (b) => (b.scopeDecision ? [b.scopeDecision] : []),
  decoupling_cases: (b) => (b.case ? [b.case] : []),
  functions: (b) => b.functions,
  finance_bases: (b) => (b.financeBase ? [b.financeBase] : []),
  finance_years: (b) => b.financeYears,
  charter_amendments: (b) => b.charterAmendments,
  institutions: (b) => b.institutions,
  staff: (b) => b.staff,
  party_organisations: (b) => (b.party ? [b.party] : []),
  foreign_affairs: (b) => (b.foreignAffairs ? [b.foreignAffairs] : []),
  fee_items: (b) => b.feeItems,
  dues_decisions: (b) => b.duesDecisions,
  awards: (b) => b.awards,
  annual_reports: (b) => b.annualReports,
  penalties: (b) => b.penalties,
  rectifications: (b) => b.rectifications,
  unreachable: (b) => b.unreachable,
  court_defaults: (b) => b.courtDefaults,
  credit_entries: (b) => b.creditEntries,
};

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
    'organs',
    dataset.organs,
    organCells,
    report('organs.csv', counts.organs),
  );
  rows['associations.csv'] = await writeCsv(
    join(outDir, 'associations.csv'),
    'associations',
    dataset.associations,
    associationCells,
    report('associations.csv', counts.associations),
  );
  rows['links.csv'] = await writeCsv(
    join(outDir, 'links.csv'),
    'links',
    dataset.links,
    linkCells,
    report('links.csv', counts.links),
  );
  rows['posts.csv'] = await writeCsv(
    join(outDir, 'posts.csv'),
    'posts',
    dataset.posts(),
    postCells,
    report('posts.csv', counts.posts),
  );
  rows['rosters-serving.csv'] = await writeCsv(
    join(outDir, 'rosters-serving.csv'),
    'rosters',
    dataset.servingRoster(),
    rosterCells,
    report('rosters-serving.csv', counts.servingRoster),
  );
  rows['rosters-retired.csv'] = await writeCsv(
    join(outDir, 'rosters-retired.csv'),
    'rosters',
    dataset.retiredRoster(),
    rosterCells,
    report('rosters-retired.csv', counts.retiredRoster),
  );
  const approvalsFile = factFileName('post_approvals');
  rows[approvalsFile] = await writeCsv(
    join(outDir, approvalsFile),
    'post_approvals',
    dataset.postApprovals,
    (a) => factRow('post_approvals', postApprovalImport(a)),
    report(approvalsFile, dataset.postApprovals.length),
  );
  // One pass over the associations feeds every fact file: the facts are built once, at any scale.
  const kinds = FACT_KINDS.filter((kind) => kind !== 'post_approvals');
  const sinks = new Map(
    kinds.map((kind) => [
      kind,
      new CsvSink(join(outDir, factFileName(kind)), kind, report(factFileName(kind), counts.associations)),
    ]),
  );
  for (const bundle of dataset.policyFactsByAssociation()) {
    for (const kind of kinds) {
      const sink = sinks.get(kind)!;
      for (const record of BUNDLE_RECORDS[kind](bundle)) await sink.push(factRow(kind, record as never));
    }
  }
  for (const kind of kinds) rows[factFileName(kind)] = await sinks.get(kind)!.close();
  await writeFile(join(outDir, 'truth.json'), `${JSON.stringify(dataset.truth, null, 2)}\n`);
  onProgress?.({ file: 'truth.json', rows: 1, total: 1 });
  return { outDir, rows, truth: dataset.truth };
}
