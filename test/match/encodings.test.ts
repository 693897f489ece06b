import { isUtf8 } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TFileMatchDecision } from '../../src/jobs/match.ts';
import { benchmarkFiles, generateSmall, readCsvRecords, runToEnd, TEST_SECRET, TODAY } from './support.ts';

/** How an office writes the roster: Chinese headers, Chinese values, dates as 1950年3月1日. */
const ZH_HEADERS: Record<string, string> = {
  source: '来源',
  record_key: '记录编号',
  name: '姓名',
  resident_id: '身份证号',
  sex: '性别',
  birth_date: '出生日期',
  status: '状态',
  retired_on: '退休日期',
  organ_code: '机关代码',
  organ_name: '机关名称',
  rank: '职级',
};
const ZH_VALUES: Record<string, Record<string, string>> = {
  sex: { male: '男', female: '女' },
  status: { serving: '在职', left_not_retired: '离职未退休', retired: '退休' },
  rank: {
    national: '国家级',
    ministerial: '正部级',
    deputy_ministerial: '副部级',
    department: '正厅级',
    deputy_department: '副厅级',
    division: '正处级',
    deputy_division: '副处级',
    section: '科级',
    none: '无',
  },
};
const zhDate = (iso: string) =>
  iso ? `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : '';

let dir: string;
let files: ReturnType<typeof benchmarkFiles>;
let reference: TFileMatchDecision[];

const comparable = (ds: TFileMatchDecision[]) =>
  ds.map((d) => [d.postKey, d.source, d.recordKey, d.decision, d.score, d.probability].join('|'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuogou-match-enc-'));
  await generateSmall(dir);
  files = benchmarkFiles(dir);
  ({ decisions: reference } = await runToEnd({
    posts: files.posts,
    serving: files.serving,
    retired: files.retired,
    secret: TEST_SECRET,
    today: TODAY,
  }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tuogou match reads the files as the importer does', () => {
  it('reads a GB18030 roster with Chinese headers and values like the UTF-8 English one', async () => {
    const records = await readCsvRecords(files.retired);
    const keys = Object.keys(records[0]!);
    const rows = records.map((r) =>
      keys.map((k) => {
        const v = r[k] ?? '';
        if (k === 'birth_date' || k === 'retired_on') return zhDate(v);
        return ZH_VALUES[k]?.[v] ?? v;
      }),
    );
    const bytes = iconv.encode(stringify([keys.map((k) => ZH_HEADERS[k]!), ...rows]), 'gb18030');
    // Really GB18030: the reader must not get away with reading it as UTF-8.
    expect(isUtf8(bytes)).toBe(false);
    expect(reference.filter((d) => d.source === 'retired_roster').length).toBeGreaterThan(10);
    const gbPath = join(dir, '退休干部名册.csv');
    await writeFile(gbPath, bytes);
    const { decisions, summary } = await runToEnd({
      posts: files.posts,
      serving: files.serving,
      retired: gbPath,
      secret: TEST_SECRET,
      today: TODAY,
    });
    expect(summary.files[2]).toEqual({ file: '退休干部名册.csv', rows: 1_000, skipped: 0 });
    expect(summary.errorCount).toBe(0);
    expect(decisions.some((d) => d.source === 'retired_roster' && d.decision === 'match')).toBe(true);
    expect(decisions.find((d) => d.source === 'retired_roster')).toMatchObject({ status: 'retired' });
    expect(comparable(decisions)).toEqual(comparable(reference));
  });

  it('reads posts from an Excel workbook, with post ids from post_ref', async () => {
    const records = await readCsvRecords(files.posts);
    const keys = Object.keys(records[0]!);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任职');
    sheet.addRow(keys);
    for (const r of records) sheet.addRow(keys.map((k) => r[k] ?? ''));
    const xlsxPath = join(dir, 'posts.xlsx');
    await workbook.xlsx.writeFile(xlsxPath);
    const { decisions, summary } = await runToEnd({
      posts: xlsxPath,
      serving: files.serving,
      retired: files.retired,
      secret: TEST_SECRET,
      today: TODAY,
    });
    expect(summary.files[0]).toEqual({ file: 'posts.xlsx', rows: 1_000, skipped: 0 });
    expect(comparable(decisions)).toEqual(comparable(reference));
    expect(decisions[0]).toMatchObject({ sheet: '任职' });
  });

  it('names a post by its file row when it has no post_ref, never by its holder', async () => {
    const records = await readCsvRecords(files.posts);
    const keys = Object.keys(records[0]!).filter((k) => k !== 'post_ref');
    const path = join(dir, 'posts-without-ref.csv');
    await writeFile(path, stringify([keys, ...records.map((r) => keys.map((k) => r[k] ?? ''))]));
    const { decisions } = await runToEnd({
      posts: path,
      serving: files.serving,
      retired: files.retired,
      secret: TEST_SECRET,
      today: TODAY,
    });
    expect(decisions.length).toBe(reference.length);
    for (const [i, d] of decisions.entries()) {
      // Row 1 is the header: post P<n> sits on row n + 1.
      const ref = reference[i]!.postKey;
      expect(d.postKey).toBe(`row:${Number(ref.slice(1)) + 1}`);
      expect(d.recordKey).toBe(reference[i]!.recordKey);
      expect([d.row, reference[i]!.row]).toEqual([Number(ref.slice(1)) + 1, Number(ref.slice(1)) + 1]);
    }
  });
});
