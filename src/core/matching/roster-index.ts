import { CADRE_RANKS, ROSTER_STATUSES } from '../registry/types.ts';
import {
  allocate,
  chainInsert,
  createChainTable,
  FingerprintCounter,
  grown,
  StringColumn,
  type TChainTable,
  type TTypedArray,
  type TTypedArrayConstructor,
} from './columns.ts';
import { dateToNumber } from './dates.ts';
import { createKeyedHasher, mixWords, type TKeyedHasher } from './keyed-hash.ts';
import { normaliseResidentId } from './normalise-id.ts';
import { nameDeletions, normaliseName } from './normalise-name.ts';
import type { TOrganResolver } from './organs.ts';
import type { TRosterRow } from './types.ts';

/** How many one-character deletions of a name the index keeps (names of two to four characters). */
export const DELETIONS = 4;

/** Keyed fingerprints of one normalised name, computed once per distinct spelling. */
export type TNameFingerprints = {
  script: 0 | 1 | 2;
  nameHi: number;
  nameLo: number;
  pinyinHi: number;
  pinyinLo: number;
  swappedHi: number;
  swappedLo: number;
  surname: number;
  /** Character-level print of the whole Han name, comparable with the deletions of a longer name. */
  whole: number;
  deletions: number[];
};

/**
 * Name fingerprints with a per-spelling cache; the cache holds names in clear and lives only while
 * indexing. Names and pinyin are HMACs. The one-character deletions, up to four per name, are folded
 * from per-character HMACs instead (a 32-bit print each): an HMAC per deletion would double the cost
 * of indexing, and 32 bits only ever confirm names the blocking keys already brought together.
 */
export function createNameFingerprinter(hasher: TKeyedHasher): (raw: string) => TNameFingerprints {
  const cache = new Map<string, TNameFingerprints>();
  const characters = new Map<string, number>();
  const characterPrint = (ch: string) => {
    let v = characters.get(ch);
    if (v === undefined) {
      v = hasher.fingerprint(`c:${ch}`).lo;
      characters.set(ch, v);
    }
    return v;
  };
  const fold = (chars: readonly string[]) => {
    let h = 0x811c9dc5;
    for (const ch of chars) h = mixWords(h, characterPrint(ch), 0x27d4eb2f);
    return h || 1;
  };
  const surnames = new Map<string, number>();
  return (raw) => {
    let out = cache.get(raw);
    if (out) return out;
    const name = normaliseName(raw);
    const n = name.key ? hasher.fingerprint(`n:${name.key}`) : { hi: 0, lo: 0 };
    const p = name.pinyin ? hasher.fingerprint(`p:${name.pinyin}`) : { hi: 0, lo: 0 };
    const s = name.pinyinSwapped ? hasher.fingerprint(`p:${name.pinyinSwapped}`) : { hi: 0, lo: 0 };
    out = {
      script: name.script === 'han' ? 1 : name.script === 'latin' ? 2 : 0,
      nameHi: n.hi,
      nameLo: n.lo,
      pinyinHi: p.hi,
      pinyinLo: p.lo,
      swappedHi: s.hi,
      swappedLo: s.lo,
      surname: 0,
      whole: 0,
      deletions: [],
    };
    if (name.surnamePinyin) {
      let v = surnames.get(name.surnamePinyin);
      if (v === undefined) {
        v = hasher.fingerprint(`s:${name.surnamePinyin}`).lo;
        surnames.set(name.surnamePinyin, v);
      }
      out.surname = v;
    }
    const chars = Array.from(name.key);
    if (chars.length >= 2 && chars.length <= DELETIONS) {
      out.whole = fold(chars);
      out.deletions = nameDeletions(name.key).map((d) => fold(Array.from(d)));
    }
    // Bounded, and kept rather than cleared when full: each indexing thread holds its own cache, and
    // the names met first are mostly the common ones, which carry most rows. Clearing it made every
    // later row of a national roster normalise and hash its name again.
    if (cache.size < 1_000_000) cache.set(raw, out);
    return out;
  };
}

