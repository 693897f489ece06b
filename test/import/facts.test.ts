import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import type { Queryable } from '../../src/db/database.ts';
import { EXAMPLE_USCC } from '../../src/import/columns.ts';
import { FACT_KINDS, type TFactKind } from '../../src/import/fact-formats.ts';
import { FORMATS } from '../../src/import/formats.ts';
import { buildTemplate } from '../../src/import/templates.ts';
import { openTestDatabase, run, type TTestDb } from './support.ts';

/**
 * Import of every kind of policy fact, driven by the formats themselves: each kind's template example
 * row is a good row. Per kind: the Chinese-header CSV lands, a re-import reports it unchanged, an
 * English-header XLSX lands a second row, and a file with one bad row among good ones is refused
 * naming that row and column, with nothing written.
 */

const TABLE: Record<TFactKind, string> = {
  association_extras: 'association_extras',
  scope_decisions: 'scope_decisions',
  decoupling_cases: 'decoupling_cases',
  functions: 'association_functions',
  finance_bases: 'finance_bases',
  finance_years: 'finance_years',
  charter_amendments: 'charter_amendments',
  institutions: 'subordinate_institutions',
  staff: 'staff_members',
  party_organisations: 'party_organisations',
  foreign_affairs: 'foreign_affairs',
  fee_items: 'fee_items',
  dues_decisions: 'dues_decisions',
  awards: 'awards',
  annual_reports: 'annual_reports',
  penalties: 'penalties',
  rectifications: 'rectifications',
  unreachable: 'unreachable_records',
  court_defaults: 'court_defaults',
  credit_entries: 'credit_entries',
  post_approvals: 'post_approvals',
};

/** A second association, for the second row of the kinds keyed by association alone. */
const USCC_B = composeUscc('5', '1', '100000', 'F0000002');

const example = (kind: TFactKind) => new Map(FORMATS[kind].columns.map((c) => [c.key, c.example]));

/** The example row changed so that it is another record of the same kind. */
function secondRow(kind: TFactKind): Map<string, string> {
  const row = example(kind);
  // Approvals name the one example post; another document number makes another approval.
  if (kind === 'post_approvals') row.set('approval_doc_ref', '示组干备〔2021〕9号');
  else row.set('association_uscc', USCC_B);
  return row;
}

function csvOf(kind: TFactKind, header: 'zh' | 'key', rows: Map<string, string>[]): Buffer {
  const columns = FORMATS[kind].columns;
  return Buffer.from(
    stringify([
      columns.map((c) => c[header]),
      ...rows.map((row) => columns.map((c) => row.get(c.key) ?? '')),
    ]),
    'utf8',
  );
}

