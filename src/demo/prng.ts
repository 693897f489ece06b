/**
 * A small seeded pseudo-random generator (SFC32, seeded through SplitMix32) for the demo and benchmark
 * data. Same seed and same calls give the same numbers on every machine: only 32-bit integer
 * arithmetic is used, never `Math.random`. Fast enough to draw tens of millions of values a minute.
 */
export type Rng = {
  /** A uniform integer in [0, 2^32). */
  nextU32(): number;
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A uniformly chosen element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
};

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the UTF-16 code units of `text`: a stable 32-bit hash for deriving seeds and classes. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A generator for `seed` and a label. Labels give independent streams (`'organs'`, `'posts:17'`), so
 * one part of a dataset can be regenerated without replaying every draw made before it.
 */
export function createRng(seed: number, label = ''): Rng {
  const init = splitmix32((seed >>> 0) ^ hash32(label));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextU32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so that nearby seeds do not start on correlated values.
  for (let i = 0; i < 12; i++) nextU32();
  const next = () => nextU32() / 4294967296;
  return {
    nextU32,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

/**
 * Draws from a fixed discrete distribution in O(log n) by binary search over cumulative weights.
 * Built once per table; the weights need not sum to 1.
 */
export type WeightedTable<T> = { items: readonly T[]; cumulative: Float64Array; total: number };

/** Builds a table for `drawWeighted` from (item, weight) pairs; weights must be positive. */
export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    if (!(weight > 0)) throw new Error(`weight must be positive, got ${weight}`);
    total += weight;
    cumulative[i] = total;
  });
  return { items: entries.map(([item]) => item), cumulative, total };
}

/** One item of `table`, drawn with probability proportional to its weight. */
export function drawWeighted<T>(rng: Rng, table: WeightedTable<T>): T {
  const target = rng.next() * table.total;
  let lo = 0;
  let hi = table.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return table.items[lo]!;
}