/**
 * The screening side of matching, in columns. It keeps no resident ID and no name in clear: only
 * HMAC fingerprints of the normalised ID, the name, its pinyin, its surname and its one-character
 * deletions, and the facts a decision needs (birth date, sex, organ, status, rank, record key).
 */
export type TRosterIndex = {
  size: number;
  idHi: Uint32Array;
  idLo: Uint32Array;
  /** 0 no usable ID, 1 an 18-character ID, 2 upgraded from a 15-digit one. */
  idKind: Uint8Array;
  nameHi: Uint32Array;
  nameLo: Uint32Array;
  pinyinHi: Uint32Array;
  pinyinLo: Uint32Array;
  surname: Uint32Array;
  /** Character-level print of the whole name, 0 for names outside two to four characters. */
  whole: Uint32Array;
  /** `DELETIONS` prints per record, 0 where the name has fewer. */
  deletions: Uint32Array;
  /** yyyymmdd, 0 unknown. */
  birth: Int32Array;
  /** 0 unknown, 1 male, 2 female. */
  sex: Uint8Array;
  /** Index into `organCodes`, -1 unknown. */
  organ: Int32Array;
  /** Index into ROSTER_STATUSES + 1, 0 unknown. */
  status: Uint8Array;
  /** Index into CADRE_RANKS + 1, 0 unknown. */
  rank: Uint8Array;
  retiredOn: Int32Array;
  source: Uint16Array;
  recordKeys: StringColumn;
  sources: string[];
  organCodes: string[];
  /** Records per organ, for how much organ agreement counts. */
  organCounts: Int32Array;
  nameCounts: FingerprintCounter;
  pinyinCounts: FingerprintCounter;
  /** Records per one-character deletion (and per whole name), by low word: how common near names are. */
  deletionCounts: FingerprintCounter;
  byId: TChainTable;
  byNameBirth: TChainTable;
  byPinyinYear: TChainTable;
  /** By pinyin key and organ (the pinyin covers exact, traditional, homophone and romanised names). */
  byNameOrgan: TChainTable;
  bySurnameBirth: TChainTable;
  /** By pinyin key alone, for posts with neither ID nor birth date (rare names only, see the matcher). */
  byPinyin: TChainTable;
  /** Records whose key a reviewer decision names, so that confirmed pairs resolve without blocking. */
  reviewedRecords: Map<string, number>;
};

/** The blocking tables and organ counts, built once every record is in. */
type TRosterTables =
  | 'organCounts'
  | 'byId'
  | 'byNameBirth'
  | 'byPinyinYear'
  | 'byNameOrgan'
  | 'bySurnameBirth'
  | 'byPinyin';

/** The per-record columns of a roster index, before its blocking tables are built. */
export type TRosterColumns = Omit<TRosterIndex, TRosterTables>;

/** The per-record typed columns, by name: what is copied when parts built in several threads are joined. */
const RECORD_COLUMNS = [
  'idHi',
  'idLo',
  'idKind',
  'nameHi',
  'nameLo',
  'pinyinHi',
  'pinyinLo',
  'surname',
  'whole',
  'birth',
  'sex',
  'organ',
  'status',
  'rank',
  'retiredOn',
  'source',
] as const satisfies readonly (keyof TRosterColumns)[];

export type CreateRosterIndexBuilderOptions = {
  /** The screening key (at least 16 bytes); the same key must fingerprint the posts. */
  key: Uint8Array;
  organs: TOrganResolver;
  today: string;
  /** Roster size expected, to size columns once (they grow if it was too small). */
  expectedSize?: number;
  /** Record keys to remember by key, from reviewer decisions of earlier runs. */
  reviewedRecordKeys?: ReadonlySet<string>;
};

export type TRosterIndexBuilder = {
  add: (row: TRosterRow) => void;
  /** The records read so far as columns, without blocking tables (to be joined with other parts). */
  columns: () => TRosterColumns;
  finish: () => TRosterIndex;
};

export const BUCKET_SALT = {
  id: 1,
  nameBirth: 2,
  pinyinYear: 3,
  nameOrgan: 4,
  surnameBirth: 5,
  pinyin: 6,
} as const;

