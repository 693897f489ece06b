import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/demo/dataset.ts';
import { csvField, postApprovalImport } from '../../src/demo/files.ts';
import { FACT_KINDS, type TFactKind } from '../../src/import/fact-formats.ts';
import { factRow, headerKeys, rowCells, type TOutCell } from '../../src/import/fact-rows.ts';
import { FORMATS } from '../../src/import/formats.ts';

/**
 * Writers of import files (the demo generator) lay records out with `factRow`; the importer reads them
 * back with the formats' parsers and `build`. The two must be inverses, column by column.
 */

const context = { today: '2026-01-15' };

/** Parses cells as the importer does (an empty cell is absent) and builds the record. */
function read(kind: TFactKind, cells: readonly (string | null)[]) {
  const values = new Map<string, unknown>();
  FORMATS[kind].columns.forEach((column, i) => {
    const cell = cells[i];
    if (cell === null || cell === undefined || cell === '') return;
    const parsed = column.parse(cell, context);
    if (!parsed.ok) throw new Error(`${kind}.${column.key}: ${parsed.problem.en}`);
    values.set(column.key, parsed.value);
  });
  return FORMATS[kind].build(values);
}

/** JSON with keys in sorted order: records built in another order compare equal. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );

const asText = (cells: TOutCell[]) =>
  cells.map((cell) => (cell === null || cell === undefined ? null : csvField(cell).replace(/^"|"$/g, '')));

describe.each(FACT_KINDS.map((kind) => [kind]))('%s rows', (kind) => {
  it('read back as the record they were written from', () => {
    const example = read(
      kind,
      FORMATS[kind].columns.map((c) => c.example),
    );
    expect(example.problems).toEqual([]);
    const written = factRow(kind, example.record as never);
    expect(written).toHaveLength(headerKeys(kind).length);
    expect(read(kind, asText(written)).record).toEqual(example.record);
  });
});

describe('the demo’s facts', () => {
  const dataset = generateDataset({ seed: 7, scale: 'demo' });
  const facts = dataset.policyFacts();
  const records: { [K in TFactKind]: readonly unknown[] } = {
    association_extras: facts.extras,
    scope_decisions: facts.scopeDecisions,
    decoupling_cases: facts.cases,
    functions: facts.functions,
    finance_bases: facts.financeBases,
    finance_years: facts.financeYears,
    charter_amendments: facts.charterAmendments,
    institutions: facts.institutions,
    staff: facts.staff,
    party_organisations: facts.party,
    foreign_affairs: facts.foreignAffairs,
    fee_items: facts.feeItems,
    dues_decisions: facts.duesDecisions,
    awards: facts.awards,
    annual_reports: facts.annualReports,
    penalties: facts.penalties,
    rectifications: facts.rectifications,
    unreachable: facts.unreachable,
    court_defaults: facts.courtDefaults,
    credit_entries: facts.creditEntries,
    post_approvals: dataset.postApprovals.map(postApprovalImport),
  };

  it.each(FACT_KINDS.map((kind) => [kind]))('of kind %s survive the trip through their file', (kind) => {
    const list = records[kind];
    expect(list.length).toBeGreaterThan(0);
    const differing = list.filter((record) => {
      const back = read(kind, asText(factRow(kind, record as never)));
      return back.problems.length > 0 || canonical(back.record) !== canonical(record);
    });
    expect(differing.slice(0, 3)).toEqual([]);
  });
});

it('refuses a cell for a column the format does not have', () => {
  expect(() => rowCells('awards', { association_uscc: 'x', award_title: 'y' })).toThrow(
    /no column award_title/,
  );
});
