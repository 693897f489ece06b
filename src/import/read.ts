import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { StopReading, type TImportIssue, type TIssueCode, type TText, text } from './issues.ts';
import type { TCell } from './values.ts';

/**
 * Reads CSV and XLSX files as a stream of rows, so memory stays flat in file size. The encoding of a
 * CSV file is detected, never asked: a byte-order mark means UTF-8, valid UTF-8 means UTF-8, anything
 * else is read as GB18030 (which covers GBK and GB2312).
 */

export type TSource = Buffer | Uint8Array | Readable | AsyncIterable<Buffer | Uint8Array | string>;

export type TRawRow = { row: number; cells: TCell[] };

/** One table of a file: the CSV itself, or one worksheet of a workbook. */
export type TTable = { sheet: string | null; rows: AsyncIterable<TRawRow> };

export type TFileFormat = 'csv' | 'xlsx';

/** What the reader learns about the file as it goes; `sha256` is set once the file is read to the end. */
export type TFileStats = {
  format: TFileFormat | null;
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  bytes: number;
  sha256: string | null;
};

export type ReadTablesOptions = {
  fileName: string;
  content: TSource;
  /** Files larger than this are refused. */
  maxBytes: number;
  stats: TFileStats;
  onBytes?: (bytes: number) => void;
};

/** Files over 200 MB are refused unless the caller allows more. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;
/** A CSV record longer than this is an unterminated quote or not a spreadsheet. */
const MAX_RECORD_CHARS = 2_500_000;

function fileIssue(
  fileName: string,
  code: TIssueCode,
  problem: TText,
  expected: TText,
  row: number | null = null,
): TImportIssue {
  return {
    severity: 'error',
    file: fileName,
    sheet: null,
    row,
    column: null,
    value: null,
    code,
    problem,
    expected,
  };
}

const SPREADSHEET_EXPECTED = text(
  'CSV 文件（UTF-8 或 GB18030 编码）或 Excel .xlsx 文件',
  'a CSV file (UTF-8 or GB18030) or an Excel .xlsx workbook',
);

async function* chunksOf(content: TSource): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(content) || content instanceof Uint8Array) {
    // Buffers are handed on in slices so that progress and size checks behave as for streams.
    const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    for (let start = 0; start < buffer.length; start += SNIFF_BYTES)
      yield buffer.subarray(start, start + SNIFF_BYTES);
    return;
  }
  for await (const chunk of content)
    yield typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
}

/** Counts, hashes and limits the bytes of the file as they pass. */
async function* measured(options: ReadTablesOptions): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of chunksOf(options.content)) {
    options.stats.bytes += chunk.length;
    if (options.stats.bytes > options.maxBytes) {
      throw new StopReading(
        fileIssue(
          options.fileName,
          'file_too_large',
          text(
            `文件超过 ${formatMb(options.maxBytes)}`,
            `the file is larger than ${formatMb(options.maxBytes)}`,
          ),
          text('拆分成多个较小的文件后分别导入', 'split it into smaller files and import them one by one'),
        ),
      );
    }
    hash.update(chunk);
    options.onBytes?.(options.stats.bytes);
    yield chunk;
  }
  options.stats.sha256 = hash.digest('hex');
}

function formatMb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Peeks at the first bytes without losing them. */
async function peek(
  source: AsyncGenerator<Buffer>,
  bytes: number,
): Promise<{ head: Buffer; rest: AsyncGenerator<Buffer> }> {
  const parts: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* rest() {
    if (!done) yield* source;
  }
  return { head, rest: rest() };
}

function startsWith(head: Buffer, ...bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

/** Control characters other than tab, line feed, carriage return and form feed: a binary file. */
function looksBinary(head: Buffer): boolean {
  for (const byte of head)
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return true;
  return false;
}

/**
 * The tables of a file: one for a CSV, one per worksheet of an XLSX. Broken files end the iteration
 * with a `StopReading` carrying the file-level issue.
 */
export async function* readTables(options: ReadTablesOptions): AsyncGenerator<TTable> {
  const { head, rest } = await peek(measured(options), SNIFF_BYTES);
  const all = (async function* () {
    if (head.length > 0) yield head;
    yield* rest;
  })();
  if (head.length === 0) {
    throw new StopReading(
      fileIssue(
        options.fileName,
        'empty_file',
        text('文件是空的', 'the file is empty'),
        SPREADSHEET_EXPECTED,
      ),
    );
  }
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) {
    options.stats.format = 'xlsx';
    yield* readWorkbook(options.fileName, all);
    await drain(all);
    return;
  }
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) {
    throw new StopReading(
      fileIssue(
        options.fileName,
        'not_spreadsheet',
        text('这是旧版 Excel（.xls）文件', 'this is an old-style Excel .xls file'),
        text('在 Excel 中另存为 .xlsx 或 CSV', 'save it as .xlsx or CSV in Excel'),
      ),
    );
  }
  if (startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff)) {
    throw new StopReading(
      fileIssue(
        options.fileName,
        'encoding',
        text('文件是 UTF-16 编码', 'the file is encoded as UTF-16'),
        text('另存为 UTF-8 或 GB18030 编码的 CSV', 'save it as CSV in UTF-8 or GB18030'),
      ),
    );
  }
  if (looksBinary(head)) {
    throw new StopReading(
      fileIssue(
        options.fileName,
        'not_spreadsheet',
        text('不是电子表格文件', 'this is not a spreadsheet'),
        SPREADSHEET_EXPECTED,
      ),
    );
  }
  options.stats.format = 'csv';
  yield { sheet: null, rows: readCsv(options, head, all) };
  await drain(all);
}

