import type { Db, Queryable } from '../db/database.ts';
import type { AuditActor } from '../db/repositories/audit.repository.ts';
import { upsertPostApprovals } from '../db/repositories/facts.repository.ts';
import { lookupPostIds } from '../db/repositories/facts-import.repository.ts';
import {
  findMissingOrgans,
  lookupIds,
  MissingReferenceError,
  type UpsertCounts,
  upsertAssociations,
  upsertLinks,
  upsertOrgans,
  upsertPosts,
  upsertRosterRecords,
} from '../db/repositories/registry.repository.ts';
import type { PersonalDataProtector } from '../security/personal-data.ts';
import { postKeyOf } from './fact-formats.ts';
import { isAssociationFactKind, writeAssociationFacts } from './fact-writes.ts';
import {
  columnForHeader,
  FORMATS,
  IMPORT_KINDS,
  recogniseKind,
  type TColumn,
  type TFormat,
  type TImportKind,
  type TRecordOf,
  type TReference,
  type TRowValues,
} from './formats.ts';
import { recordImportRun } from './import-runs.repository.ts';
import {
  displayValue,
  MAX_ERRORS,
  StopReading,
  type TImportIssue,
  type TIssueCode,
  type TText,
  text,
} from './issues.ts';
import { DEFAULT_MAX_BYTES, readTables, type TFileStats, type TRawRow, type TSource } from './read.ts';
import { assertNever, cellText, isEmptyCell, type TCell, type TParseContext } from './values.ts';

export const MAX_CELL_CHARS = 10_000;
export const MAX_COLUMNS = 200;
export const DEFAULT_BATCH_SIZE = 5_000;

/** Keys that files of the same folder define: references to them get a message naming the file. */
export type TFolderKeys = { association: Map<string, string>; organ: Map<string, string> };

export type TImportProgress = { rows: number; bytes: number };

export type ImportFileOptions = {
  db: Db;
  protector: PersonalDataProtector;
  actor: AuditActor;
  fileName: string;
  content: TSource;
  /** Forces the kind instead of recognising it from the header row. */
  kind?: TImportKind;
  /** Checks everything, writes inside the transaction and rolls it back. */
  dryRun?: boolean;
  maxBytes?: number;
  batchSize?: number;
  /** The day the file is checked (`YYYY-MM-DD`), for date ranges; today by default. */
  today?: string;
  onProgress?: (progress: TImportProgress) => void;
  /** For folder imports: keys defined by the other files of the folder that did not land. */
  folderKeys?: TFolderKeys;
  /** For folder imports: collects the natural keys of organs and associations this file defines. */
  definedKeys?: TFolderKeys;
  /**
   * For folder dry runs: keys that earlier files of the folder define (they were checked, not written).
   * References to them are accepted and no row is written, since nothing the rows point to exists.
   */
  assumedKeys?: TFolderKeys;
};

export type TImportTableResult = {
  sheet: string | null;
  kind: TImportKind;
  rows: number;
  counts: UpsertCounts;
};

export type TImportResult = {
  file: string;
  /** True when the file landed (or, in a dry run, would land). */
  ok: boolean;
  dryRun: boolean;
  stats: TFileStats;
  tables: TImportTableResult[];
  counts: UpsertCounts;
  /** Errors first, then notices. */
  issues: TImportIssue[];
  errorCount: number;
  noticeCount: number;
  /** Reading stopped at the error limit. */
  truncated: boolean;
};

class Rollback extends Error {}

type TPending<K extends TImportKind> = { row: number; record: TRecordOf[K] };

const ZERO: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
const add = (a: UpsertCounts, b: UpsertCounts): UpsertCounts => ({
  inserted: a.inserted + b.inserted,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
});

