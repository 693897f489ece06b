import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../src/core/ids/index.ts';
import { MatchInputError, type RunMatchFromFilesOptions, type TMatchPhase } from '../../src/jobs/match.ts';
import { benchmarkFiles, generateSmall, readCsvRecords, runToEnd, TEST_SECRET, TODAY } from './support.ts';

let dir: string;
let files: ReturnType<typeof benchmarkFiles>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuogou-match-bad-'));
  await generateSmall(dir);
  files = benchmarkFiles(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the job expecting a refusal: returns the error, the decisions seen and the phases reached. */
async function refused(overrides: Partial<RunMatchFromFilesOptions>) {
  const phases = new Set<TMatchPhase>();
  let yielded = 0;
  let error: unknown;
  try {
    const result = await runToEnd({
      posts: files.posts,
      serving: files.serving,
      retired: files.retired,
      secret: TEST_SECRET,
      today: TODAY,
      onProgress: (p) => phases.add(p.phase),
      ...overrides,
    });
    yielded = result.decisions.length;
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MatchInputError);
  return { error: error as MatchInputError, yielded, phases };
}

async function rewrite(from: string, name: string, edit: (rows: string[][]) => string[][]): Promise<string> {
  const records = await readCsvRecords(from);
  const keys = Object.keys(records[0]!);
  const path = join(dir, name);
  await writeFile(path, stringify(edit([keys, ...records.map((r) => keys.map((k) => r[k] ?? ''))])));
  return path;
}

describe('tuogou match refuses files it cannot use, before matching anything', () => {
  it('refuses a roster without its record key column, naming the file, the header row and the column', async () => {
    const path = await rewrite(files.retired, 'no-key.csv', (rows) => rows.map((r) => r.toSpliced(1, 1)));
    const { error, yielded, phases } = await refused({ retired: path });
    expect(yielded).toBe(0);
    expect(phases.has('indexing')).toBe(false);
    expect(error.issues).toEqual([
      expect.objectContaining({ file: 'no-key.csv', row: 1, column: '记录编号', code: 'missing_column' }),
    ]);
    expect(error.message).toContain('no-key.csv, row 1, column 记录编号');
    expect(error.message).toContain('expected a rosters file with a header "record_key" or "记录编号"');
  });

  it('refuses a posts file given as a roster and says what it looks like', async () => {
    const { error } = await refused({ serving: files.posts });
    expect(error.issues.map((i) => i.code)).toContain('missing_column');
    expect(error.issues[0]!.problem.en).toContain('this looks like a posts file');
    expect(error.issues[0]!.problem.zh).toContain('这似乎是协会负责人任职文件');
  });

  it('refuses a posts file broken late in the file before the rosters are indexed', async () => {
    const text = await readFile(files.posts, 'utf8');
    const lines = text.split('\n');
    // Row 900 opens a quote that never closes.
    lines[899] = lines[899]!.replace(',', ',"');
    const path = join(dir, 'broken-posts.csv');
    await writeFile(path, lines.join('\n'));
    const { error, yielded, phases } = await refused({ posts: path });
    expect(yielded).toBe(0);
    expect(phases.has('indexing')).toBe(false);
    expect(error.issues.at(-1)).toMatchObject({ file: 'broken-posts.csv', row: 900, code: 'malformed_file' });
  });

  it('refuses an empty roster and a UTF-16 posts file', async () => {
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    expect((await refused({ serving: empty })).error.issues[0]).toMatchObject({
      file: 'empty.csv',
      code: 'empty_file',
    });
    const utf16 = join(dir, 'utf16.csv');
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('post_ref\n', 'utf16le')]));
    expect((await refused({ posts: utf16 })).error.issues[0]).toMatchObject({
      file: 'utf16.csv',
      code: 'encoding',
    });
  });

  it('reports bad cells by file, row and column with IDs masked, skips rows without a name, and screens the rest', async () => {
    // The check character fits, but there is no 13th month: not a mistyped ID, an impossible one.
    const impossible = `11010519991345001${residentIdCheckCharacter('11010519991345001')}`;
    const records = await readCsvRecords(files.retired);
    const path = await rewrite(files.retired, 'retired-bad.csv', (rows) => {
      rows[4]![3] = impossible; // row 5: month 13
      rows[6]![6] = '在逃'; // row 7: not a status
      rows[9]![2] = ''; // row 10: no name
      rows[11]![2] = '+张三丰'; // row 12: would run as a formula
      return rows;
    });
    const { decisions, summary } = await runToEnd({
      posts: files.posts,
      serving: files.serving,
      retired: path,
      secret: TEST_SECRET,
      today: TODAY,
    });
    expect(summary.files[2]).toEqual({ file: 'retired-bad.csv', rows: records.length, skipped: 2 });
    expect(summary.rosterRecords).toBe(4_000 + records.length - 2);
    expect(JSON.stringify(summary.issues)).not.toContain('张三丰');
    expect(decisions.length).toBeGreaterThan(0);
    const errors = summary.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'retired-bad.csv',
        row: 5,
        column: '身份证号',
        value: `110***********${impossible.slice(14)}`,
        code: 'invalid_value',
      }),
      expect.objectContaining({ file: 'retired-bad.csv', row: 7, column: '状态', value: '在逃' }),
      expect.objectContaining({ file: 'retired-bad.csv', row: 10, column: '姓名', code: 'required' }),
      // Roster names are masked in issues as IDs are: nothing of a roster leaves the run in clear.
      expect.objectContaining({
        file: 'retired-bad.csv',
        row: 12,
        column: '姓名',
        value: '+***',
        code: 'formula',
      }),
    ]);
    expect(errors[0]!.expected.en).toContain('18-character resident ID');
    expect(errors[1]!.expected.zh).toContain('在职');
    expect(JSON.stringify(summary.issues)).not.toContain(impossible);
    expect(JSON.stringify(summary.issues)).not.toContain(impossible.slice(6, 14));
  });

  it('masks the resident IDs in the message of a refused file', async () => {
    const ids = (await readCsvRecords(files.serving)).map((r) => r.resident_id!).filter(Boolean);
    // A thousand errors (every ID cut short) make the file refused, with the first errors listed.
    const path = await rewrite(files.serving, 'cut-ids.csv', (rows) =>
      rows.map((r, i) => (i === 0 ? r : r.with(3, r[3]!.slice(0, 16)))),
    );
    const { error } = await refused({ serving: path });
    expect(error.issues.at(-1)).toMatchObject({ file: 'cut-ids.csv', code: 'too_many_errors' });
    expect(error.issues[0]).toMatchObject({ row: 2, column: '身份证号' });
    for (const id of ids) {
      expect(error.message.includes(id.slice(0, 16))).toBe(false);
      expect(JSON.stringify(error.issues).includes(id.slice(0, 16))).toBe(false);
    }
  });
});
