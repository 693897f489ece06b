import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { TMatchParameters } from '../core/matching/match.ts';
import { normaliseResidentId } from '../core/matching/normalise-id.ts';
import { runMatching } from '../core/matching/run.ts';
import type {
  TLinkRow,
  TMatchDecision,
  TMatchReason,
  TOrganRow,
  TPostRow,
  TReviewDecision,
  TRosterRow,
} from '../core/matching/types.ts';
import {
  columnForHeader,
  FORMATS,
  recogniseKind,
  type TColumn,
  type TImportKind,
  type TRegistryKind,
} from '../import/formats.ts';
import { neutraliseFormula } from '../import/formula.ts';
import {
  displayValue,
  MAX_ERRORS,
  StopReading,
  type TImportIssue,
  type TIssueCode,
  type TText,
  text,
} from '../import/issues.ts';
import { DEFAULT_MAX_BYTES, readTables, type TFileStats, type TRawRow } from '../import/read.ts';
import {
  cellText,
  isEmptyCell,
  parseResidentIdCell,
  type TCell,
  type TParseContext,
} from '../import/values.ts';

/**
 * Officials screening from files: the posts of associations against the rosters of serving officials
 * and retired cadres, read with the importer's reader and column parsers (CSV in UTF-8 or GB18030,
 * XLSX, Chinese or English headers). Rosters are streamed into the matcher's keyed index and never
 * kept or written in clear; only match and possible decisions come out.
 */

export type TMatchPhase = 'checking' | 'indexing' | 'matching';

export type TMatchProgress = {
  phase: TMatchPhase;
  /** The file being read, as named in messages (its base name). */
  file: string;
  /** Bytes read so far over the whole run, out of `totalBytes`. */
  bytes: number;
  totalBytes: number;
  /** Data rows read so far in this phase. */
  rows: number;
};

export type RunMatchFromFilesOptions = {
  posts: string;
  serving: string;
  retired: string;
  /**
   * The installation secret (hex, as configured or generated in the data folder) or the screening
   * key itself as bytes. A hex secret is never used directly: the screening key is derived from it.
   */
  secret: string | Uint8Array;
  /** Reviewer verdicts from earlier runs: the output CSV with its `verdict` column filled in. */
  decisions?: string;
  /** Organ directory (import format), to resolve roster employers given by name or abbreviation. */
  organs?: string;
  /** Organ–association links (import format): a roster organ linked to the post's association counts. */
  links?: string;
  /** The day of the run (`YYYY-MM-DD`), for ID and date checks; today by default. */
  today?: string;
  parameters?: Partial<TMatchParameters>;
  /** Fingerprint the roster rows in a worker thread while this one parses the files. */
  indexInWorker?: boolean;
  maxBytes?: number;
  onProgress?: (progress: TMatchProgress) => void;
};

/** A match or possible match, with the row of the posts file it came from. */
export type TFileMatchDecision = TMatchDecision & {
  decision: 'match' | 'possible';
  /** The post's id in the output: its `post_ref`, or `row:<n>` (`<sheet>!row:<n>`) when it has none. */
  postKey: string;
  sheet: string | null;
  row: number;
};

export type TFileCounts = { file: string; rows: number; skipped: number };

export type TMatchRunSummary = {
  files: TFileCounts[];
  rosterRecords: number;
  posts: number;
  matches: number;
  possibles: number;
  /** Row errors (the cell was treated as unknown, or the row skipped when it lacked a name or key). */
  errorCount: number;
  noticeCount: number;
  /** Every row error, then the first 1,000 notices of each file; resident IDs and roster names masked. */
  issues: TImportIssue[];
  seconds: number;
  /** From the first roster row read to the finished index. */
  indexSeconds: number;
};

/** A file the run cannot use: nothing was matched. The issues name file, row, column and what was expected. */
export class MatchInputError extends Error {
  constructor(readonly issues: TImportIssue[]) {
    super(issues.map(describeIssue).join('\n'));
    this.name = 'MatchInputError';
  }
}

