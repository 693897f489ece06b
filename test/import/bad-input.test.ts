import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import type { TImportIssue } from '../../src/import/issues.ts';
import {
  ASSOCIATIONS_CSV,
  ORGANS_CSV,
  openTestDatabase,
  run,
  snapshot,
  type TTestDb,
  USCC_A,
} from './support.ts';

const POSTS_HEADER = 'association_uscc,person_name,resident_id,role,started_on,ended_on';
const RESIDENT_ID = '11010519491231002X';

describe('import refuses bad input with a row-level error and leaves the database unchanged', () => {
  let db: TTestDb;
  let before: Record<string, string>;

  beforeAll(async () => {
    db = await openTestDatabase();
    expect((await run(db, 'organs.csv', ORGANS_CSV)).ok).toBe(true);
    expect((await run(db, 'associations.csv', ASSOCIATIONS_CSV)).ok).toBe(true);
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    before = await snapshot(db);
  });

  async function refused(fileName: string, content: string | Buffer, extra = {}): Promise<TImportIssue[]> {
    const result = await run(db, fileName, content, extra);
    expect(result.ok).toBe(false);
    expect(await snapshot(db)).toEqual(before);
    const errors = result.issues.filter((i) => i.severity === 'error');
    for (const error of errors) {
      expect(error.file).toBe(fileName);
      expect(error.expected.zh.length).toBeGreaterThan(0);
      expect(error.expected.en.length).toBeGreaterThan(0);
    }
    return errors;
  }

  it('refuses a file that is not a spreadsheet', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const [error] = await refused('photo.csv', png);
    expect(error).toMatchObject({ code: 'not_spreadsheet', row: null });
    expect(error!.expected.en).toContain('CSV');
  });

  it('refuses a truncated XLSX workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('posts');
    sheet.addRow(POSTS_HEADER.split(','));
    for (let i = 0; i < 200; i++) sheet.addRow([USCC_A, `人${i}`, '', 'director', '2020-01-01', '']);
    const full = Buffer.from(await workbook.xlsx.writeBuffer());
    const [error] = await refused('posts.xlsx', full.subarray(0, Math.floor(full.length / 2)));
    expect(error).toMatchObject({ code: 'malformed_file' });
    expect(error!.problem.en).toMatch(/damaged or incomplete/);
  });

  it('refuses a CSV with an unterminated quote and names the row where it opens', async () => {
    const [error] = await refused(
      'posts.csv',
      `${POSTS_HEADER}\n${USCC_A},张三,,director,2020-01-01,\n${USCC_A},"李四,,director,2020-01-01,\n`,
    );
    expect(error).toMatchObject({ code: 'malformed_file', row: 3 });
    expect(error!.problem.zh).toContain('引号');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', async () => {
    const head = Buffer.from(`${POSTS_HEADER}\n`, 'utf8');
    const bad = Buffer.concat([head, Buffer.from([0x81, 0x20, 0x81, 0x0a])]);
    const [error] = await refused('posts.csv', bad);
    expect(error).toMatchObject({ code: 'encoding' });
    expect(error!.problem.en).toContain('GB18030');
  });

  it('names a missing required column', async () => {
    const errors = await refused(
      'posts.csv',
      `association_uscc,person_name,started_on\n${USCC_A},张三,2020-01-01\n`,
    );
    expect(errors).toEqual([expect.objectContaining({ code: 'missing_column', row: 1, column: '职务' })]);
    expect(errors[0]!.problem.en).toContain('role');
  });

  it('names an unknown column and lists the known ones', async () => {
    const [error] = await refused(
      'posts.csv',
      `${POSTS_HEADER},备注\n${USCC_A},张三,,director,2020-01-01,,x\n`,
    );
    expect(error).toMatchObject({ code: 'unknown_column', row: 1, column: '备注' });
    expect(error!.expected.zh).toContain('职务 (role)');
  });

  it('refuses a USCC with a wrong check character and says which one is expected', async () => {
    const [error] = await refused(
      'associations.csv',
      `统一社会信用代码,名称,级别,行政区划代码\n51100000MJ0000018X,协会,全国,100000\n`,
    );
    expect(error).toMatchObject({
      code: 'invalid_value',
      row: 2,
      column: '统一社会信用代码',
      value: '51100000MJ0000018X',
    });
    expect(error!.problem.en).toContain('should be U');
  });

  it('refuses a lower-case USCC with a message saying it must be upper case', async () => {
    const [error] = await refused(
      'associations.csv',
      `uscc,name,level,region_code\n${USCC_A.toLowerCase()},协会,national,100000\n`,
    );
    expect(error).toMatchObject({ row: 2, column: 'uscc' });
    expect(error!.problem.en).toContain('upper case');
    expect(error!.problem.zh).toContain('大写');
  });

  it('refuses a resident ID with a wrong check character and never shows it in clear', async () => {
    const wrong = '110105194912310021';
    const [error] = await refused(
      'posts.csv',
      `${POSTS_HEADER}\n${USCC_A},张三,${wrong},director,2020-01-01,\n`,
    );
    expect(error).toMatchObject({
      code: 'invalid_value',
      row: 2,
      column: 'resident_id',
      value: '110***********0021',
    });
    expect(JSON.stringify(error)).not.toContain(wrong);
  });

  it('names both rows of a natural key that appears twice, with the resident ID masked', async () => {
    const errors = await refused(
      'posts.csv',
      `${POSTS_HEADER}\n${USCC_A},张三,${RESIDENT_ID},director,2020-01-01,\n${USCC_A},李四,,director,2020-01-01,\n${USCC_A},张三,${RESIDENT_ID},director,2020-01-01,\n`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'duplicate_key', row: 4 });
    expect(errors[0]!.problem.en).toContain('row 2');
    expect(errors[0]!.column).toContain('resident_id');
    expect(JSON.stringify(errors)).not.toContain(RESIDENT_ID);
  });

  it('refuses dates before 1900, more than a year ahead, and an end before the start', async () => {
    const errors = await refused(
      'posts.csv',
      `${POSTS_HEADER}\n${USCC_A},甲,,director,1899-12-31,\n${USCC_A},乙,,director,2027-01-16,\n${USCC_A},丙,,director,2020-05-01,2020/4/30\n`,
    );
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'started_on', 'date_range'],
      [3, 'started_on', 'date_range'],
      [4, 'ended_on', 'date_range'],
    ]);
    expect(errors[1]!.expected.en).toContain('2027-01-15');
    expect(errors[2]!.problem.en).toContain('before the start date');
  });

  it.each([["=cmd|' /C calc'!A0"], ['+1+cmd'], ['-2+3'], ['@SUM(A1)']])(
    'refuses the formula-injection string %s in a text field',
    async (payload) => {
      const cell = `"${payload.replaceAll('"', '""')}"`;
      const [error] = await refused(
        'posts.csv',
        `${POSTS_HEADER}\n${USCC_A},${cell},,director,2020-01-01,\n`,
      );
      expect(error).toMatchObject({ code: 'formula', row: 2, column: 'person_name' });
      expect(error!.expected.en).toContain('= + - @');
    },
  );

  it('refuses a cell over 10,000 characters', async () => {
    const [error] = await refused(
      'posts.csv',
      `${POSTS_HEADER}\n${USCC_A},${'张'.repeat(10_001)},,director,2020-01-01,\n`,
    );
    expect(error).toMatchObject({ code: 'cell_too_long', row: 2, column: 'person_name' });
    expect(error!.value!.length).toBeLessThan(100);
  });

  it('refuses a row over 200 columns', async () => {
    const [error] = await refused(
      'posts.csv',
      `${POSTS_HEADER}\n${USCC_A},张三,,director,2020-01-01,${',x'.repeat(200)}\n`,
    );
    expect(error).toMatchObject({ code: 'too_many_columns', row: 2 });
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const body = `${POSTS_HEADER}\n${`${USCC_A},张三,,director,2020-01-01,\n`.repeat(100)}`;
    const errors = await refused('big.csv', body, { maxBytes: 1_000 });
    expect(errors[0]).toMatchObject({ code: 'file_too_large' });
    expect(errors[0]!.expected.en).toContain('split');
  });

  it('turns an association USCC or organ code found nowhere into a row error', async () => {
    const unknown = composeUscc('5', '1', '110000', 'MJ000002');
    const errors = await refused(
      'links.csv',
      `organ_code,association_uscc,kind,started_on\nORG-MIN,${unknown},supervisor,2001-01-01\nORG-NONE,${USCC_A},supervisor,2001-01-01\n`,
    );
    expect(errors.map((e) => [e.row, e.column, e.code, e.value])).toEqual([
      [2, 'association_uscc', 'unknown_reference', unknown],
      [3, 'organ_code', 'unknown_reference', 'ORG-NONE'],
    ]);
  });

  it('refuses an organ whose parent is nowhere, even when the parent comes later in the file', async () => {
    const errors = await refused(
      'organs.csv',
      'code,name,kind,is_administrative,level,region_code,parent_code\nA1,甲,other,false,county,110105,A2\nA2,乙,other,false,county,110105,A3\n',
    );
    expect(errors).toEqual([
      expect.objectContaining({ code: 'unknown_reference', row: 3, column: 'parent_code', value: 'A3' }),
    ]);
  });

  it('stops collecting after 1,000 errors with a note', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `${USCC_A},人${i},,no_such_role,2020-01-01,`).join(
      '\n',
    );
    const result = await run(db, 'posts.csv', `${POSTS_HEADER}\n${rows}\n`);
    expect(result.ok).toBe(false);
    expect(result.truncated).toBe(true);
    expect(result.errorCount).toBe(1_000);
    expect(result.issues.at(1_000)).toMatchObject({ code: 'too_many_errors' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('rolls back rows already written when a later batch has an error', async () => {
    const good = Array.from({ length: 30 }, (_, i) => `${USCC_A},人${i},,director,2020-01-01,`).join('\n');
    const errors = await refused(
      'posts.csv',
      `${POSTS_HEADER}\n${good}\n${USCC_A},坏,,director,not a date,\n`,
      {
        batchSize: 10,
      },
    );
    expect(errors).toEqual([
      expect.objectContaining({ row: 32, column: 'started_on', code: 'invalid_value' }),
    ]);
  });

  it('names unknown references in every batch while earlier batches are being written', async () => {
    const unknown = composeUscc('5', '1', '110105', 'MJ777777');
    const rows = Array.from(
      { length: 10 },
      (_, i) => `${i === 3 || i === 8 ? unknown : USCC_A},人${i},,director,2020-01-01,`,
    ).join('\n');
    const errors = await refused('posts.csv', `${POSTS_HEADER}\n${rows}\n`, { batchSize: 3 });
    expect(errors).toEqual([
      expect.objectContaining({ row: 5, code: 'unknown_reference', value: unknown }),
      expect.objectContaining({ row: 10, code: 'unknown_reference', value: unknown }),
    ]);
  });
});