function todayIso(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** Collects the issues of one file and stops reading at the error limit. */
class IssueLog {
  readonly errors: TImportIssue[] = [];
  readonly notices: TImportIssue[] = [];
  noticeCount = 0;
  truncated = false;

  constructor(readonly file: string) {}

  error(issue: Omit<TImportIssue, 'severity' | 'file'>): void {
    if (this.errors.length >= MAX_ERRORS) return;
    this.errors.push({ severity: 'error', file: this.file, ...issue });
    if (this.errors.length >= MAX_ERRORS) {
      this.truncated = true;
      this.errors.push({
        severity: 'error',
        file: this.file,
        sheet: issue.sheet,
        row: null,
        column: null,
        value: null,
        code: 'too_many_errors',
        problem: text(
          `错误已达 ${MAX_ERRORS} 个，停止检查其余各行`,
          `${MAX_ERRORS} errors reached; the rest of the file was not checked`,
        ),
        expected: text('改正以上错误后重新导入', 'correct these errors and import the file again'),
      });
      throw new StopReading(null);
    }
  }

  notice(issue: Omit<TImportIssue, 'severity' | 'file'>): void {
    this.noticeCount += 1;
    if (this.notices.length < MAX_ERRORS)
      this.notices.push({ severity: 'notice', file: this.file, ...issue });
  }
}

type TTableContext = {
  tx: Queryable;
  options: ImportFileOptions;
  log: IssueLog;
  sheet: string | null;
  today: string;
  /** Natural keys known to exist: in the registry or written earlier in this transaction. */
  known: { association: Set<string>; organ: Set<string> };
  /** Database ids of referenced records, by natural key, as looked up so far. */
  ids: { association: Map<string, number>; organ: Map<string, number> };
  onRow: () => void;
};

/**
 * Imports one table (a CSV file or a worksheet) inside the file's transaction: reads the header,
 * parses and checks every row, and writes valid rows in batches while the file is still error-free.
 */
async function importTable(
  context: TTableContext,
  rows: AsyncIterable<TRawRow>,
): Promise<TImportTableResult | null> {
  const { log, sheet } = context;
  const iterator = rows[Symbol.asyncIterator]();
  let header: TRawRow | undefined;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    if (!next.value.cells.every((cell) => isEmptyCell(cell))) {
      header = next.value;
      break;
    }
  }
  if (!header) return null;
  const headers = header.cells.map((cell) => (cell == null ? '' : cellText(cell)));
  const kind = context.options.kind ?? recogniseKind(headers);
  if (!kind) {
    log.error({
      sheet,
      row: header.row,
      column: null,
      value: headers.filter(Boolean).slice(0, 8).join(', '),
      code: 'unknown_kind',
      problem: text('无法从表头识别文件类型', 'the header row does not match any kind of file'),
      expected: text(
        `以下之一的表头：${IMPORT_KINDS.map((k) => FORMATS[k].title.zh).join('；')}（见模板）`,
        `the header of one of: ${IMPORT_KINDS.join(', ')} (see the templates)`,
      ),
    });
    await drainRows(iterator);
    return null;
  }
  const table = new TableImport(context, FORMATS[kind] as TFormat<TImportKind>, header.row, headers);
  if (!table.headerOk) {
    await drainRows(iterator);
    return null;
  }
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      await table.addRow(next.value);
      context.onRow();
    }
    await table.finish();
  } finally {
    // Reading may stop early (error limit, broken file): the batch in flight ends before the rollback.
    await table.settle();
  }
  return { sheet, kind, rows: table.rowCount, counts: table.counts };
}

async function drainRows(iterator: AsyncIterator<TRawRow>): Promise<void> {
  for (let next = await iterator.next(); !next.done; next = await iterator.next());
}

class TableImport {
  readonly headerOk: boolean;
  rowCount = 0;
  counts: UpsertCounts = ZERO;
  private readonly mapping: { index: number; column: TColumn; header: string }[] = [];
  private readonly headerOf = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private batch: TPending<TImportKind>[] = [];
  private readonly parseContext: TParseContext;
  private readonly batchSize: number;
  /**
   * The batch being checked and written while the next one is read: the database works on one batch
   * while this process parses the next. Batches are still written one after the other, in file order.
   */
  private writing: Promise<void> = Promise.resolve();
  /** Organs whose parent comes later in the file: written once the file has been read. */
  private readonly deferredOrgans: TPending<'organs'>[] = [];
  /** Database ids of the posts that approvals name, by the post's natural key. */
  private readonly postIds = new Map<string, number>();

