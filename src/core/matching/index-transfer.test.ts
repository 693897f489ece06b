import { describe, expect, it } from 'vitest';
import { packRows, ROW_FIELDS, unpackRows } from './index-transfer.ts';
import type { TRosterRow } from './types.ts';

const row = (overrides: Partial<TRosterRow> = {}): TRosterRow => ({
  source: 'serving',
  record_key: 'S-1',
  name: '欧阳修远',
  resident_id: '110105194912310021',
  sex: 'M',
  birth_date: '1949-12-31',
  status: 'serving',
  retired_on: '',
  organ_code: 'ORG1',
  organ_name: '国家发改委',
  rank: 'bureau',
  ...overrides,
});

const unpacked = (text: string) => {
  const rows: TRosterRow[] = [];
  unpackRows(text, (r) => rows.push(r));
  return rows;
};

describe('packRows', () => {
  it('round-trips every field of every row, in order', () => {
    const rows = [
      row(),
      row({ record_key: 'S-2', name: '王伟', resident_id: '' }),
      row({ record_key: 'S-3' }),
    ];
    expect(unpacked(packRows(rows))).toEqual(rows);
  });

  it('packs missing values as empty ones', () => {
    const sparse = { source: 'retired', record_key: 'R-1', name: '李娜' } as TRosterRow;
    const [back] = unpacked(packRows([sparse]));
    for (const key of ROW_FIELDS) expect(back![key]).toBe(sparse[key] ?? '');
  });

  it('drops separators carried inside values instead of shifting the fields after them', () => {
    const rows = [row(), row({ record_key: 'S-\u001e2', name: '王\u001f伟' }), row({ record_key: 'S-3' })];
    expect(unpacked(packRows(rows))).toEqual([
      row(),
      row({ record_key: 'S-2', name: '王伟' }),
      row({ record_key: 'S-3' }),
    ]);
  });

  it('packs no rows as nothing', () => {
    expect(unpacked(packRows([]))).toEqual([]);
  });
});
