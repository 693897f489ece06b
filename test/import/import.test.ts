import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder, listFolder } from '../../src/import/folder.ts';
import { IMPORT_KINDS } from '../../src/import/formats.ts';
import { buildTemplate } from '../../src/import/templates.ts';
import {
  ASSOCIATIONS_CSV,
  actor,
  ORGANS_CSV,
  openTestDatabase,
  protector,
  run,
  snapshot,
  TODAY,
  type TTestDb,
  USCC_A,
} from './support.ts';

const POSTS_ZH = `协会统一社会信用代码,姓名,身份证号,性别,职务,任职开始日期,是否领取报酬,推荐机关代码
${USCC_A},张三,11010519491231002X,女,副会长,2020年1月1日,否,ORG-MIN
${USCC_A},李四,,男,秘书长,2021/3/5,是,
`;

describe('import of well-formed files', () => {
  let db: TTestDb;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.drop());

  it('imports English headers, then recognises and imports Chinese headers', async () => {
    expect((await run(db, 'organs.csv', ORGANS_CSV)).counts).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect((await run(db, 'associations.csv', ASSOCIATIONS_CSV)).tables[0]!.kind).toBe('associations');
    const posts = await run(db, '任职.csv', POSTS_ZH);
    expect(posts.issues).toEqual([]);
    expect(posts.tables).toEqual([
      { sheet: null, kind: 'posts', rows: 2, counts: { inserted: 2, updated: 0, unchanged: 0 } },
    ]);
    const { rows } = await db.query<{
      role: string;
      started_on: string;
      remunerated: boolean;
      organ: string | null;
    }>(
      `SELECT p.role, p.started_on, p.remunerated, o.code AS organ FROM posts p
       LEFT JOIN organs o ON o.id = p.recommended_by_organ_id ORDER BY p.started_on`,
    );
    expect(rows).toEqual([
      { role: 'vice_president', started_on: '2020-01-01', remunerated: false, organ: 'ORG-MIN' },
      { role: 'secretary_general', started_on: '2021-03-05', remunerated: true, organ: null },
    ]);
  });

  it('records one import run and one audit event per file, with name, checksum and counts', async () => {
    const { rows } = await db.query<{
      action: string;
      detail: { file: string; sha256: string; inserted: number };
    }>(`SELECT action, detail FROM audit_events WHERE action LIKE 'import.%' ORDER BY seq`);
    expect(rows.map((r) => r.action)).toEqual(['import.organs', 'import.associations', 'import.posts']);
    expect(rows[2]!.detail).toMatchObject({ file: '任职.csv', inserted: 2 });
    expect(rows[2]!.detail.sha256).toMatch(/^[0-9a-f]{64}$/);
    const runs = await db.query<{ kind: string; rows: number }>(
      'SELECT kind, rows FROM import_runs ORDER BY id',
    );
    expect(runs.rows).toEqual([
      { kind: 'organs', rows: 2 },
      { kind: 'associations', rows: 1 },
      { kind: 'posts', rows: 2 },
    ]);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const before = await snapshot(db);
    const again = await run(db, '任职.csv', POSTS_ZH);
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const after = await snapshot(db);
    for (const table of ['organs', 'associations', 'persons', 'posts'])
      expect(after[table]).toBe(before[table]);
  });

  it('writes a file of many batches, then re-imports it without touching a row', async () => {
    const rows = Array.from(
      { length: 23 },
      (_, i) =>
        `${USCC_A},批${i},,${i % 2 ? '男' : '女'},理事,2019-0${1 + (i % 9)}-01,否,${i % 3 ? '' : 'ORG-MIN'}`,
    ).join('\n');
    const csv = `协会统一社会信用代码,姓名,身份证号,性别,职务,任职开始日期,是否领取报酬,推荐机关代码\n${rows}\n`;
    const first = await run(db, 'batches.csv', csv, { batchSize: 4 });
    expect(first.issues).toEqual([]);
    expect(first.counts).toEqual({ inserted: 23, updated: 0, unchanged: 0 });
    const before = await snapshot(db);
    const again = await run(db, 'batches.csv', csv, { batchSize: 5 });
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 23 });
    const after = await snapshot(db);
    for (const table of ['persons', 'posts']) expect(after[table]).toBe(before[table]);
  });

  it('reports an update when one cell changed', async () => {
    const changed = await run(db, '任职.csv', POSTS_ZH.replace('2021/3/5,是', '2021/3/5,否'));
    expect(changed.counts).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
  });

  it('reads GB18030 files', async () => {
    const csv = `uscc,name,level,region_code,address\n${USCC_A},中国示例行业协会,全国,100000,北京市东城区𠀀路\n`;
    const result = await run(db, 'gb.csv', iconv.encode(csv, 'gb18030'));
    expect(result.stats.encoding).toBe('gb18030');
    expect(result.ok).toBe(true);
    const { rows } = await db.query<{ address: string }>('SELECT address FROM associations WHERE uscc = $1', [
      USCC_A,
    ]);
    expect(rows[0]!.address).toBe('北京市东城区𠀀路');
  });

  it('reads UTF-8 files with a byte-order mark', async () => {
    const result = await run(db, 'bom.csv', `\uFEFF${ASSOCIATIONS_CSV}`);
    expect(result.stats.encoding).toBe('utf-8-bom');
    expect(result.ok).toBe(true);
  });

  it('upgrades a legacy 15-digit resident ID and reports the upgrade as a notice, masked', async () => {
    const result = await run(
      db,
      'posts15.csv',
      `association_uscc,person_name,resident_id,role,started_on\n${USCC_A},王五,110105491231002,理事,2022-01-01\n`,
    );
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({
        severity: 'notice',
        code: 'resident_id_upgraded',
        row: 2,
        value: '110***********002X',
      }),
    ]);
    const { rows } = await db.query<{ birth_date: string; sex: string }>(
      `SELECT birth_date, sex FROM persons WHERE name = '王五'`,
    );
    expect(rows).toEqual([{ birth_date: '1949-12-31', sex: 'female' }]);
  });

  it('imports an XLSX workbook with typed cells, one table per sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const organs = workbook.addWorksheet('机关');
    organs.addRow(['机关代码', '名称', '类型', '是否行政机关', '级别', '行政区划代码']);
    organs.addRow(['ORG-X', '示例局', '政府', true, '省级', '110000']);
    const rosters = workbook.addWorksheet('名册');
    rosters.addRow(['来源', '记录编号', '姓名', '身份证号', '状态', '退休日期', '机关代码', '职级']);
    rosters.addRow([
      'r2024',
      'K1',
      '赵六',
      '11010519491231002X',
      '退休',
      new Date(Date.UTC(2010, 0, 31)),
      'ORG-X',
      '正局级',
    ]);
    const result = await run(db, 'book.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.issues).toEqual([]);
    expect(result.stats.format).toBe('xlsx');
    expect(result.tables.map((t) => [t.sheet, t.kind, t.rows])).toEqual([
      ['机关', 'organs', 1],
      ['名册', 'rosters', 1],
    ]);
    const { rows } = await db.query<{ retired_on: string; rank: string; id_masked: string }>(
      'SELECT retired_on, rank, id_masked FROM roster_records',
    );
    expect(rows).toEqual([{ retired_on: '2010-01-31', rank: 'department', id_masked: '110***********002X' }]);
  });

  it('refuses formula cells in a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('posts');
    sheet.addRow(['association_uscc', 'person_name', 'role', 'started_on']);
    sheet.addRow([USCC_A, { formula: 'HYPERLINK("http://x","y")', result: 'y' }, 'director', '2020-01-01']);
    const result = await run(db, 'f.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'formula', row: 2, column: 'person_name', sheet: 'posts' }),
    ]);
  });

  it('checks everything and writes nothing in a dry run', async () => {
    const before = await snapshot(db);
    const result = await run(
      db,
      'new.csv',
      `association_uscc,person_name,role,started_on\n${USCC_A},钱七,理事,2023-01-01\n`,
      { dryRun: true },
    );
    expect(result).toMatchObject({ ok: true, dryRun: true, counts: { inserted: 1 } });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('folder import', () => {
  let db: TTestDb;
  let folder: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    folder = await mkdtemp(join(tmpdir(), 'tuogou-import-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await db.drop();
  });

  it('imports the templates of every kind in dependency order whatever their names', async () => {
    // Names in the reverse of the dependency order, alternating CSV and XLSX: only headers decide.
    const names = new Map(
      IMPORT_KINDS.map((kind, i) => [
        kind,
        `${String(IMPORT_KINDS.length - i).padStart(2, '0')}.${i % 2 === 0 ? 'xlsx' : 'csv'}`,
      ]),
    );
    for (const kind of IMPORT_KINDS) {
      const name = names.get(kind)!;
      await writeFile(join(folder, name), await buildTemplate(kind, name.endsWith('.csv') ? 'csv' : 'xlsx'));
    }
    expect((await listFolder(folder)).map((f) => f.kind)).toEqual([...IMPORT_KINDS]);
    const results = await importFolder({ db, protector, actor, folder, today: TODAY });
    expect(results.map((r) => [r.file, r.ok, r.counts.inserted])).toEqual(
      IMPORT_KINDS.map((kind) => [names.get(kind), true, 1]),
    );
  });

  it('names the file that failed when a later file refers to a record in it', async () => {
    await rm(folder, { recursive: true, force: true });
    folder = await mkdtemp(join(tmpdir(), 'tuogou-import-'));
    await writeFile(
      join(folder, '1.csv'),
      'code,name,kind,is_administrative,level,region_code\nORG-NEW,新局,政府,是,省级,11000\n',
    );
    await writeFile(
      join(folder, '2.csv'),
      `organ_code,association_uscc,kind,started_on\nORG-NEW,51100000MJ0000018U,主管,2001-01-01\n`,
    );
    const before = await snapshot(db);
    const results = await importFolder({ db, protector, actor, folder, today: TODAY });
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(results[1]!.issues[0]).toMatchObject({ code: 'unknown_reference', row: 2, column: 'organ_code' });
    expect(results[1]!.issues[0]!.problem.en).toContain('"1.csv"');
    expect(await snapshot(db)).toEqual(before);
  });
});
