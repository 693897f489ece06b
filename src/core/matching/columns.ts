/** Growable typed columns and small open-addressing tables for the roster index. */

export type TTypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

export type TTypedArrayConstructor<T extends TTypedArray> = {
  new (length: number): T;
  new (buffer: ArrayBufferLike): T;
  BYTES_PER_ELEMENT: number;
};

/**
 * A zeroed typed array, in shared memory when `shared`: threads that receive it read the same
 * bytes, so one roster index serves every matching thread without a copy.
 */
export function allocate<T extends TTypedArray>(
  Ctor: TTypedArrayConstructor<T>,
  length: number,
  shared: boolean,
): T {
  return shared ? new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT)) : new Ctor(length);
}

/** A copy of `array` with room for `capacity` elements, the first `length` kept. */
export function grown<T extends TTypedArray>(array: T, capacity: number): T {
  const Ctor = array.constructor as new (n: number) => T;
  const out = new Ctor(capacity);
  out.set(array);
  return out;
}

/** UTF-8 strings packed in one buffer with offsets: a few bytes each instead of a heap string. */
export class StringColumn {
  private bytes: Buffer<ArrayBufferLike> = Buffer.alloc(1 << 16);
  private offsets: Uint32Array<ArrayBufferLike> = new Uint32Array(1 << 12);
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

  /**
   * The strings of `parts` laid end to end, taking `[start, start + count)` of part `part` for each
   * step of `plan` in turn; the bytes are copied in runs, not string by string.
   */
  static concat(
    parts: readonly StringColumn[],
    plan: readonly { part: number; start: number; count: number }[],
    shared = false,
  ): StringColumn {
    let bytes = 0;
    let length = 0;
    for (const step of plan) {
      const o = parts[step.part]!.offsets;
      bytes += o[step.start + step.count]! - o[step.start]!;
      length += step.count;
    }
    const out = new StringColumn();
    out.bytes = shared
      ? Buffer.from(new SharedArrayBuffer(Math.max(1, bytes)))
      : Buffer.alloc(Math.max(1, bytes));
    out.offsets = allocate(Uint32Array, length + 1, shared);
    let at = 0;
    let row = 0;
    for (const step of plan) {
      const part = parts[step.part]!;
      const from = part.offsets[step.start]!;
      const to = part.offsets[step.start + step.count]!;
      part.bytes.copy(out.bytes, at, from, to);
      const shift = at - from;
      for (let i = 1; i <= step.count; i++) out.offsets[row + i] = part.offsets[step.start + i]! + shift;
      at += to - from;
      row += step.count;
    }
    out.used = at;
    out.length = length;
    return out;
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
  bytes: Uint8Array<ArrayBufferLike>;
  offsets: Uint32Array<ArrayBufferLike>;
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

  add(hi: number, lo: number, count = 1): void {
    const i = this.slot(hi, lo);
    if (this.counts[i] === 0) {
      this.his[i] = hi;
      this.los[i] = lo;
      this.distinct++;
      this.counts[i] = count;
      if (this.distinct * 10 > (this.mask + 1) * 6) this.rehash();
    } else {
      this.counts[i]! += count;
    }
  }

  /** The counts of `counters` added up, in a table sized once (in shared memory when `shared`). */
  static merge(counters: readonly FingerprintCounter[], shared = false): FingerprintCounter {
    let distinct = 0;
    for (const c of counters) distinct += c.distinct;
    const out = new FingerprintCounter(16);
    const size = 1 << Math.ceil(Math.log2(Math.max(16, (distinct * 10) / 6 + 1)));
    out.his = allocate(Uint32Array, size, shared);
    out.los = allocate(Uint32Array, size, shared);
    out.counts = allocate(Uint32Array, size, shared);
    out.mask = size - 1;
    for (const c of counters) {
      for (let j = 0; j < c.counts.length; j++) {
        const n = c.counts[j]!;
        if (n === 0) continue;
        const i = out.slot(c.his[j]!, c.los[j]!);
        if (out.counts[i] === 0) {
          out.his[i] = c.his[j]!;
          out.los[i] = c.los[j]!;
          out.distinct++;
        }
        out.counts[i]! += n;
      }
    }
    return out;
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

export function createChainTable(records: number, shared = false): TChainTable {
  const size = 1 << Math.max(4, Math.ceil(Math.log2(Math.max(1, records))));
  return {
    head: allocate(Int32Array, size, shared),
    next: allocate(Int32Array, records, shared),
    mask: size - 1,
  };
}

export function chainInsert(table: TChainTable, bucket: number, record: number): void {
  const b = bucket & table.mask;
  table.next[record] = table.head[b]!;
  table.head[b] = record + 1;
}
