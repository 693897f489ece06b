/** Growable typed columns and small open-addressing tables for the roster index. */

export type TTypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

/** A copy of `array` with room for `capacity` elements, the first `length` kept. */
export function grown<T extends TTypedArray>(array: T, capacity: number): T {
  const Ctor = array.constructor as new (n: number) => T;
  const out = new Ctor(capacity);
  out.set(array);
  return out;
}

/** UTF-8 strings packed in one buffer with offsets: a few bytes each instead of a heap string. */
export class StringColumn {
  private bytes = Buffer.alloc(1 << 16);
  private offsets = new Uint32Array(1 << 12);
  private used = 0;
  length = 0;

  push(value: string): void {
    const need = Buffer.byteLength(value, 'utf8');
    if (this.used + need > this.bytes.length) {
      const next = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(next, 0, 0, this.used);
      this.bytes = next;
    }
    if (this.length + 2 > this.offsets.length) this.offsets = grown(this.offsets, this.offsets.length * 2);
    this.used += this.bytes.write(value, this.used, 'utf8');
    this.length++;
    this.offsets[this.length] = this.used;
  }

  get(index: number): string {
    return this.bytes.toString('utf8', this.offsets[index]!, this.offsets[index + 1]!);
  }

  /** Bytes held, for the memory report. */
  byteSize(): number {
    return this.bytes.length + this.offsets.byteLength;
  }

  /** Plain parts, to move the column to another thread without copying. */
  toRaw(): TStringColumnRaw {
    return { bytes: this.bytes, offsets: this.offsets, used: this.used, length: this.length };
  }

  static fromRaw(raw: TStringColumnRaw): StringColumn {
    const column = new StringColumn();
    column.bytes = Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength);
    column.offsets = raw.offsets;
    column.used = raw.used;
    column.length = raw.length;
    return column;
  }
}

export type TStringColumnRaw = {
  bytes: Uint8Array<ArrayBuffer>;
  offsets: Uint32Array<ArrayBuffer>;
  used: number;
  length: number;
};

export type TFingerprintCounterRaw = {
  his: Uint32Array;
  los: Uint32Array;
  counts: Uint32Array;
  mask: number;
  distinct: number;
};

/** Counts per 64-bit fingerprint (open addressing, linear probing). */
export class FingerprintCounter {
  private his: Uint32Array;
  private los: Uint32Array;
  private counts: Uint32Array;
  private mask: number;
  distinct = 0;

  constructor(capacity = 1 << 16) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.his = new Uint32Array(size);
    this.los = new Uint32Array(size);
    this.counts = new Uint32Array(size);
    this.mask = size - 1;
  }

  private slot(hi: number, lo: number): number {
    let i = (Math.imul(lo ^ hi, 0x9e3779b1) >>> 0) & this.mask;
    while (this.counts[i] !== 0 && (this.his[i] !== hi || this.los[i] !== lo)) i = (i + 1) & this.mask;
    return i;
  }

  add(hi: number, lo: number): void {
    const i = this.slot(hi, lo);
    if (this.counts[i] === 0) {
      this.his[i] = hi;
      this.los[i] = lo;
      this.distinct++;
      this.counts[i] = 1;
      if (this.distinct * 10 > (this.mask + 1) * 6) this.rehash();
    } else {
      this.counts[i]!++;
    }
  }

  get(hi: number, lo: number): number {
    return this.counts[this.slot(hi, lo)]!;
  }

  private rehash(): void {
    const { his, los, counts } = this;
    const size = (this.mask + 1) * 2;
    this.his = new Uint32Array(size);
    this.los = new Uint32Array(size);
    this.counts = new Uint32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < counts.length; j++) {
      if (counts[j] === 0) continue;
      const i = this.slot(his[j]!, los[j]!);
      this.his[i] = his[j]!;
      this.los[i] = los[j]!;
      this.counts[i] = counts[j]!;
    }
  }

  byteSize(): number {
    return this.his.byteLength * 3;
  }

  toRaw(): TFingerprintCounterRaw {
    return { his: this.his, los: this.los, counts: this.counts, mask: this.mask, distinct: this.distinct };
  }

  static fromRaw(raw: TFingerprintCounterRaw): FingerprintCounter {
    const counter = new FingerprintCounter(16);
    counter.his = raw.his;
    counter.los = raw.los;
    counter.counts = raw.counts;
    counter.mask = raw.mask;
    counter.distinct = raw.distinct;
    return counter;
  }
}

/**
 * Records grouped by a 32-bit bucket number: `head[bucket]` is the first record + 1, `next[record]`
 * the following one + 1. Buckets may mix keys; the scorer checks every candidate anyway.
 */
export type TChainTable = { head: Int32Array; next: Int32Array; mask: number };

export function createChainTable(records: number): TChainTable {
  const size = 1 << Math.max(4, Math.ceil(Math.log2(Math.max(1, records))));
  return { head: new Int32Array(size), next: new Int32Array(records), mask: size - 1 };
}

export function chainInsert(table: TChainTable, bucket: number, record: number): void {
  const b = bucket & table.mask;
  table.next[record] = table.head[b]!;
  table.head[b] = record + 1;
}