/** Reads what is left so that the size check and the checksum cover the whole file. */
async function drain(chunks: AsyncGenerator<Buffer>): Promise<void> {
  for await (const _ of chunks);
}

function detectEncoding(head: Buffer, complete: boolean): TFileStats['encoding'] {
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return 'utf-8-bom';
  // The sniffed head may end inside a multi-byte character; drop up to three trailing bytes.
  for (let cut = 0; cut <= (complete ? 0 : 3); cut++) {
    if (isUtf8(head.subarray(0, head.length - cut))) return 'utf-8';
  }
  return 'gb18030';
}

async function* decoded(
  options: ReadTablesOptions,
  head: Buffer,
  chunks: AsyncGenerator<Buffer>,
  rows: { count: number },
) {
  const encoding = detectEncoding(head, head.length < SNIFF_BYTES);
  options.stats.encoding = encoding;
  const undecodable = () =>
    new StopReading(
      fileIssue(
        options.fileName,
        'encoding',
        text(
          `第 ${rows.count + 1} 行附近有无法按 ${encoding === 'gb18030' ? 'GB18030' : 'UTF-8'} 解码的字节`,
          `bytes near row ${rows.count + 1} cannot be decoded as ${encoding === 'gb18030' ? 'GB18030' : 'UTF-8'}`,
        ),
        text('整个文件统一使用 UTF-8 或 GB18030 编码', 'one encoding for the whole file: UTF-8 or GB18030'),
        rows.count + 1,
      ),
    );
  if (encoding === 'gb18030') {
    const decoder = iconv.getDecoder('gb18030');
    for await (const chunk of chunks) {
      const part = decoder.write(chunk);
      if (part.includes('\uFFFD')) throw undecodable();
      yield part;
    }
    const tail = decoder.end() ?? '';
    if (tail.includes('\uFFFD')) throw undecodable();
    if (tail) yield tail;
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (error) {
    if (error instanceof TypeError) throw undecodable();
    throw error;
  }
}

async function* readCsv(
  options: ReadTablesOptions,
  head: Buffer,
  chunks: AsyncGenerator<Buffer>,
): AsyncGenerator<TRawRow> {
  const rows = { count: 0 };
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  const position = {
    get count() {
      return parser.info.records;
    },
  };
  const pump = pipeline(
    Readable.from(decoded(options, head, chunks, position), { objectMode: true }),
    parser,
  );
  // Errors surface through the parser's iterator below; the pipeline's own promise must not go unhandled.
  pump.catch(() => {});
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rows.count += 1;
      yield { row: rows.count, cells: record };
    }
    await pump;
  } catch (error) {
    if (error instanceof StopReading) throw error;
    if (error instanceof CsvError) {
      // The parser reads ahead of the rows handed on; its own record count places the error.
      const records = (error as CsvError & { records?: number }).records;
      throw new StopReading(csvIssue(options.fileName, error, (records ?? rows.count) + 1));
    }
    throw error;
  }
}

function csvIssue(fileName: string, error: CsvError, row: number): TImportIssue {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return fileIssue(
        fileName,
        'malformed_file',
        text(`从第 ${row} 行开始的引号没有闭合`, `a quote opened in row ${row} is never closed`),
        text('成对的英文双引号', 'quotes in pairs'),
        row,
      );
    case 'CSV_MAX_RECORD_SIZE':
      return fileIssue(
        fileName,
        'malformed_file',
        text(`第 ${row} 行过长，可能是引号没有闭合`, `row ${row} is far too long; a quote may be left open`),
        text(
          '每行不超过 200 列、每格不超过 10000 个字符',
          'at most 200 columns and 10,000 characters a cell',
        ),
        row,
      );
    default:
      return fileIssue(
        fileName,
        'malformed_file',
        text(`第 ${row} 行不是有效的 CSV`, `row ${row} is not valid CSV`),
        text('逗号分隔、英文双引号括起的 CSV', 'comma-separated values with double quotes'),
        row,
      );
  }
}

type TExcelValue = ExcelJS.CellValue | undefined;

/** A cell of a workbook as the importer sees it; formulas are kept as their text so they get refused. */
function excelCell(value: TExcelValue): TCell {
  if (value == null) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return `=${formula}`;
  }
  if ('error' in value) return value.error;
  if ('text' in value) return typeof value.text === 'string' ? value.text : null;
  return null;
}

async function* readWorkbook(fileName: string, chunks: AsyncGenerator<Buffer>): AsyncGenerator<TTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const broken = (error: unknown) =>
    error instanceof StopReading
      ? error
      : new StopReading(
          fileIssue(
            fileName,
            'malformed_file',
            text('Excel 文件已损坏或不完整', 'the workbook is damaged or incomplete'),
            text(
              '完整的 .xlsx 文件（在 Excel 中重新保存）',
              'a complete .xlsx file (save it again in Excel)',
            ),
          ),
        );
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
      yield {
        sheet: sheet.name ?? null,
        rows: (async function* () {
          try {
            for await (const row of sheet) {
              const values = row.values as TExcelValue[];
              yield { row: row.number, cells: values.slice(1).map(excelCell) };
            }
          } catch (error) {
            throw broken(error);
          }
        })(),
      };
    }
  } catch (error) {
    throw broken(error);
  }
}
