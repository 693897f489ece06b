/**
 * The verifiable random draw of organisations for inspection (双随机一公开).
 *
 * 1. Before the draw the regulator publishes the frame (every organisation that can be drawn, with
 *    its stratum), the strata, the quotas and `seedCommitment` = SHA-256 of a secret random seed, as
 *    canonical JSON with its SHA-256 (`prepareDraw`).
 * 2. After the draw it publishes the seed. The draw is a pure function of the published document and
 *    the seed (`runDraw`), so anyone can re-run it (`verifyDraw`) and will get the same organisations;
 *    a seed that does not match the commitment, or a document that does not match its published hash,
 *    is detected.
 *
 * Algorithm `tuogou-draw/1`: within each stratum, every organisation gets the score
 * HMAC-SHA256(key = seed, message = drawId + "\n" + stratum + "\n" + USCC) in lower-case hex; the
 * organisations are ranked by score (then USCC) and the first `quota` are drawn. Where a public beacon
 * is named, the key is seed + ":" + beacon value, so that not even the regulator knows the outcome when
 * it commits to its seed.
 */

import { createHmac } from 'node:crypto';
import { validateUscc } from '../ids/uscc.ts';
import type { TDate } from '../policy/dates.ts';
import type { TTemplate } from '../policy/types.ts';
import type { TLevel } from '../registry/types.ts';
import { canonicalJson, sha256Hex, type TJson } from './canonical.ts';

export const DRAW_ALGORITHM = 'tuogou-draw/1';

/** An organisation that can be drawn; only public registry data. */
export type TFrameEntry = { uscc: string; level: TLevel; category: string | null };

/** A stratum: the organisations matching every criterion given. An entry joins the first it matches. */
export type TStratum = { id: string; label: TTemplate; level?: TLevel; category?: string };

export type TDrawKind = 'yearly' | 'irregular';

/** The document published before the draw. */
export type TDrawDocument = {
  algorithm: typeof DRAW_ALGORITHM;
  drawId: string;
  kind: TDrawKind;
  title: TTemplate;
  publishedOn: TDate;
  /** Sorted by USCC. */
  frame: readonly (TFrameEntry & { stratum: string })[];
  /** Sorted by id. */
  strata: readonly {
    id: string;
    label: TTemplate;
    level: TLevel | null;
    category: string | null;
    population: number;
  }[];
  /** Sorted by stratum. */
  quotas: readonly { stratum: string; count: number }[];
  /** SHA-256 (hex) of the seed. */
  seedCommitment: string;
  /** A public random value not known when the seed is committed (e.g. a lottery result), or `null`. */
  beacon: { source: string } | null;
};

/** What is published: the canonical JSON and its SHA-256. */
export type TPublishedDraw = { json: string; sha256: string };

export type TDrawSelection = { stratum: string; rank: number; uscc: string; score: string };

export type TDrawResult = {
  algorithm: typeof DRAW_ALGORITHM;
  drawId: string;
  publishedSha256: string;
  seed: string;
  beacon: string | null;
  /** By stratum id, then rank. */
  selections: readonly TDrawSelection[];
};

export type TDrawProblemCode =
  | 'invalid_input'
  | 'published_tampered'
  | 'not_canonical'
  | 'seed_mismatch'
  | 'beacon_missing'
  | 'result_differs';