  constructor(
    private readonly context: TTableContext,
    private readonly format: TFormat<TImportKind>,
    headerRow: number,
    headers: string[],
  ) {
    const { log, sheet } = context;
    this.parseContext = { today: context.today };
    this.batchSize = context.options.batchSize ?? DEFAULT_BATCH_SIZE;
    const errorsBefore = log.errors.length;
    if (headers.length > MAX_COLUMNS) {
      log.error({
        sheet,
        row: headerRow,
        column: null,
        value: String(headers.length),
        code: 'too_many_columns',
        problem: text(`表头有 ${headers.length} 列`, `the header has ${headers.length} columns`),
        expected: text(`不超过 ${MAX_COLUMNS} 列`, `at most ${MAX_COLUMNS} columns`),
      });
    }
    const known = format.columns.map((c) => `${c.zh} (${c.key})`).join(', ');
    headers.forEach((header, index) => {
      if (header === '') return;
      const column = columnForHeader(format.kind, header);
      if (!column) {
        log.error({
          sheet,
          row: headerRow,
          column: header,
          value: header,
          code: 'unknown_column',
          problem: text(
            `“${header}”不是${format.title.zh}文件的列`,
            `"${header}" is not a column of ${format.kind} files`,
          ),
          expected: text(`以下列之一：${known}`, `one of the columns: ${known}`),
        });
        return;
      }
      if (this.headerOf.has(column.key)) {
        log.error({
          sheet,
          row: headerRow,
          column: header,
          value: header,
          code: 'duplicate_column',
          problem: text(
            `与“${this.headerOf.get(column.key)}”是同一列`,
            `names the same column as "${this.headerOf.get(column.key)}"`,
          ),
          expected: text('每列只出现一次', 'each column once'),
        });
        return;
      }
      this.headerOf.set(column.key, header);
      this.mapping.push({ index, column, header });
    });
    for (const column of format.columns) {
      if (column.required && !this.headerOf.has(column.key)) {
        log.error({
          sheet,
          row: headerRow,
          column: column.zh,
          value: null,
          code: 'missing_column',
          problem: text(
            `缺少必填列“${column.zh}”（${column.key}）`,
            `the required column "${column.key}" (${column.zh}) is missing`,
          ),
          expected: text(
            `表头中有“${column.zh}”或“${column.key}”`,
            `a header "${column.key}" or "${column.zh}"`,
          ),
        });
      }
    }
    this.headerOk = log.errors.length === errorsBefore;
  }

  private columnLabel(key: string): string {
    const header = this.headerOf.get(key);
    if (header) return header;
    const column = this.format.columns.find((c) => c.key === key);
    return column ? `${column.zh} (${column.key})` : key;
  }

  private cellError(
    row: number,
    column: string,
    code: TIssueCode,
    problem: TText,
    expected: TText,
    value: string | null,
  ): void {
    this.context.log.error({ sheet: this.context.sheet, row, column, value, code, problem, expected });
  }