function sexCode(text: string | null | undefined): number {
  if (text === 'male' || text === '男') return 1;
  if (text === 'female' || text === '女') return 2;
  return 0;
}

/**
 * Builds the roster index row by row, so a roster file of millions of rows is streamed, never held.
 * Blocking tables are built in `finish`, when the final size is known.
 */
export function createRosterIndexBuilder({
  key,
  organs,
  today,
  expectedSize = 1 << 16,
  reviewedRecordKeys,
}: CreateRosterIndexBuilderOptions): TRosterIndexBuilder {
  const hasher = createKeyedHasher(key);
  const fingerprintName = createNameFingerprinter(hasher);
  let capacity = Math.max(16, expectedSize);
  let size = 0;
  let idHi = new Uint32Array(capacity);
  let idLo = new Uint32Array(capacity);
  let idKind = new Uint8Array(capacity);
  let nameHi = new Uint32Array(capacity);
  let nameLo = new Uint32Array(capacity);
  let pinyinHi = new Uint32Array(capacity);
  let pinyinLo = new Uint32Array(capacity);
  let surname = new Uint32Array(capacity);
  let whole = new Uint32Array(capacity);
  let deletions = new Uint32Array(capacity * DELETIONS);
  let birth = new Int32Array(capacity);
  let sex = new Uint8Array(capacity);
  let organ = new Int32Array(capacity);
  let status = new Uint8Array(capacity);
  let rank = new Uint8Array(capacity);
  let retiredOn = new Int32Array(capacity);
  let source = new Uint16Array(capacity);
  const recordKeys = new StringColumn();
  const sources: string[] = [];
  const sourceIndex = new Map<string, number>();
  const organCodes: string[] = [];
  const organIndex = new Map<string, number>();
  const organNameCache = new Map<string, number>();
  const nameCounts = new FingerprintCounter(expectedSize / 2);
  const pinyinCounts = new FingerprintCounter(expectedSize / 2);
  const deletionCounts = new FingerprintCounter(expectedSize);
  const reviewedRecords = new Map<string, number>();
  const statusCodes = new Map<string, number>(ROSTER_STATUSES.map((s, i) => [s, i + 1]));
  const rankCodes = new Map<string, number>(CADRE_RANKS.map((s, i) => [s, i + 1]));

  const grow = () => {
    capacity *= 2;
    idHi = grown(idHi, capacity);
    idLo = grown(idLo, capacity);
    idKind = grown(idKind, capacity);
    nameHi = grown(nameHi, capacity);
    nameLo = grown(nameLo, capacity);
    pinyinHi = grown(pinyinHi, capacity);
    pinyinLo = grown(pinyinLo, capacity);
    surname = grown(surname, capacity);
    whole = grown(whole, capacity);
    deletions = grown(deletions, capacity * DELETIONS);
    birth = grown(birth, capacity);
    sex = grown(sex, capacity);
    organ = grown(organ, capacity);
    status = grown(status, capacity);
    rank = grown(rank, capacity);
    retiredOn = grown(retiredOn, capacity);
    source = grown(source, capacity);
  };

  const organOf = (code: string | undefined, name: string | undefined): number => {
    const cacheKey = `${code ?? ''}\u0000${name ?? ''}`;
    const cached = organNameCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const resolved = organs.resolve(code, name);
    let index = -1;
    if (resolved) {
      index = organIndex.get(resolved) ?? -1;
      if (index < 0) {
        index = organCodes.length;
        organCodes.push(resolved);
        organIndex.set(resolved, index);
      }
    }
    organNameCache.set(cacheKey, index);
    return index;
  };

  const builder: TRosterIndexBuilder = {
    add(row) {
      if (size === capacity) grow();
      const r = size++;
      const stated = dateToNumber(row.birth_date);
      const id = normaliseResidentId(row.resident_id, { today });
      if (id.kind === 'valid') {
        const f = hasher.fingerprint(`id:${id.id}`);
        idHi[r] = f.hi;
        idLo[r] = f.lo;
        idKind[r] = id.upgradedFrom15 ? 2 : 1;
        birth[r] = stated || dateToNumber(id.birthDate);
        sex[r] = sexCode(row.sex) || (id.sex === 'male' ? 1 : 2);
      } else {
        birth[r] = stated;
        sex[r] = sexCode(row.sex);
      }
      const name = fingerprintName(row.name);
      nameHi[r] = name.nameHi;
      nameLo[r] = name.nameLo;
      pinyinHi[r] = name.pinyinHi;
      pinyinLo[r] = name.pinyinLo;
      surname[r] = name.surname;
      whole[r] = name.whole;
      for (let i = 0; i < name.deletions.length; i++) deletions[r * DELETIONS + i] = name.deletions[i]!;
      if (name.script === 1) {
        nameCounts.add(name.nameHi, name.nameLo);
        if (name.whole !== 0) deletionCounts.add(0, name.whole);
        for (const d of name.deletions) deletionCounts.add(0, d);
      }
      if (name.script !== 0) pinyinCounts.add(name.pinyinHi, name.pinyinLo);
      organ[r] = organOf(row.organ_code, row.organ_name);
      status[r] = statusCodes.get(row.status ?? '') ?? 0;
      rank[r] = rankCodes.get(row.rank ?? '') ?? 0;
      retiredOn[r] = dateToNumber(row.retired_on);
      const src = row.source ?? '';
      let s = sourceIndex.get(src);
      if (s === undefined) {
        s = sources.length;
        sources.push(src);
        sourceIndex.set(src, s);
      }
      source[r] = s;
      recordKeys.push(row.record_key);
      if (reviewedRecordKeys?.has(row.record_key)) reviewedRecords.set(row.record_key, r);
    },

    columns: (): TRosterColumns => ({
      size,
      idHi,
      idLo,
      idKind,
      nameHi,
      nameLo,
      pinyinHi,
      pinyinLo,
      surname,
      whole,
      deletions,
      birth,
      sex,
      organ,
      status,
      rank,
      retiredOn,
      source,
      recordKeys,
      sources,
      organCodes,
      nameCounts,
      pinyinCounts,
      deletionCounts,
      reviewedRecords,
    }),

    finish() {
      return buildRosterIndex(builder.columns());
    },
  };
  return builder;
}

