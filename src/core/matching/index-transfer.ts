import {
  FingerprintCounter,
  StringColumn,
  type TChainTable,
  type TFingerprintCounterRaw,
  type TStringColumnRaw,
} from './columns.ts';
import type { TRosterColumns, TRosterIndex } from './roster-index.ts';
import type { TRosterRow } from './types.ts';

/** Roster fields in the order rows travel between threads. */
export const ROW_FIELDS = [
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
] as const satisfies readonly (keyof TRosterRow)[];

const FIELD = '\u001f';
const ROW = '\u001e';
// The separators are control characters no name, ID or organ carries; any that slip in are dropped.
const CONTROL = new RegExp(`[${ROW}${FIELD}]`, 'g');

/** Packs rows into one string: a string crosses threads as one copy, an array of objects as many. */
export function packRows(rows: readonly TRosterRow[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < ROW_FIELDS.length; i++) {
      if (i > 0) out += FIELD;
      out += (row[ROW_FIELDS[i]!] ?? '').replace(CONTROL, '');
    }
    out += ROW;
  }
  return out;
}

export function unpackRows(text: string, each: (row: TRosterRow) => void): void {
  let start = 0;
  for (;;) {
    const end = text.indexOf(ROW, start);
    if (end < 0) return;
    const v = text.slice(start, end).split(FIELD);
    each({
      source: v[0],
      record_key: v[1] ?? '',
      name: v[2] ?? '',
      resident_id: v[3],
      sex: v[4],
      birth_date: v[5],
      status: v[6],
      retired_on: v[7],
      organ_code: v[8],
      organ_name: v[9],
      rank: v[10],
    });
    start = end + 1;
  }
}

type TRawColumns = Omit<
  TRosterColumns,
  'recordKeys' | 'nameCounts' | 'pinyinCounts' | 'deletionCounts' | 'reviewedRecords'
> & {
  recordKeys: TStringColumnRaw;
  nameCounts: TFingerprintCounterRaw;
  pinyinCounts: TFingerprintCounterRaw;
  deletionCounts: TFingerprintCounterRaw;
  reviewedRecords: [string, number][];
};

type TRawIndex = Omit<TRosterIndex, keyof TRosterColumns> & TRawColumns;

/** The buffers under `raw` to move (not copy) to another thread; shared memory is shared anyway. */
function transferList(raw: object): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const collect = (value: unknown) => {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
    else if (value && typeof value === 'object' && !Array.isArray(value))
      Object.values(value).forEach(collect);
  };
  collect(raw);
  return [...buffers];
}

function rawColumns(columns: TRosterColumns): TRawColumns {
  return {
    ...columns,
    recordKeys: columns.recordKeys.toRaw(),
    nameCounts: columns.nameCounts.toRaw(),
    pinyinCounts: columns.pinyinCounts.toRaw(),
    deletionCounts: columns.deletionCounts.toRaw(),
    reviewedRecords: [...columns.reviewedRecords],
  };
}

function columnsFromRaw<T extends TRawColumns>(raw: T): Omit<T, keyof TRawColumns> & TRosterColumns {
  return {
    ...raw,
    recordKeys: StringColumn.fromRaw(raw.recordKeys),
    nameCounts: FingerprintCounter.fromRaw(raw.nameCounts),
    pinyinCounts: FingerprintCounter.fromRaw(raw.pinyinCounts),
    deletionCounts: FingerprintCounter.fromRaw(raw.deletionCounts),
    reviewedRecords: new Map(raw.reviewedRecords),
  };
}

/** A part of the index built by one thread, as plain parts plus the buffers to transfer. */
export function serialiseRosterColumns(columns: TRosterColumns): {
  raw: TRawColumns;
  transfer: ArrayBuffer[];
} {
  const raw = rawColumns(columns);
  return { raw, transfer: transferList(raw) };
}

export function deserialiseRosterColumns(raw: TRawColumns): TRosterColumns {
  return columnsFromRaw(raw);
}

/** The index as plain parts plus the buffers to transfer (moved, not copied; shared memory stays shared). */
export function serialiseRosterIndex(index: TRosterIndex): { raw: TRawIndex; transfer: ArrayBuffer[] } {
  const raw: TRawIndex = { ...index, ...rawColumns(index) };
  return { raw, transfer: transferList(raw) };
}

export function deserialiseRosterIndex(raw: TRawIndex): TRosterIndex {
  const table = (t: TChainTable): TChainTable => ({ head: t.head, next: t.next, mask: t.mask });
  return {
    ...columnsFromRaw(raw),
    byId: table(raw.byId),
    byNameBirth: table(raw.byNameBirth),
    byPinyinYear: table(raw.byPinyinYear),
    byNameOrgan: table(raw.byNameOrgan),
    bySurnameBirth: table(raw.bySurnameBirth),
    byPinyin: table(raw.byPinyin),
  };
}

export type TRawRosterIndex = TRawIndex;
export type TRawRosterColumns = TRawColumns;