function describeIssue(issue: TImportIssue): string {
  const where = [
    issue.file,
    issue.sheet ? `sheet ${issue.sheet}` : null,
    issue.row === null ? null : `row ${issue.row}`,
    issue.column === null ? null : `column ${issue.column}`,
  ]
    .filter(Boolean)
    .join(', ');
  const value = issue.value === null ? '' : ` (${issue.value})`;
  return `${where}: ${issue.problem.en}${value}; expected ${issue.expected.en}`;
}

/**
 * The key of the screening fingerprints, derived from the installation secret under a label of its
 * own, so the fingerprints share nothing with the hashes and ciphertexts of the registry.
 */
export function screeningKey(secret: string | Uint8Array): Uint8Array {
  if (typeof secret !== 'string') return secret;
  return createHmac('sha256', Buffer.from(secret, 'hex')).update('tuogou:match').digest();
}

function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Issues of one file: row errors up to the importer's limit, past which the file is refused. */
class IssueLog {
  readonly errors: TImportIssue[] = [];
  readonly notices: TImportIssue[] = [];
  noticeCount = 0;

  constructor(readonly file: string) {}

  error(issue: Omit<TImportIssue, 'severity' | 'file'>): void {
    this.errors.push({ severity: 'error', file: this.file, ...issue });
    if (this.errors.length >= MAX_ERRORS) {
      throw new MatchInputError([
        ...this.errors.slice(0, 20),
        {
          severity: 'error',
          file: this.file,
          sheet: issue.sheet,
          row: null,
          column: null,
          value: null,
          code: 'too_many_errors',
          problem: text(
            `错误已达 ${MAX_ERRORS} 个，文件可能不是所需的类型`,
            `${MAX_ERRORS} row errors: this is probably not the right file`,
          ),
          expected: text('改正后重新运行', 'correct the file and run again'),
        },
      ]);
    }
  }

  notice(issue: Omit<TImportIssue, 'severity' | 'file'>): void {
    this.noticeCount += 1;
    if (this.notices.length < MAX_ERRORS)
      this.notices.push({ severity: 'notice', file: this.file, ...issue });
  }
}

/** A file kind as the run reads it: an import format, or the reviewer decisions. */
type TReadKind = TRegistryKind | 'decisions';

const VERDICT_VALUES = new Map<string, TReviewDecision['verdict']>([
  ['confirmed', 'confirmed'],
  ['confirm', 'confirmed'],
  ['确认', 'confirmed'],
  ['是', 'confirmed'],
  ['同一人', 'confirmed'],
  ['rejected', 'rejected'],
  ['reject', 'rejected'],
  ['否决', 'rejected'],
  ['否', 'rejected'],
  ['不是同一人', 'rejected'],
]);

const VERDICT_FORMAT = text(
  '确认（同一人）或否决（不是同一人）；留空表示未审核',
  'confirmed (the same person) or rejected (not the same person); empty when not reviewed',
);

/** Columns of a decisions file: the output CSV's own columns, read back. */
const DECISION_COLUMNS: TColumn[] = [
  decisionColumn('post_id', '任职标识', true, text('输出文件中的任职标识', 'the post id of the output file')),
  decisionColumn('source', '名册来源', false, text('名册来源的代码', 'code of the roster')),
  decisionColumn('record_key', '记录编号', true, text('名册中的记录编号', 'key of the record in its roster')),
  {
    key: 'verdict',
    zh: '审核结论',
    required: true,
    parse: (cell) => {
      const value = VERDICT_VALUES.get(cellText(cell).toLowerCase());
      return value
        ? { ok: true, value }
        : { ok: false, problem: text('不是审核结论', 'not a verdict'), expected: VERDICT_FORMAT };
    },
    format: VERDICT_FORMAT,
    example: '确认',
  },
];