/**
 * Builds the blocking tables over finished columns. With `shared`, the tables sit in shared memory
 * like the columns should, so the index can be handed to matching threads without a copy.
 */
export function buildRosterIndex(columns: TRosterColumns, shared = false): TRosterIndex {
  const { size, idKind, idHi, idLo, nameHi, nameLo, pinyinHi, pinyinLo, surname, birth, organ } = columns;
  const byId = createChainTable(size, shared);
  const byNameBirth = createChainTable(size, shared);
  const byPinyinYear = createChainTable(size, shared);
  const byNameOrgan = createChainTable(size, shared);
  const bySurnameBirth = createChainTable(size, shared);
  const byPinyin = createChainTable(size, shared);
  const organCounts = allocate(Int32Array, columns.organCodes.length, shared);
  // Insert from the end so chains list records in file order.
  for (let r = size - 1; r >= 0; r--) {
    const b = birth[r]!;
    const o = organ[r]!;
    const hasName = nameHi[r] !== 0 || nameLo[r] !== 0;
    if (idKind[r] !== 0) chainInsert(byId, mixWords(idHi[r]!, idLo[r]!, BUCKET_SALT.id), r);
    if (hasName && b !== 0) chainInsert(byNameBirth, mixWords(nameHi[r]!, nameLo[r]!, b), r);
    const hasPinyin = pinyinHi[r] !== 0 || pinyinLo[r] !== 0;
    if (hasPinyin && o >= 0)
      chainInsert(byNameOrgan, mixWords(pinyinHi[r]!, pinyinLo[r]!, o ^ 0x5bd1e995), r);
    if (hasPinyin) chainInsert(byPinyin, mixWords(pinyinHi[r]!, pinyinLo[r]!, BUCKET_SALT.pinyin), r);
    if (b !== 0) {
      const year = Math.floor(b / 10000);
      if (hasPinyin) chainInsert(byPinyinYear, mixWords(pinyinHi[r]!, pinyinLo[r]!, year), r);
      if (surname[r] !== 0)
        chainInsert(bySurnameBirth, mixWords(surname[r]!, b, BUCKET_SALT.surnameBirth), r);
    }
    if (o >= 0) organCounts[o]!++;
  }
  return {
    ...columns,
    organCounts,
    byId,
    byNameBirth,
    byPinyinYear,
    byNameOrgan,
    bySurnameBirth,
    byPinyin,
  };
}