async function xlsxOf(kind: TFactKind, header: 'zh' | 'key', rows: Map<string, string>[]): Promise<Buffer> {
  const columns = FORMATS[kind].columns;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind);
  sheet.addRow(columns.map((c) => c[header]));
  for (const row of rows) sheet.addRow(columns.map((c) => row.get(c.key) || null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Row count and checksum of a kind's table and of the import bookkeeping. */
async function tableState(db: Queryable, table: string): Promise<string[]> {
  const out: string[] = [];
  for (const [name, key] of [
    [table, 'id'],
    ['import_runs', 'id'],
    ['audit_events', 'seq'],
  ] as const) {
    const { rows } = await db.query<{ n: number; sum: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t.${key})) AS sum FROM ${name} AS t`,
    );
    out.push(`${name} ${rows[0]!.n}:${rows[0]!.sum ?? ''}`);
  }
  return out;
}

const count = async (db: Queryable, table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

let db: TTestDb;

beforeAll(async () => {
  db = await openTestDatabase();
  // The registry the examples refer to: the example organ, association and post, and a second association.
  for (const kind of ['organs', 'associations', 'posts'] as const) {
    const result = await run(db, `${kind}.csv`, await buildTemplate(kind, 'csv'));
    expect(result.issues).toEqual([]);
  }
  const second = await run(
    db,
    'associations-b.csv',
    `uscc,name,level,region_code\n${USCC_B},中国第二示例行业协会,national,100000\n`,
  );
  expect(second.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe.each(FACT_KINDS.map((kind) => [kind]))('%s files', (kind) => {
  const table = TABLE[kind];

  it('land from a Chinese-header CSV and report a re-import as unchanged', async () => {
    const file = csvOf(kind, 'zh', [example(kind)]);
    const first = await run(db, `${kind}.csv`, file);
    expect(first.issues).toEqual([]);
    expect(first.tables).toEqual([
      { sheet: null, kind, rows: 1, counts: { inserted: 1, updated: 0, unchanged: 0 } },
    ]);
    expect(await count(db, table)).toBe(1);
    const again = await run(db, `${kind}.csv`, file);
    expect(again.ok).toBe(true);
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it('land from an English-header XLSX', async () => {
    const result = await run(db, `${kind}.xlsx`, await xlsxOf(kind, 'key', [secondRow(kind)]));
    expect(result.issues).toEqual([]);
    expect(result.stats.format).toBe('xlsx');
    expect(result.tables.map((t) => [t.kind, t.counts.inserted])).toEqual([[kind, 1]]);
    expect(await count(db, table)).toBe(2);
  });

  it.each([
    ['CSV', 'zh'],
    ['XLSX', 'key'],
  ] as const)(
    'with one bad row (%s) are refused naming row and column, nothing written',
    async (format, header) => {
      const target = FORMATS[kind].columns.find((c) => c.required && c.key !== 'association_uscc')!;
      const bad = secondRow(kind);
      // A cell no parser accepts: text refuses it as a formula, the others as not their type.
      bad.set(target.key, '=BAD()');
      const rows = [example(kind), bad, secondRow(kind)];
      const before = await tableState(db, table);
      const result =
        format === 'CSV'
          ? await run(db, `${kind}-bad.csv`, csvOf(kind, header, rows))
          : await run(db, `${kind}-bad.xlsx`, await xlsxOf(kind, header, rows));
      expect(result.ok).toBe(false);
      const errors = result.issues.filter((i) => i.severity === 'error');
      expect(errors.map((e) => [e.file, e.row, e.column])).toEqual([
        [`${kind}-bad.${format.toLowerCase()}`, 3, header === 'zh' ? target.zh : target.key],
      ]);
      expect(errors[0]!.expected.en.length).toBeGreaterThan(0);
      expect(await tableState(db, table)).toEqual(before);
    },
  );
});

describe('checks across cells and records', () => {
  it('refuses a fact of an association that exists nowhere, naming the row', async () => {
    const unknown = composeUscc('5', '1', '100000', 'F0000099');
    const result = await run(
      db,
      'reports.csv',
      `association_uscc,report_year,filed_on\n${EXAMPLE_USCC},2019,2020-05-01\n${unknown},2019,2020-05-01\n`,
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, 'association_uscc', 'unknown_reference'],
    ]);
    expect(await count(db, 'annual_reports WHERE year = 2019')).toBe(0);
  });

  it('refuses an approval of a post that is not in the registry', async () => {
    const result = await run(
      db,
      '审批.csv',
      `协会统一社会信用代码,姓名,出生日期,职务,任职开始日期,审批类型,审批备案文号\n${EXAMPLE_USCC},王五,1960-01-01,会长,2020-01-01,特批,特〔2020〕1号\n`,
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.row, i.code, i.problem.en])).toEqual([
      [2, 'unknown_reference', 'no such post in the registry (by association, holder, role and start date)'],
    ]);
  });

  it('refuses a dues vote with more votes than members present', async () => {
    const result = await run(
      db,
      'dues.csv',
      `association_uscc,dues_decision_ref,assembly_date,made_by,present,votes_for\n${EXAMPLE_USCC},HF-X,2023-05-01,assembly,100,120\n`,
    );
    expect(result.issues.map((i) => [i.row, i.column, i.code])).toEqual([[2, 'votes_for', 'inconsistent']]);
  });

  it('gives a new case the state its facts imply and leaves an existing case’s state to the workflow', async () => {
    const header =
      'association_uscc,case_ref,batch,jurisdiction,plan_approved_on,decoupled_on,blocked_reason';
    const first = await run(
      db,
      'cases.csv',
      `${header}\n${USCC_B},TG-1,rollout-2019,100000,,,policy_gap\n${USCC_B},TG-2,rollout-2019,100000,2019-09-01,,\n${USCC_B},TG-3,rollout-2019,100000,2019-09-01,2019-12-01,\n${USCC_B},TG-4,rollout-2019,100000,,,\n`,
    );
    expect(first.ok).toBe(true);
    const states = async () =>
      (
        await db.query<{ ref: string; state: string; blocked_from: string | null }>(
          `SELECT ref, state, blocked_from FROM decoupling_cases WHERE ref LIKE 'TG-_' ORDER BY ref`,
        )
      ).rows;
    expect(await states()).toEqual([
      { ref: 'TG-1', state: 'blocked', blocked_from: 'listed' },
      { ref: 'TG-2', state: 'executing', blocked_from: null },
      { ref: 'TG-3', state: 'decoupled', blocked_from: null },
      { ref: 'TG-4', state: 'listed', blocked_from: null },
    ]);
    // The workflow moves a case on; a later import of its facts changes the facts, not the state.
    await db.query(`UPDATE decoupling_cases SET state = 'plan_drafted' WHERE ref = 'TG-4'`);
    const again = await run(db, 'cases.csv', `${header}\n${USCC_B},TG-4,rollout-2019,100000,,2020-01-10,\n`);
    expect(again.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect((await states()).find((s) => s.ref === 'TG-4')).toEqual({
      ref: 'TG-4',
      state: 'plan_drafted',
      blocked_from: null,
    });
  });
});