function decisionColumn(key: string, zh: string, required: boolean, format: TText): TColumn {
  return {
    key,
    zh,
    required,
    parse: (cell) => ({ ok: true, value: cellText(cell) }),
    format,
    example: '',
  };
}

function columnFor(kind: TReadKind, header: string): TColumn | undefined {
  if (kind !== 'decisions') return columnForHeader(kind, header);
  const key = header
    .replace(/^\uFEFF/, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
  return DECISION_COLUMNS.find((c) => c.key === key || c.zh === key);
}

function columnsOf(kind: TReadKind): TColumn[] {
  return kind === 'decisions' ? DECISION_COLUMNS : FORMATS[kind].columns;
}

/** Columns without which a row cannot be matched at all: the row is skipped when one is unusable. */
const ESSENTIAL: Record<TReadKind, readonly string[]> = {
  posts: ['person_name'],
  rosters: ['record_key', 'name'],
  organs: ['code', 'name'],
  links: ['organ_code', 'association_uscc'],
  associations: ['uscc'],
  decisions: ['post_id', 'record_key', 'verdict'],
};

const KIND_TITLE: Record<TReadKind, TText> = {
  ...(Object.fromEntries(Object.entries(FORMATS).map(([k, f]) => [k, f.title])) as Record<
    TImportKind,
    TText
  >),
  decisions: text('审核结论（输出文件加上审核结论列）', 'reviewer decisions (the output file with verdicts)'),
};

/** One usable row: parsed values as text by column key (English header), empty cells absent. */
export type TParsedRow = { sheet: string | null; row: number; values: Map<string, string> };

type TFileInput = {
  path: string;
  name: string;
  kind: TReadKind;
  log: IssueLog;
  counts: TFileCounts;
};

type TReadContext = {
  parse: TParseContext;
  maxBytes: number;
  /** Bytes of files read to the end before this one, for the run's progress. */
  onBytes?: (bytes: number) => void;
};

/**
 * Checks the header row of a table: every required column present, none twice. Unknown columns are
 * noted and ignored (an office's own remarks column does not stop a screening). Returns the mapping
 * from cell index to column, or throws when the file cannot be used.
 */
function mapHeader(input: TFileInput, sheet: string | null, header: TRawRow): Map<number, TColumn> {
  const headers = header.cells.map((cell) => (cell == null ? '' : cellText(cell)));
  const errors: TImportIssue[] = [];
  const mapping = new Map<number, TColumn>();
  const seen = new Map<string, string>();
  const at = (column: string | null, value: string | null) => ({
    severity: 'error' as const,
    file: input.name,
    sheet,
    row: header.row,
    column,
    value,
  });
  headers.forEach((h, index) => {
    if (h === '') return;
    const column = columnFor(input.kind, h);
    if (!column) {
      // A decisions file is the output CSV with its verdicts: its other columns are expected.
      if (input.kind === 'decisions') return;
      input.log.notice({
        sheet,
        row: header.row,
        column: h,
        value: h,
        code: 'unknown_column',
        problem: text('不是所需的列，已忽略', 'not a column the screening reads; ignored'),
        expected: text(`${KIND_TITLE[input.kind].zh}文件的列`, `a column of ${input.kind} files`),
      });
      return;
    }
    const earlier = seen.get(column.key);
    if (earlier !== undefined) {
      errors.push({
        ...at(h, h),
        code: 'duplicate_column',
        problem: text(`与“${earlier}”是同一列`, `names the same column as "${earlier}"`),
        expected: text('每列只出现一次', 'each column once'),
      });
      return;
    }
    seen.set(column.key, h);
    mapping.set(index, column);
  });
  const missing = columnsOf(input.kind).filter((c) => c.required && !seen.has(c.key));
  if (missing.length > 0) {
    const looksLike = input.kind === 'decisions' ? undefined : recogniseKind(headers);
    const hint =
      looksLike && looksLike !== input.kind
        ? text(`（这似乎是${FORMATS[looksLike].title.zh}文件）`, ` (this looks like a ${looksLike} file)`)
        : text('', '');
    for (const column of missing) {
      errors.push({
        ...at(column.zh, null),
        code: 'missing_column',
        problem: text(
          `缺少必填列“${column.zh}”（${column.key}）${hint.zh}`,
          `the required column "${column.key}" (${column.zh}) is missing${hint.en}`,
        ),
        expected: text(
          `${KIND_TITLE[input.kind].zh}文件，表头中有“${column.zh}”或“${column.key}”`,
          `a ${input.kind} file with a header "${column.key}" or "${column.zh}"`,
        ),
      });
    }
  }
  if (errors.length > 0) throw new MatchInputError(errors);
  return mapping;
}

/**
 * The resident ID as the matcher wants it: the text as written, which the matcher normalises and, when
 * one character is mistyped, repairs. The importer's parser decides what is usable; an ID whose check
 * character fails is still passed on (the matcher lists its one-character repairs), with a notice.
 */
function residentIdValue(
  cell: Exclude<TCell, null>,
  context: TParseContext,
): { value: string | null; notice?: TText; problem?: { problem: TText; expected: TText } } {
  const parsed = parseResidentIdCell(cell, context);
  if (parsed.ok) return { value: cellText(cell) };
  if (
    typeof cell === 'string' &&
    normaliseResidentId(cell, { today: context.today }).kind === 'check_failed'
  ) {
    return {
      value: cellText(cell),
      notice: text(
        '校验位不对，按修正一位后的号码比对',
        'wrong check character; compared after a one-character repair',
      ),
    };
  }
  return { value: null, problem: { problem: parsed.problem, expected: parsed.expected } };
}

/**
 * A cell as an issue shows it: resident IDs masked, and roster names too, since nothing of a roster
 * may leave the run in clear (the file and row say which record is meant).
 */
function shownValue(kind: TReadKind, column: TColumn, value: string): string {
  if (kind === 'rosters' && column.key === 'name') {
    const chars = [...value];
    return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 8))}`;
  }
  return displayValue(value, column.personal === true);
}

/**
 * Streams the usable rows of a file with the importer's reader and column parsers. A cell that does
 * not parse is reported (file, row, column, masked value, what was expected) and treated as unknown;
 * a row without what matching needs at all (a name, a record key) is reported and skipped. A file
 * that cannot be read, or whose header lacks a required column, ends the run with `MatchInputError`.
 */
async function* readRows(input: TFileInput, context: TReadContext): AsyncGenerator<TParsedRow> {
  const stats: TFileStats = { format: null, encoding: null, bytes: 0, sha256: null };
  const stream = createReadStream(input.path);
  const essential = ESSENTIAL[input.kind];
  let tables = 0;
  try {
    for await (const table of readTables({
      fileName: input.name,
      content: stream,
      maxBytes: context.maxBytes,
      stats,
      onBytes: context.onBytes,
    })) {
      let mapping: Map<number, TColumn> | null = null;
      let verdictIndex: number | undefined;
      for await (const raw of table.rows) {
        if (raw.cells.every((cell) => isEmptyCell(cell))) continue;
        if (!mapping) {
          mapping = mapHeader(input, table.sheet, raw);
          verdictIndex = [...mapping].find(([, c]) => c.key === 'verdict')?.[0];
          tables++;
          continue;
        }
        // A decisions file is an earlier output: rows without a verdict are simply not reviewed yet.
        if (verdictIndex !== undefined && isEmptyCell(raw.cells[verdictIndex] ?? null)) continue;
        input.counts.rows++;
        const values = new Map<string, string>();
        let usable = true;
        for (const [index, column] of mapping) {
          const cell: TCell = raw.cells[index] ?? null;
          const issue = (code: TIssueCode, problem: TText, expected: TText, value: string | null) => {
            input.log.error({
              sheet: table.sheet,
              row: raw.row,
              column: column.zh,
              value,
              code,
              problem,
              expected,
            });
            if (essential.includes(column.key)) usable = false;
          };
          if (isEmptyCell(cell)) {
            if (column.required)
              issue('required', text('必填项为空', 'is empty but required'), column.format, null);
            continue;
          }
          const present = cell as Exclude<TCell, null>;
          const shown = shownValue(input.kind, column, cellText(present));
          if (column.key === 'resident_id') {
            const id = residentIdValue(present, context.parse);
            if (id.problem) issue('invalid_value', id.problem.problem, id.problem.expected, shown);
            else if (id.value !== null) values.set(column.key, id.value);
            if (id.notice)
              input.log.notice({
                sheet: table.sheet,
                row: raw.row,
                column: column.zh,
                value: shown,
                code: 'invalid_value',
                problem: id.notice,
                expected: column.format,
              });
            continue;
          }
          const parsed = column.parse(present, context.parse);
          if (!parsed.ok) {
            issue(parsed.code ?? 'invalid_value', parsed.problem, parsed.expected, shown);
            continue;
          }
          values.set(column.key, String(parsed.value));
        }
        if (!usable) {
          input.counts.skipped++;
          continue;
        }
        yield { sheet: table.sheet, row: raw.row, values };
      }
    }
  } catch (error) {
    if (error instanceof StopReading) {
      throw new MatchInputError(
        error.issue ? [...input.log.errors.slice(0, 20), error.issue] : input.log.errors.slice(0, 20),
      );
    }
    throw error;
  } finally {
    stream.destroy();
  }
  if (tables === 0) {
    throw new MatchInputError([
      {
        severity: 'error',
        file: input.name,
        sheet: null,
        row: null,
        column: null,
        value: null,
        code: 'empty_file',
        problem: text('文件中没有表头', 'the file holds no header row'),
        expected: text(
          `${KIND_TITLE[input.kind].zh}文件：表头和数据行`,
          `a ${input.kind} file: a header row and rows of data`,
        ),
      },
    ]);
  }
}

/** Reads only as far as the header row of the first table, so a wrong file is refused before any work. */
async function checkHeader(input: TFileInput, context: TReadContext): Promise<void> {
  const probe = readRows(
    { ...input, log: new IssueLog(input.name), counts: { file: input.name, rows: 0, skipped: 0 } },
    { ...context, onBytes: undefined },
  );
  try {
    await probe.next();
  } finally {
    await probe.return(undefined);
  }
}

/** The post's id in the output and in reviewer decisions: never the holder's name or ID. */
function postIdOf(row: TParsedRow): string {
  const ref = row.values.get('post_ref');
  if (ref) return ref;
  return `${row.sheet ? `${row.sheet}!` : ''}row:${row.row}`;
}

const pick = <K extends string>(row: TParsedRow, keys: readonly K[]): Partial<Record<K, string>> => {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = row.values.get(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
};

const ROSTER_KEYS = [
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
] as const;

const POST_KEYS = [
  'association_uscc',
  'person_name',
  'resident_id',
  'sex',
  'birth_date',
  'role',
  'started_on',
  'recommended_by_organ_code',
] as const;

/**
 * Screens a posts file against the serving and retired rosters. Every file's header is checked and the
 * posts file read through once before the rosters are touched, so a wrong or broken posts file is
 * refused before minutes of indexing; the rosters then stream row by row into the keyed index (no
 * name or ID kept in clear), and the posts stream past it. Yields the matches and possible matches;
 * returns the summary. Throws `MatchInputError` before the first decision when a file is unusable.
 */
export async function* runMatchFromFiles(
  options: RunMatchFromFilesOptions,
): AsyncGenerator<TFileMatchDecision, TMatchRunSummary> {
  const started = performance.now();
  const today = options.today ?? todayIso();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const input = (path: string, kind: TReadKind): TFileInput => {
    const name = basename(path);
    return { path, name, kind, log: new IssueLog(name), counts: { file: name, rows: 0, skipped: 0 } };
  };
  const posts = input(options.posts, 'posts');
  const rosters = [input(options.serving, 'rosters'), input(options.retired, 'rosters')];
  const organs = options.organs ? input(options.organs, 'organs') : null;
  const links = options.links ? input(options.links, 'links') : null;
  const decisions = options.decisions ? input(options.decisions, 'decisions') : null;
  const all = [posts, ...rosters, organs, links, decisions].filter((f): f is TFileInput => f !== null);

  const sizes = new Map<TFileInput, number>();
  for (const f of all) sizes.set(f, (await stat(f.path)).size);
  // The posts file is read twice: once to check it, once to match it.
  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0) + sizes.get(posts)!;
  let doneBytes = 0;
  const parse: TParseContext = { today };
  const contextFor = (f: TFileInput, phase: TMatchPhase, rows: () => number): TReadContext => ({
    parse,
    maxBytes,
    onBytes: (bytes) =>
      options.onProgress?.({ phase, file: f.name, bytes: doneBytes + bytes, totalBytes, rows: rows() }),
  });
  const finishFile = (f: TFileInput) => {
    doneBytes += sizes.get(f)!;
  };

  for (const f of all) await checkHeader(f, { parse, maxBytes });

  // The small inputs first, held in memory: the organ directory, links and reviewer verdicts.
  const readAll = async <T>(f: TFileInput | null, to: (row: TParsedRow) => T): Promise<T[]> => {
    if (!f) return [];
    const out: T[] = [];
    for await (const row of readRows(
      f,
      contextFor(f, 'checking', () => f.counts.rows),
    ))
      out.push(to(row));
    finishFile(f);
    return out;
  };
  const organRows = await readAll(
    organs,
    (r) => pick(r, ['code', 'name', 'short_name'] as const) as TOrganRow,
  );
  const linkRows = await readAll(
    links,
    (r) => pick(r, ['organ_code', 'association_uscc'] as const) as TLinkRow,
  );
  const reviews = await readAll(
    decisions,
    (r): TReviewDecision => ({
      postKey: r.values.get('post_id')!,
      recordKey: r.values.get('record_key')!,
      verdict: r.values.get('verdict') as TReviewDecision['verdict'],
    }),
  );

  // The posts file once through: a broken or wrong file stops here, before the rosters are indexed.
  const check = input(options.posts, 'posts');
  for await (const _ of readRows(
    check,
    contextFor(posts, 'checking', () => check.counts.rows),
  ));
  finishFile(posts);

  let indexSeconds = 0;
  let rosterRecords = 0;
  const indexStarted = performance.now();
  const rosterStreams = rosters.map((f) =>
    (async function* () {
      for await (const row of readRows(
        f,
        contextFor(f, 'indexing', () => f.counts.rows),
      ))
        yield pick(row, ROSTER_KEYS) as TRosterRow;
      finishFile(f);
    })(),
  );
  // Posts are decided in file order, one at a time: the row of each decision is the oldest one waiting.
  const postRows: TParsedRow[] = [];
  const postStream = (async function* () {
    for await (const row of readRows(
      posts,
      contextFor(posts, 'matching', () => posts.counts.rows),
    )) {
      postRows.push(row);
      yield { ...pick(row, POST_KEYS), post_ref: postIdOf(row) } as TPostRow;
    }
    finishFile(posts);
  })();

  let matches = 0;
  let possibles = 0;
  let decided = 0;
  for await (const d of runMatching({
    key: screeningKey(options.secret),
    rosters: rosterStreams,
    posts: postStream,
    organs: organRows,
    links: linkRows,
    reviews,
    parameters: options.parameters,
    today,
    expectedRosterSize: Math.max(
      1 << 16,
      Math.round((sizes.get(rosters[0]!)! + sizes.get(rosters[1]!)!) / 80),
    ),
    indexInWorker: options.indexInWorker === true,
    onIndexed: (index) => {
      indexSeconds = (performance.now() - indexStarted) / 1000;
      rosterRecords = index.size;
    },
  })) {
    decided++;
    const row = postRows.shift();
    if (d.decision === 'no_match') continue;
    if (d.decision === 'match') matches++;
    else possibles++;
    yield { ...d, decision: d.decision, sheet: row?.sheet ?? null, row: row?.row ?? 0 };
  }

  const files = [check, ...rosters, organs, links, decisions].filter((f): f is TFileInput => f !== null);
  const issues = files.flatMap((f) => [...f.log.errors, ...f.log.notices]);
  return {
    files: files.map((f) => f.counts),
    rosterRecords,
    posts: decided,
    matches,
    possibles,
    errorCount: files.reduce((n, f) => n + f.log.errors.length, 0),
    noticeCount: files.reduce((n, f) => n + f.log.noticeCount, 0),
    issues: [
      ...issues.filter((i) => i.severity === 'error'),
      ...issues.filter((i) => i.severity === 'notice'),
    ],
    seconds: Math.round(((performance.now() - started) / 1000) * 10) / 10,
    indexSeconds: Math.round(indexSeconds * 10) / 10,
  };
}

// ---------------------------------------------------------------------------------------------------
// Output

/** Columns of the output CSV; reviewers fill in `verdict` and hand the file back as `--decisions`. */
export const MATCH_CSV_HEADER = [
  'post_id',
  'source',
  'record_key',
  'decision',
  'probability',
  'score',
  'status',
  'rank',
  'reasons',
  'verdict',
] as const;

const FIELD_ZH: Record<TMatchReason['field'], string> = {
  resident_id: '身份证号',
  name: '姓名',
  birth_date: '出生日期',
  sex: '性别',
  organ: '机关',
  prior: '先验',
  review: '审核',
};

const ID_NOTE_ZH: Record<string, string> = {
  as_written: '按原号码',
  upgraded_from_15: '15 位旧号码升级后',
  repaired: '修正一位后，与出生日期和性别相符',
  repaired_against_roster: '修正一位后，名册中唯一相符',
  check_failed: '校验位不对，无法唯一修正',
  malformed: '格式不对',
  missing: '缺失',
};

const SIMPLE_OUTCOME_ZH: Record<string, string> = {
  different: '不同',
  unknown: '未知',
  agrees: '相同',
  exact: '相同',
  'month and day exchanged': '月日颠倒',
  'same year': '同年不同日',
  'carried by the ID': '已随身份证号比对',
  'roster organ not linked to the post': '名册机关与该任职无关',
  'confirmed by a reviewer': '审核人员已确认为同一人',
};

/** Outcomes the matcher writes with a count or a note in them, and how they read in Chinese. */
const PATTERNED_OUTCOMES: readonly {
  field: TMatchReason['field'];
  pattern: RegExp;
  zh: (m: RegExpExecArray) => string;
}[] = [
  { field: 'resident_id', pattern: /^agrees \((\w+)\)$/, zh: (m) => `一致（${ID_NOTE_ZH[m[1]!] ?? m[1]}）` },
  {
    field: 'resident_id',
    pattern: /^not compared \(post: (\w+)\)$/,
    zh: (m) => `未比对（任职记录的号码：${ID_NOTE_ZH[m[1]!] ?? m[1]}；或名册记录没有号码）`,
  },
  { field: 'resident_id', pattern: /^different$/, zh: () => '不一致' },
  {
    field: 'name',
    pattern: /^exact \((\d+) on the rosters\)$/,
    zh: (m) => `完全相同（名册中同名 ${m[1]} 人）`,
  },
  {
    field: 'name',
    pattern: /^pinyin spelling \((\d+) on the rosters\)$/,
    zh: (m) => `拼音拼写与汉字姓名相同（名册中同音 ${m[1]} 人）`,
  },
  {
    field: 'name',
    pattern: /^same reading \((\d+) on the rosters\)$/,
    zh: (m) => `读音相同、字不同（名册中同音 ${m[1]} 人）`,
  },
  {
    field: 'name',
    pattern: /^one character apart \((\d+) such names on the rosters\)$/,
    zh: (m) => `相差一个字（名册中相近姓名 ${m[1]} 个）`,
  },
  {
    field: 'organ',
    pattern: /^roster organ linked to the post \((\d+) on its rosters\)$/,
    zh: (m) => `名册机关是协会的主办、主管等机关或推荐机关（这些机关名册共 ${m[1]} 人）`,
  },
  {
    field: 'prior',
    pattern: /^([\d.e-]+) of posts over (\d+) roster records(?:, retired ×([\d.]+))?$/,
    zh: (m) =>
      `预计 ${Math.round(Number(m[1]) * 10000) / 100}% 的任职人员在名册中，名册共 ${m[2]} 条记录` +
      (m[3] ? `；离退休干部任职的可能是在职人员的 ${m[3]} 倍` : ''),
  },
];

/** One reason in Chinese; an outcome these tables do not know is kept as the matcher wrote it. */
export function reasonZh(reason: TMatchReason): string {
  const { field, outcome } = reason;
  let said: string | undefined;
  for (const p of PATTERNED_OUTCOMES) {
    if (p.field !== field) continue;
    const m = p.pattern.exec(outcome);
    if (m) {
      said = p.zh(m);
      break;
    }
  }
  said ??= SIMPLE_OUTCOME_ZH[outcome] ?? outcome;
  const weight = reason.weight === 0 ? '' : ` ${reason.weight > 0 ? '+' : '−'}${Math.abs(reason.weight)}`;
  return `${FIELD_ZH[field]}：${said}${weight}`;
}

/** The reasons of a decision as one readable line; the weights (bits) add up to the score. */
export function reasonsZh(reasons: readonly TMatchReason[]): string {
  return reasons.map(reasonZh).join('；');
}

/**
 * One output row. Text cells are neutralised so a spreadsheet never runs them as formulas; the
 * numbers stay numbers (a negative score is not a formula).
 */
export function matchCsvRow(d: TFileMatchDecision): string[] {
  const safe = (value: string) => String(neutraliseFormula(value));
  return [
    safe(d.postKey),
    safe(d.source ?? ''),
    safe(d.recordKey ?? ''),
    d.decision,
    String(d.probability),
    String(d.score),
    safe(d.status ?? ''),
    safe(d.rank ?? ''),
    safe(reasonsZh(d.reasons)),
    '',
  ];
}

export type TMatchCsvWriter = {
  add: (decision: TFileMatchDecision) => Promise<void>;
  /** Puts the finished file in place. */
  close: () => Promise<void>;
  /** Removes the unfinished file: a run that failed leaves no output that looks complete. */
  abort: () => Promise<void>;
};

/**
 * Writes the output CSV (UTF-8 with a byte-order mark, so spreadsheets show the Chinese right) next to
 * its destination and moves it in place only when the run has finished.
 */
export function createMatchCsvWriter(path: string): TMatchCsvWriter {
  const partial = `${path}.partial`;
  const stream = createWriteStream(partial);
  let buffer = `\uFEFF${stringify([[...MATCH_CSV_HEADER]])}`;
  const flush = async () => {
    if (!stream.write(buffer)) await once(stream, 'drain');
    buffer = '';
  };
  return {
    async add(decision) {
      buffer += stringify([matchCsvRow(decision)]);
      if (buffer.length > 1 << 16) await flush();
    },
    async close() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      await rename(partial, path);
    },
    async abort() {
      stream.destroy();
      await rm(partial, { force: true });
    },
  };
}