  async addRow(raw: TRawRow): Promise<void> {
    const { log, sheet } = this.context;
    const cells = raw.cells;
    let empty = true;
    for (const cell of cells) {
      if (!isEmptyCell(cell)) {
        empty = false;
        break;
      }
    }
    if (empty) return;
    this.rowCount += 1;
    if (cells.length > MAX_COLUMNS) {
      log.error({
        sheet,
        row: raw.row,
        column: null,
        value: String(cells.length),
        code: 'too_many_columns',
        problem: text(`这一行有 ${cells.length} 列`, `the row has ${cells.length} columns`),
        expected: text(`不超过 ${MAX_COLUMNS} 列`, `at most ${MAX_COLUMNS} columns`),
      });
      return;
    }
    const values: TRowValues = new Map();
    let rowOk = true;
    // A plain loop without a closure per cell: this runs for every cell of every row.
    for (let m = 0; m < this.mapping.length; m++) {
      const { index, column, header } = this.mapping[m]!;
      const cell: TCell = cells[index] ?? null;
      if (cell === null || cell === '') {
        if (column.required) {
          rowOk = false;
          this.cellError(
            raw.row,
            header,
            'required',
            text('必填项为空', 'is empty but required'),
            column.format,
            null,
          );
        }
        continue;
      }
      if (typeof cell === 'string') {
        if (cell.length > MAX_CELL_CHARS) {
          rowOk = false;
          this.cellError(
            raw.row,
            header,
            'cell_too_long',
            text(`有 ${cell.length} 个字符`, `has ${cell.length} characters`),
            text(`不超过 ${MAX_CELL_CHARS} 个字符`, `at most ${MAX_CELL_CHARS} characters`),
            displayValue(cell, column.personal === true),
          );
          continue;
        }
        if (isEmptyCell(cell)) {
          if (column.required) {
            rowOk = false;
            this.cellError(
              raw.row,
              header,
              'required',
              text('必填项为空', 'is empty but required'),
              column.format,
              null,
            );
          }
          continue;
        }
      }
      const parsed = column.parse(cell, this.parseContext);
      if (!parsed.ok) {
        rowOk = false;
        this.cellError(
          raw.row,
          header,
          parsed.code ?? 'invalid_value',
          parsed.problem,
          parsed.expected,
          displayValue(cellText(cell), column.personal === true),
        );
        continue;
      }
      if (parsed.notice) {
        log.notice({
          sheet,
          row: raw.row,
          column: header,
          value: displayValue(String(parsed.value), column.personal === true),
          code: 'resident_id_upgraded',
          problem: parsed.notice.problem,
          expected: parsed.notice.expected,
        });
      }
      values.set(column.key, parsed.value);
    }
    this.noteDefined(values);
    if (!rowOk) return;
    const built = this.format.build(values);
    if (built.problems.length > 0) {
      for (const problem of built.problems) {
        const column = this.format.columns.find((c) => c.key === problem.column);
        const index = this.mapping.find((m) => m.column.key === problem.column)?.index;
        const cell = index === undefined ? null : (cells[index] ?? null);
        log.error({
          sheet,
          row: raw.row,
          column: this.columnLabel(problem.column),
          value: cell == null ? null : displayValue(cellText(cell), column?.personal === true),
          code: problem.code ?? 'inconsistent',
          problem: problem.problem,
          expected: problem.expected,
        });
      }
      return;
    }
    const key = this.format.naturalKey(built.record);
    const first = this.seen.get(key);
    if (first !== undefined) {
      const keyColumns = this.format.keyColumns.filter((k) => this.headerOf.has(k));
      log.error({
        sheet,
        row: raw.row,
        column: keyColumns.map((k) => this.columnLabel(k)).join(' + '),
        value: keyColumns
          .map((k) => {
            const m = this.mapping.find((x) => x.column.key === k)!;
            const cell = cells[m.index];
            return cell == null ? '' : displayValue(cellText(cell), m.column.personal === true);
          })
          .join(' | '),
        code: 'duplicate_key',
        problem: text(
          `与第 ${first} 行重复（同一记录出现两次）`,
          `repeats row ${first} (the same record twice)`,
        ),
        expected: text('每条记录只出现一次', 'each record once'),
      });
      return;
    }
    this.seen.set(key, raw.row);
    this.batch.push({ row: raw.row, record: built.record });
    if (this.batch.length >= this.batchSize) {
      await this.writing;
      const batch = this.batch;
      this.batch = [];
      this.writing = this.flush(batch);
      // Awaited before the next batch and at the end; until then a failure must not go unhandled.
      this.writing.catch(() => {});
    }
  }

  /** Turns references to records that exist nowhere into row errors; returns the rows that may be written. */
  private async checkReferences(batch: TPending<TImportKind>[]): Promise<TPending<TImportKind>[]> {
    const { tx, known, ids } = this.context;
    const wanted = { association: new Set<string>(), organ: new Set<string>() };
    const refsOf = batch.map((p) => this.format.references(p.record));
    for (const refs of refsOf)
      for (const ref of refs)
        if (!known[ref.target].has(ref.key) && !ids[ref.target].has(ref.key)) wanted[ref.target].add(ref.key);
    const missing = { association: new Set<string>(), organ: new Set<string>() };
    // The ids found are kept for the write, so that a key is looked up once per file, not per batch.
    for (const target of ['association', 'organ'] as const) {
      if (wanted[target].size === 0) continue;
      const found = await lookupIds(tx, target === 'association' ? 'associations' : 'organs', wanted[target]);
      for (const key of wanted[target]) {
        const id = found.get(key);
        if (id === undefined) missing[target].add(key);
        else ids[target].set(key, id);
      }
    }
    if (missing.association.size === 0 && missing.organ.size === 0) return batch;
    const kept: TPending<TImportKind>[] = [];
    batch.forEach((pending, i) => {
      const bad = refsOf[i]!.filter((ref) => missing[ref.target].has(ref.key));
      for (const ref of bad) this.unknownReference(pending.row, ref);
      if (bad.length === 0) kept.push(pending);
    });
    return kept;
  }