/** One run of records of a part, in the order the rows were read: `count` rows from `start`. */
export type TPartRun = { part: number; start: number; count: number };

/**
 * Joins roster columns built by several threads, each from some of the batches of rows, into the
 * columns one thread would have built from all rows in order (`plan` lists the runs in read order).
 * Organ and source numbers are local to each part and are renumbered; counts are added up. Each
 * part's column is dropped once copied, so joining holds one column twice at most.
 */
export function mergeRosterColumns(
  parts: TRosterColumns[],
  plan: readonly TPartRun[],
  shared = false,
): TRosterColumns {
  const size = plan.reduce((n, step) => n + step.count, 0);
  const organCodes: string[] = [];
  const organIndex = new Map<string, number>();
  const organMaps = parts.map((part) =>
    Int32Array.from(part.organCodes, (code) => {
      let i = organIndex.get(code);
      if (i === undefined) {
        i = organCodes.length;
        organCodes.push(code);
        organIndex.set(code, i);
      }
      return i;
    }),
  );
  const sources: string[] = [];
  const sourceIndex = new Map<string, number>();
  const sourceMaps = parts.map((part) =>
    Uint16Array.from(part.sources, (name) => {
      let i = sourceIndex.get(name);
      if (i === undefined) {
        i = sources.length;
        sources.push(name);
        sourceIndex.set(name, i);
      }
      return i;
    }),
  );
  const joined: Partial<Record<(typeof RECORD_COLUMNS)[number] | 'deletions', TTypedArray>> = {};
  for (const name of [...RECORD_COLUMNS, 'deletions'] as const) {
    const width = name === 'deletions' ? DELETIONS : 1;
    const first = parts[0]![name] as TTypedArray;
    const out = allocate(first.constructor as TTypedArrayConstructor<TTypedArray>, size * width, shared);
    let at = 0;
    for (const step of plan) {
      const column = parts[step.part]![name] as TTypedArray;
      const run = column.subarray(step.start * width, (step.start + step.count) * width);
      if (name === 'organ') {
        const map = organMaps[step.part]!;
        for (let i = 0; i < run.length; i++) out[at + i] = run[i]! < 0 ? -1 : map[run[i]!]!;
      } else if (name === 'source') {
        const map = sourceMaps[step.part]!;
        for (let i = 0; i < run.length; i++) out[at + i] = map[run[i]!]!;
      } else out.set(run, at);
      at += run.length;
    }
    joined[name] = out;
    for (const part of parts) (part as Record<string, unknown>)[name] = null;
  }
  const reviewedRecords = new Map<string, number>();
  let global = 0;
  for (const step of plan) {
    for (const [key, local] of parts[step.part]!.reviewedRecords) {
      if (local >= step.start && local < step.start + step.count)
        reviewedRecords.set(key, global + local - step.start);
    }
    global += step.count;
  }
  return {
    ...(joined as Pick<TRosterColumns, (typeof RECORD_COLUMNS)[number] | 'deletions'>),
    size,
    recordKeys: StringColumn.concat(
      parts.map((p) => p.recordKeys),
      plan,
      shared,
    ),
    sources,
    organCodes,
    nameCounts: FingerprintCounter.merge(
      parts.map((p) => p.nameCounts),
      shared,
    ),
    pinyinCounts: FingerprintCounter.merge(
      parts.map((p) => p.pinyinCounts),
      shared,
    ),
    deletionCounts: FingerprintCounter.merge(
      parts.map((p) => p.deletionCounts),
      shared,
    ),
    reviewedRecords,
  };
}