/** A draw that cannot be prepared, run or verified, with the reason in Chinese and English. */
export class DrawError extends Error {
  constructor(
    readonly code: TDrawProblemCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'DrawError';
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The commitment to publish for a seed: SHA-256 (hex) of its UTF-8 text. */
export function commitSeed(seed: string): string {
  return sha256Hex(seed);
}

/**
 * The smallest whole number of organisations that reaches `ratio` of `population` (rounded up: a
 * minimum ratio of 3% of 101 organisations is 4). Computed on integers so 3% of 100 is exactly 3.
 */
export function minimumQuota(population: number, ratio: number): number {
  if (!Number.isInteger(population) || population < 0)
    throw new RangeError(`population must be a whole number ≥ 0, got ${population}`);
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`ratio must be between 0 and 1, got ${ratio}`);
  const perMillion = Math.round(ratio * 1_000_000);
  return Math.floor((population * perMillion + 999_999) / 1_000_000);
}

const LEVEL_LABELS: Record<TLevel, TTemplate> = {
  national: { zh: '民政部登记', en: 'registered nationally' },
  provincial: { zh: '省级登记', en: 'registered at province level' },
  municipal: { zh: '市级登记', en: 'registered at city level' },
  county: { zh: '县级登记', en: 'registered at county level' },
};

export type YearlyDrawPlanOptions = {
  frame: readonly TFrameEntry[];
  /** Minimum ratios by level, from the policy pack (`insp.ratioByLevel`). */
  ratioByLevel: Readonly<Record<TLevel, number>>;
};

/** Strata by registration level and their quotas at the minimum ratios, rounded up. */
export function yearlyDrawPlan({ frame, ratioByLevel }: YearlyDrawPlanOptions): {
  strata: TStratum[];
  quotas: Record<string, number>;
} {
  const strata: TStratum[] = [];
  const quotas: Record<string, number> = {};
  for (const level of ['national', 'provincial', 'municipal', 'county'] as const) {
    const population = frame.filter((e) => e.level === level).length;
    if (population === 0) continue;
    strata.push({ id: level, label: LEVEL_LABELS[level], level });
    quotas[level] = minimumQuota(population, ratioByLevel[level]);
  }
  return { strata, quotas };
}

export type PrepareDrawOptions = {
  drawId: string;
  kind: TDrawKind;
  title: TTemplate;
  publishedOn: TDate;
  frame: readonly TFrameEntry[];
  strata: readonly TStratum[];
  /** Organisations to draw per stratum id. */
  quotas: Readonly<Record<string, number>>;
  seedCommitment: string;
  beacon?: { source: string } | null;
};

function invalid(zh: string, en: string): DrawError {
  return new DrawError('invalid_input', zh, en);
}

/**
 * The document to publish before the draw, as canonical JSON with its SHA-256. Entries matching no
 * stratum are left out of the frame (`excluded` counts them).
 *
 * @throws DrawError (`invalid_input`) for an invalid or duplicate USCC, an unknown stratum in the
 * quotas, a quota above the stratum's population, or a commitment that is not a SHA-256.
 */
export function prepareDraw(options: PrepareDrawOptions): {
  published: TPublishedDraw;
  document: TDrawDocument;
  excluded: number;
} {
  const { drawId, kind, title, publishedOn, frame, strata, quotas, seedCommitment } = options;
  if (!HEX64.test(seedCommitment)) {
    throw invalid(
      '种子承诺值应为64位小写十六进制 SHA-256',
      'seedCommitment must be a SHA-256 in 64 lower-case hex digits',
    );
  }
  const stratumIds = new Set<string>();
  strata.forEach((s, i) => {
    if (stratumIds.has(s.id))
      throw invalid(`strata[${i}]：分层编号 "${s.id}" 重复`, `strata[${i}]: stratum id "${s.id}" used twice`);
    stratumIds.add(s.id);
  });
  const seen = new Set<string>();
  const placed: (TFrameEntry & { stratum: string })[] = [];
  let excluded = 0;
  frame.forEach((entry, i) => {
    const check = validateUscc(entry.uscc);
    if (!check.valid)
      throw invalid(`frame[${i}].uscc：${check.message}`, `frame[${i}].uscc: ${check.message}`);
    if (seen.has(entry.uscc))
      throw invalid(`frame[${i}].uscc：${entry.uscc} 重复`, `frame[${i}].uscc: ${entry.uscc} appears twice`);
    seen.add(entry.uscc);
    const stratum = strata.find(
      (s) =>
        (s.level === undefined || s.level === entry.level) &&
        (s.category === undefined || s.category === entry.category),
    );
    if (!stratum) {
      excluded += 1;
      return;
    }
    placed.push({ uscc: entry.uscc, level: entry.level, category: entry.category, stratum: stratum.id });
  });
  placed.sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
  for (const [id, count] of Object.entries(quotas)) {
    if (!stratumIds.has(id)) throw invalid(`quotas.${id}：没有该分层`, `quotas.${id}: no such stratum`);
    const population = placed.filter((e) => e.stratum === id).length;
    if (!Number.isInteger(count) || count < 0 || count > population) {
      throw invalid(
        `quotas.${id}：抽取数应为 0 到 ${population} 的整数，实为 ${count}`,
        `quotas.${id}: expected a whole number from 0 to ${population} (the stratum's population), got ${count}`,
      );
    }
  }
  const document: TDrawDocument = {
    algorithm: DRAW_ALGORITHM,
    drawId,
    kind,
    title,
    publishedOn,
    frame: placed,
    strata: [...strata]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((s) => ({
        id: s.id,
        label: s.label,
        level: s.level ?? null,
        category: s.category ?? null,
        population: placed.filter((e) => e.stratum === s.id).length,
      })),
    quotas: Object.entries(quotas)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([stratum, count]) => ({ stratum, count })),
    seedCommitment,
    beacon: options.beacon ?? null,
  };
  const json = canonicalJson(document as unknown as TJson);
  return { published: { json, sha256: sha256Hex(json) }, document, excluded };
}