  private unknownReference(row: number, ref: TReference): void {
    const inFile = this.context.options.folderKeys?.[ref.target].get(ref.key);
    const what = ref.target === 'association' ? text('协会', 'association') : text('机关', 'organ');
    this.context.log.error({
      sheet: this.context.sheet,
      row,
      column: this.columnLabel(ref.column),
      value: ref.key,
      code: 'unknown_reference',
      problem: inFile
        ? text(
            `${what.zh}在文件“${inFile}”中，但该文件有错误未导入`,
            `the ${what.en} is in "${inFile}", which has errors and was not imported`,
          )
        : text(
            `系统中和本次导入中都没有这个${what.zh}`,
            `no such ${what.en} in the registry or in this import`,
          ),
      expected: inFile
        ? text(`先改正“${inFile}”`, `correct "${inFile}" first`)
        : text(
            `已登记的${what.zh}，或在同一批文件中一并导入`,
            `an ${what.en} already registered, or one imported with it`,
          ),
    });
  }

  private async flush(batch: TPending<TImportKind>[]): Promise<void> {
    if (batch.length === 0) return;
    let writable = await this.checkReferences(batch);
    if (this.format.kind === 'post_approvals' && !this.context.options.assumedKeys) {
      writable = await this.resolvePosts(writable as TPending<'post_approvals'>[]);
    }
    if (this.format.kind === 'organs') {
      await this.writeOrgans(writable as TPending<'organs'>[]);
      return;
    }
    await this.write(writable);
  }

  /**
   * Approvals name their post by its natural key: each must name exactly one post of the registry.
   * The ids found are kept for the write.
   */
  private async resolvePosts(batch: TPending<'post_approvals'>[]): Promise<TPending<TImportKind>[]> {
    const { tx, options, log, sheet } = this.context;
    const found = await lookupPostIds(
      tx,
      batch.map(({ record }) => ({
        associationUscc: record.associationUscc,
        idHash: record.person.residentId ? options.protector.hash(record.person.residentId) : null,
        name: record.person.name,
        birthDate: record.person.birthDate,
        role: record.role,
        startedOn: record.startedOn,
      })),
    );
    const kept: TPending<TImportKind>[] = [];
    const columns = ['person_name', 'role', 'started_on'].map((k) => this.columnLabel(k)).join(' + ');
    batch.forEach((pending, i) => {
      const ids = found.get(i) ?? [];
      const { record } = pending;
      const value = `${record.person.name} | ${record.role} | ${record.startedOn}`;
      if (ids.length === 1) {
        this.postIds.set(postKeyOf(record), ids[0]!);
        kept.push(pending);
        return;
      }
      log.error({
        sheet,
        row: pending.row,
        column: columns,
        value,
        code: 'unknown_reference',
        problem:
          ids.length === 0
            ? text(
                '系统中没有这项任职（按协会、任职人、职务和任职开始日期查找）',
                'no such post in the registry (by association, holder, role and start date)',
              )
            : text(
                `有 ${ids.length} 项任职与之相符，无法确定是哪一项`,
                `${ids.length} posts match it; it cannot tell which`,
              ),
        expected:
          ids.length === 0
            ? text('已导入的任职（先导入任职文件）', 'a post already imported (import the posts file first)')
            : text('填写身份证号以确定任职人', "the holder's resident ID, to tell the holders apart"),
      });
    });
    return kept;
  }

