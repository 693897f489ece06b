import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/import/formats.ts';
import { isFormulaLike, neutraliseFormula } from '../../src/import/formula.ts';
import { readTables, type TFileStats } from '../../src/import/read.ts';
import { enumParser, parseBoolean, parseDate, parseText } from '../../src/import/values.ts';

const context = { today: '2026-01-15' };
const dayMs = 86_400_000;
const isoDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / dayMs, max: Date.UTC(2027, 0, 15) / dayMs })
  .map((day) => new Date(day * dayMs).toISOString().slice(0, 10));

describe('column parsers (property-based)', () => {
  it('reads every in-range date the same in each accepted notation', () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        const [y, m, d] = iso.split('-');
        const forms = [
          iso,
          `${y}/${m}/${d}`,
          `${y}/${Number(m)}/${Number(d)}`,
          `${y}年${Number(m)}月${Number(d)}日`,
        ];
        for (const form of forms) expect(parseDate(form, context)).toEqual({ ok: true, value: iso });
        expect(parseDate(new Date(`${iso}T00:00:00Z`), context)).toEqual({ ok: true, value: iso });
      }),
    );
  });

  it('refuses dates before 1900 or more than a year ahead', () => {
    const outside = fc.oneof(
      fc.integer({ min: Date.UTC(1000, 0, 1) / dayMs, max: Date.UTC(1899, 11, 31) / dayMs }),
      fc.integer({ min: Date.UTC(2027, 0, 16) / dayMs, max: Date.UTC(9999, 11, 31) / dayMs }),
    );
    fc.assert(
      fc.property(outside, (day) => {
        const iso = new Date(day * dayMs).toISOString().slice(0, 10);
        expect(parseDate(iso, context)).toMatchObject({ ok: false, code: 'date_range' });
      }),
    );
  });

  it('never accepts a string that is not a date notation', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const result = parseDate(value, context);
        if (result.ok)
          expect(value.trim()).toMatch(/^\d{4}(-\d{1,2}-\d{1,2}|\/\d{1,2}\/\d{1,2}|年\d{1,2}月\d{1,2}日)$/);
      }),
    );
  });

  it('accepts exactly the yes/no spellings as booleans', () => {
    const yes = ['是', 'true', 'TRUE', 'True', '1'];
    const no = ['否', 'false', 'FALSE', '0'];
    for (const v of yes) expect(parseBoolean(v, context)).toEqual({ ok: true, value: true });
    for (const v of no) expect(parseBoolean(v, context)).toEqual({ ok: true, value: false });
    fc.assert(
      fc.property(fc.string(), (value) => {
        const result = parseBoolean(value, context);
        expect(result.ok).toBe([...yes, ...no].some((v) => v.toLowerCase() === value.trim().toLowerCase()));
      }),
    );
  });

  it('maps every Chinese label and English value of every enumeration to its value, and nothing else', () => {
    for (const format of Object.values(FORMATS)) {
      for (const column of format.columns) {
        if (!column.accepted) continue;
        const parse = enumParser(column.accepted);
        const labels = new Map<string, string>();
        for (const entry of column.accepted) {
          labels.set(entry.value.toLowerCase(), entry.value);
          for (const zh of entry.zh) labels.set(zh, entry.value);
        }
        for (const [label, value] of labels) expect(parse(label, context)).toEqual({ ok: true, value });
        fc.assert(
          fc.property(fc.string(), (raw) => {
            const result = parse(raw, context);
            const expected = labels.get(raw.trim().toLowerCase());
            expect(result.ok ? result.value : undefined).toBe(expected);
          }),
          { numRuns: 200 },
        );
      }
    }
  });

  it('refuses text a spreadsheet would run as a formula, and neutralises it for export', () => {
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@'), fc.string(), (lead, rest) => {
        const value = `${lead}${rest}`;
        expect(parseText(value, context)).toMatchObject({ ok: false, code: 'formula' });
        const safe = neutraliseFormula(value) as string;
        expect(isFormulaLike(safe)).toBe(false);
        expect(safe.slice(1)).toBe(value);
      }),
    );
  });
});

async function readBack(content: Buffer): Promise<string[][]> {
  const stats: TFileStats = { format: null, encoding: null, bytes: 0, sha256: null };
  const rows: string[][] = [];
  for await (const table of readTables({
    fileName: 'p.csv',
    content: Readable.from([content]),
    maxBytes: 1e9,
    stats,
  })) {
    for await (const row of table.rows) rows.push(row.cells.map((c) => String(c ?? '')));
  }
  return rows;
}

describe('CSV reader (property-based)', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', '中', '文', ',', '"', '\n', ' ', '1', '𠀀', 'é') });
  const table = fc
    .integer({ min: 1, max: 6 })
    .chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 20 }),
    )
    .map((rows) => [['h1', ...rows[0]!.slice(1).map((_, i) => `h${i + 2}`)], ...rows]);

  it('reads back whatever a CSV writer wrote, in UTF-8, UTF-8 with BOM and GB18030', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030'), async (rows, encoding) => {
        const csv = stringify(rows);
        const bytes =
          encoding === 'gb18030'
            ? iconv.encode(csv, 'gb18030')
            : Buffer.from(`${encoding === 'utf-8-bom' ? '\uFEFF' : ''}${csv}`, 'utf8');
        const back = await readBack(bytes);
        // A row of one empty cell is written as an empty line; the reader gives it back as such.
        expect(back).toEqual(rows.map((r) => (r.length === 1 && r[0] === '' ? [''] : r)));
      }),
      { numRuns: 150 },
    );
  });
});