/**
 * Reads a published draw, checking its hash and canonical form.
 *
 * @throws DrawError `published_tampered` when the JSON does not hash to the published SHA-256,
 * `not_canonical` when it is not in canonical form or not a draw document.
 */
export function readPublishedDraw(published: TPublishedDraw): TDrawDocument {
  const actual = sha256Hex(published.json);
  if (actual !== published.sha256) {
    throw new DrawError(
      'published_tampered',
      `公示文件的 SHA-256 为 ${actual}，与公示值 ${published.sha256} 不符：文件被改动过`,
      `The published file hashes to ${actual}, not the published ${published.sha256}: it was changed`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(published.json);
  } catch {
    throw new DrawError('not_canonical', '公示文件不是有效的 JSON', 'The published file is not valid JSON');
  }
  const document = parsed as TDrawDocument;
  if (document === null || typeof document !== 'object' || document.algorithm !== DRAW_ALGORITHM) {
    throw new DrawError(
      'not_canonical',
      `不是 ${DRAW_ALGORITHM} 抽取文件`,
      `Not a ${DRAW_ALGORITHM} draw document`,
    );
  }
  if (canonicalJson(parsed as TJson) !== published.json) {
    throw new DrawError(
      'not_canonical',
      '公示文件不是规范化 JSON',
      'The published file is not canonical JSON',
    );
  }
  return document;
}

/** The score of one organisation in one stratum (lower-case hex HMAC-SHA256). */
export function drawScore(key: string, drawId: string, stratum: string, id: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8'))
    .update(`${drawId}\n${stratum}\n${id}`, 'utf8')
    .digest('hex');
}

/** The HMAC key: the seed, joined with the beacon value where the draw names a beacon. */
export function drawKey(document: TDrawDocument, seed: string, beacon: string | null | undefined): string {
  if (document.beacon === null) return seed;
  if (beacon === undefined || beacon === null || beacon === '') {
    throw new DrawError(
      'beacon_missing',
      `本次抽取使用公共随机源“${document.beacon.source}”，须提供其数值`,
      `This draw uses the public beacon "${document.beacon.source}": its value is needed`,
    );
  }
  return `${seed}:${beacon}`;
}

export type RunDrawOptions = { published: TPublishedDraw; seed: string; beacon?: string | null };

/**
 * Runs the draw: a deterministic function of the published document, the seed and the beacon value.
 *
 * @throws DrawError when the document does not match its hash or the seed does not match the
 * commitment.
 */
export function runDraw({ published, seed, beacon }: RunDrawOptions): TDrawResult {
  const document = readPublishedDraw(published);
  const committed = commitSeed(seed);
  if (committed !== document.seedCommitment) {
    throw new DrawError(
      'seed_mismatch',
      `种子的 SHA-256 为 ${committed}，与抽取前公示的承诺值 ${document.seedCommitment} 不符`,
      `The seed hashes to ${committed}, not the commitment ${document.seedCommitment} published before the draw`,
    );
  }
  const key = drawKey(document, seed, beacon);
  const selections: TDrawSelection[] = [];
  for (const { stratum, count } of document.quotas) {
    const ranked = document.frame
      .filter((e) => e.stratum === stratum)
      .map((e) => ({ uscc: e.uscc, score: drawScore(key, document.drawId, stratum, e.uscc) }))
      .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.uscc < b.uscc ? -1 : 1));
    ranked.slice(0, count).forEach((e, i) => {
      selections.push({ stratum, rank: i + 1, uscc: e.uscc, score: e.score });
    });
  }
  return {
    algorithm: DRAW_ALGORITHM,
    drawId: document.drawId,
    publishedSha256: published.sha256,
    seed,
    beacon: document.beacon === null ? null : (beacon ?? null),
    selections,
  };
}