  private async write(batch: TPending<TImportKind>[]): Promise<void> {
    const { tx, log, options, known, ids } = this.context;
    // Once the file has an error it will be rolled back: reading on only collects further errors.
    if (log.errors.length > 0 || batch.length === 0 || options.assumedKeys) return;
    const records = batch.map((p) => p.record);
    const kind = this.format.kind;
    switch (kind) {
      case 'organs':
        this.counts = add(this.counts, await upsertOrgans(tx, records as TRecordOf['organs'][]));
        for (const r of records as TRecordOf['organs'][]) known.organ.add(r.code);
        return;
      case 'associations':
        this.counts = add(this.counts, await upsertAssociations(tx, records as TRecordOf['associations'][]));
        for (const r of records as TRecordOf['associations'][]) known.association.add(r.uscc);
        return;
      case 'links':
        this.counts = add(
          this.counts,
          await upsertLinks(tx, records as TRecordOf['links'][], {
            associationIds: ids.association,
            organIds: ids.organ,
          }),
        );
        return;
      case 'posts':
        this.counts = add(
          this.counts,
          await upsertPosts(tx, records as TRecordOf['posts'][], options.protector, {
            associationIds: ids.association,
            organIds: ids.organ,
          }),
        );
        return;
      case 'rosters':
        this.counts = add(
          this.counts,
          await upsertRosterRecords(tx, records as TRecordOf['rosters'][], options.protector),
        );
        return;
      case 'post_approvals':
        this.counts = add(
          this.counts,
          await upsertPostApprovals(
            tx,
            (records as TRecordOf['post_approvals'][]).map((r) => ({
              postId: this.postIds.get(postKeyOf(r))!,
              kind: r.kind,
              ref: r.ref,
              date: r.date,
            })),
          ),
        );
        return;
      default:
        if (isAssociationFactKind(kind)) {
          this.counts = add(this.counts, await writeAssociationFacts(tx, kind, records as never[]));
          return;
        }
        assertNever(kind);
    }
  }

  /** A row's own key counts as defined by the file even when other cells of the row are wrong. */
  private noteDefined(values: TRowValues): void {
    const defined = this.context.options.definedKeys;
    if (!defined) return;
    const file = this.context.log.file;
    if (this.format.kind === 'organs' && values.has('code'))
      defined.organ.set(values.get('code') as string, file);
    if (this.format.kind === 'associations' && values.has('uscc')) {
      defined.association.set(values.get('uscc') as string, file);
    }
  }

  /**
   * Organs may name a parent that appears later in the file. Those whose parent is not yet written are
   * held back (with any organ below them) and written after the last batch.
   */
  private async writeOrgans(batch: TPending<'organs'>[]): Promise<void> {
    const { tx, known } = this.context;
    const inBatch = new Set(batch.map((p) => p.record.code));
    const parents = [
      ...new Set(
        batch
          .map((p) => p.record.parentCode)
          .filter((code): code is string => !!code && !inBatch.has(code) && !known.organ.has(code)),
      ),
    ];
    const absent = new Set(parents.length > 0 ? await findMissingOrgans(tx, parents) : []);
    for (const code of parents) if (!absent.has(code)) known.organ.add(code);
    const deferred = new Set<string>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const { record } of batch) {
        const parent = record.parentCode;
        if (!parent || deferred.has(record.code)) continue;
        if (absent.has(parent) || deferred.has(parent)) {
          deferred.add(record.code);
          grew = true;
        }
      }
    }
    const now = batch.filter((p) => !deferred.has(p.record.code));
    for (const p of batch) if (deferred.has(p.record.code)) this.deferredOrgans.push(p);
    await this.write(now as TPending<TImportKind>[]);
  }

  /** Waits for the batch in flight, whatever its outcome (the caller is already handling a failure). */
  async settle(): Promise<void> {
    await this.writing.catch(() => {});
  }

  async finish(): Promise<void> {
    await this.writing;
    const batch = this.batch;
    this.batch = [];
    await this.flush(batch);
    if (this.deferredOrgans.length === 0) return;
    const { tx, known } = this.context;
    const inDeferred = new Set(this.deferredOrgans.map((p) => p.record.code));
    const parents = [
      ...new Set(
        this.deferredOrgans
          .map((p) => p.record.parentCode!)
          .filter((code) => !inDeferred.has(code) && !known.organ.has(code)),
      ),
    ];
    const absent = new Set(parents.length > 0 ? await findMissingOrgans(tx, parents) : []);
    // A parent that exists nowhere makes its organ, and every organ below it, unwritable.
    const unwritable = new Set<string>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const { record } of this.deferredOrgans) {
        if (unwritable.has(record.code)) continue;
        if (absent.has(record.parentCode!) || unwritable.has(record.parentCode!)) {
          unwritable.add(record.code);
          grew = true;
        }
      }
    }
    for (const p of this.deferredOrgans) {
      if (absent.has(p.record.parentCode!)) {
        this.unknownReference(p.row, { target: 'organ', key: p.record.parentCode!, column: 'parent_code' });
      }
    }
    await this.write(
      this.deferredOrgans.filter((p) => !unwritable.has(p.record.code)) as TPending<TImportKind>[],
    );
  }
}