export type TDrawVerdict =
  | { ok: true; selections: number }
  | {
      ok: false;
      code: TDrawProblemCode;
      zh: string;
      en: string;
      /** The first selection that differs (`null` on the side where there is none). */
      difference: { index: number; expected: TDrawSelection | null; actual: TDrawSelection | null } | null;
    };

export type VerifyDrawOptions = {
  published: TPublishedDraw;
  seed: string;
  beacon?: string | null;
  result: TDrawResult;
};

/**
 * Re-runs the draw from the published data and the seed, and compares it with a claimed result:
 * confirms it, or names the first difference.
 */
export function verifyDraw({ published, seed, beacon, result }: VerifyDrawOptions): TDrawVerdict {
  let expected: TDrawResult;
  try {
    expected = runDraw({ published, seed, beacon });
  } catch (error) {
    if (error instanceof DrawError)
      return { ok: false, code: error.code, zh: error.zh, en: error.en, difference: null };
    throw error;
  }
  if (result.publishedSha256 !== published.sha256 || result.drawId !== expected.drawId) {
    return {
      ok: false,
      code: 'result_differs',
      zh: `结果所依据的公示文件（${result.publishedSha256}）不是本次公示的文件`,
      en: `The result refers to a published file (${result.publishedSha256}) other than this one`,
      difference: null,
    };
  }
  if (result.seed !== expected.seed || result.beacon !== expected.beacon) {
    return {
      ok: false,
      code: 'result_differs',
      zh: '结果记载的种子或公共随机源数值与公布的不一致',
      en: 'The result records a seed or beacon value other than the ones published',
      difference: null,
    };
  }
  const length = Math.max(expected.selections.length, result.selections.length);
  for (let i = 0; i < length; i += 1) {
    const want = expected.selections[i] ?? null;
    const got = result.selections[i] ?? null;
    if (want !== null && got !== null && canonicalJson(want) === canonicalJson(got)) continue;
    const where = want ?? got;
    return {
      ok: false,
      code: 'result_differs',
      zh: `第 ${i + 1} 条抽取结果不符（分层 ${where?.stratum}）：应为 ${want?.uscc ?? '无'}，实为 ${got?.uscc ?? '无'}`,
      en: `Selection ${i + 1} differs (stratum ${where?.stratum}): expected ${want?.uscc ?? 'none'}, got ${got?.uscc ?? 'none'}`,
      difference: { index: i, expected: want, actual: got },
    };
  }
  return { ok: true, selections: expected.selections.length };
}