/**
 * Imports one file (CSV or XLSX) into the registry, all or nothing: every row is checked, the rows are
 * written in batches inside ONE transaction together with an `import_runs` row and an audit event per
 * table, and any error rolls the whole file back. Re-importing the same file changes nothing.
 */
export async function importFile(options: ImportFileOptions): Promise<TImportResult> {
  const log = new IssueLog(options.fileName);
  const stats: TFileStats = { format: null, encoding: null, bytes: 0, sha256: null };
  const tables: TImportTableResult[] = [];
  const today = options.today ?? todayIso();
  let rows = 0;
  let lastReport = 0;
  const report = () => options.onProgress?.({ rows, bytes: stats.bytes });
  try {
    await options.db.transaction(async (tx) => {
      const known = {
        association: new Set<string>(options.assumedKeys?.association.keys()),
        organ: new Set<string>(options.assumedKeys?.organ.keys()),
      };
      const ids = { association: new Map<string, number>(), organ: new Map<string, number>() };
      try {
        for await (const table of readTables({
          fileName: options.fileName,
          content: options.content,
          maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
          stats,
        })) {
          const result = await importTable(
            {
              tx,
              options,
              log,
              sheet: table.sheet,
              today,
              known,
              ids,
              onRow: () => {
                rows += 1;
                if (rows - lastReport >= 1_000) {
                  lastReport = rows;
                  report();
                }
              },
            },
            table.rows,
          );
          if (result) tables.push(result);
        }
      } catch (error) {
        if (!(error instanceof StopReading)) throw error;
        if (error.issue) log.errors.push(error.issue);
      }
      if (log.errors.length === 0 && tables.length === 0) {
        log.errors.push({
          severity: 'error',
          file: options.fileName,
          sheet: null,
          row: null,
          column: null,
          value: null,
          code: 'empty_file',
          problem: text('文件中没有数据', 'the file holds no data'),
          expected: text('表头和至少一行数据', 'a header row and at least one row of data'),
        });
      }
      if (log.errors.length > 0 || options.dryRun) throw new Rollback();
      for (const table of tables) {
        await recordImportRun(tx, {
          actor: options.actor,
          fileName: options.fileName,
          stats,
          sheet: table.sheet,
          kind: table.kind,
          rows: table.rows,
          counts: table.counts,
          notices: log.noticeCount,
        });
      }
    });
  } catch (error) {
    if (error instanceof MissingReferenceError) {
      log.errors.push(databaseIssue(options.fileName, error.message));
    } else if (!(error instanceof Rollback)) {
      if (!isDatabaseError(error)) throw error;
      log.errors.push(databaseIssue(options.fileName, error.message));
    }
  }
  report();
  const counts = tables.reduce((sum, t) => add(sum, t.counts), ZERO);
  return {
    file: options.fileName,
    ok: log.errors.length === 0,
    dryRun: options.dryRun === true,
    stats,
    tables,
    counts,
    issues: [...log.errors, ...log.notices],
    errorCount: log.errors.filter((e) => e.code !== 'too_many_errors').length,
    noticeCount: log.noticeCount,
    truncated: log.truncated,
  };
}

/** PostgreSQL errors carry a five-character SQLSTATE code. */
function isDatabaseError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

function databaseIssue(fileName: string, message: string): TImportIssue {
  return {
    severity: 'error',
    file: fileName,
    sheet: null,
    row: null,
    column: null,
    value: null,
    code: 'malformed_file',
    problem: text(`数据库拒绝了该文件：${message}`, `the database refused the file: ${message}`),
    expected: text('改正后重新导入（未写入任何数据）', 'correct it and import again (nothing was written)'),
  };
}
