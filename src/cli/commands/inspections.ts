import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { canonicalJson, type TDrawResult, type TJson, verifyDraw } from '../../core/inspections/index.ts';

/** What a verifier needs, all of it public: the document as published, its hash, the seed, the result. */
export type TPublicDrawData = {
  drawId: string;
  json: string;
  sha256: string;
  seed: string | null;
  result: TDrawResult | null;
};

export type TVerifyOutcome =
  | { ok: true; drawId: string; sha256: string; selections: number; source: string }
  | { ok: false; drawId: string; code: string; zh: string; en: string; source: string };

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** The draw as the public API serves it. */
async function loadFromApi(baseUrl: string, drawId: string): Promise<TPublicDrawData & { served: unknown }> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/public/inspections/draws/${encodeURIComponent(drawId)}`;
  const body = (await fetchJson(url)) as {
    published: { json: string; sha256: string };
    seed: string | null;
    result: TDrawResult | null;
    frame: unknown;
    strata: unknown;
    quotas: unknown;
    seedCommitment: string;
    selections: { stratum: string; rank: number; uscc: string; score: string }[];
  };
  return {
    drawId,
    json: body.published.json,
    sha256: body.published.sha256,
    seed: body.seed,
    result: body.result,
    served: body,
  };
}

/** The snapshot folder to read: the folder itself when it holds a manifest, else its newest dated folder. */
async function snapshotFolder(folder: string): Promise<string> {
  if (existsSync(join(folder, 'manifest.json'))) return folder;
  const dated = (await readdir(folder)).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name)).sort();
  const newest = dated.at(-1);
  if (!newest)
    throw new Error(`${folder}: neither a manifest.json nor a dated snapshot folder (YYYY-MM-DD) inside`);
  return join(folder, newest);
}

/** The draw as an open-data snapshot holds it, after checking the file against the manifest. */
async function loadFromFolder(folder: string, drawId: string): Promise<TPublicDrawData> {
  const dir = await snapshotFolder(folder);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    files: { name: string; sha256: string }[];
  };
  const content = await readFile(join(dir, 'inspection-draws.jsonl'), 'utf8');
  const listed = manifest.files.find((f) => f.name === 'inspection-draws.jsonl');
  const actual = createHash('sha256').update(content, 'utf8').digest('hex');
  if (!listed || listed.sha256 !== actual) {
    throw new Error(
      `${join(dir, 'inspection-draws.jsonl')}: SHA-256 ${actual} is not the manifest's ${listed?.sha256 ?? '(not listed)'}`,
    );
  }
  const lines = content.split('\n').filter((line) => line !== '');
  for (const [index, line] of lines.entries()) {
    const row = JSON.parse(line) as {
      draw_id: string;
      document: string;
      document_sha256: string;
      seed: string | null;
      result: string | null;
    };
    if (row.draw_id !== drawId) continue;
    if (typeof row.document !== 'string' || typeof row.document_sha256 !== 'string') {
      throw new Error(
        `${join(dir, 'inspection-draws.jsonl')} line ${index + 1}: expected document and document_sha256`,
      );
    }
    return {
      drawId,
      json: row.document,
      sha256: row.document_sha256,
      seed: row.seed,
      result: row.result === null ? null : (JSON.parse(row.result) as TDrawResult),
    };
  }
  throw new Error(`${join(dir, 'inspection-draws.jsonl')}: no draw ${drawId}`);
}

/**
 * Checks that what the API shows beside the document (frame, quotas, commitment, selection) is what
 * the document and the result say, so a page cannot show one thing while the hash covers another.
 */
function servedMismatch(data: TPublicDrawData, served: unknown): { zh: string; en: string } | null {
  const body = served as Record<string, unknown>;
  const document = JSON.parse(data.json) as Record<string, unknown>;
  for (const field of ['frame', 'strata', 'quotas', 'seedCommitment'] as const) {
    if (canonicalJson(body[field] as TJson) !== canonicalJson(document[field] as TJson)) {
      return {
        zh: `接口展示的 ${field} 与公示文件不一致`,
        en: `The ${field} the API shows is not the one in the published document`,
      };
    }
  }
  const selections = (
    body.selections as { stratum: string; rank: number; uscc: string; score: string }[]
  ).map(({ stratum, rank, uscc, score }) => ({ stratum, rank, uscc, score }));
  if (
    data.result &&
    canonicalJson(selections) !== canonicalJson(data.result.selections as unknown as TJson)
  ) {
    return {
      zh: '接口展示的抽中名单与抽取结果不一致',
      en: 'The selection the API shows is not the draw result',
    };
  }
  return null;
}

/**
 * Re-runs a draw from public data only — the public API of a server or an open-data folder — and
 * compares it with the published result.
 */
export async function verifyPublishedDraw(options: {
  drawId: string;
  from: string;
}): Promise<TVerifyOutcome> {
  const { drawId, from } = options;
  const isUrl = /^https?:\/\//.test(from);
  const data = isUrl ? await loadFromApi(from, drawId) : await loadFromFolder(from, drawId);
  const fail = (code: string, zh: string, en: string): TVerifyOutcome => ({
    ok: false,
    drawId,
    code,
    zh,
    en,
    source: from,
  });
  if (data.seed === null || data.result === null) {
    return fail(
      'not_drawn',
      '该抽查尚未抽取，种子未公布；只能核对承诺值',
      'The draw has not been made yet: the seed is not published',
    );
  }
  const verdict = verifyDraw({
    published: { json: data.json, sha256: data.sha256 },
    seed: data.seed,
    result: data.result,
  });
  if (!verdict.ok) return fail(verdict.code, verdict.zh, verdict.en);
  if (isUrl) {
    const mismatch = servedMismatch(data, (data as TPublicDrawData & { served: unknown }).served);
    if (mismatch) return fail('served_differs', mismatch.zh, mismatch.en);
  }
  return { ok: true, drawId, sha256: data.sha256, selections: verdict.selections, source: from };
}

export function registerInspectionsCommands(program: Command): void {
  const inspections = program.command('inspections').description('Random inspections (双随机一公开)');
  inspections
    .command('verify <draw-id>')
    .description(
      'Re-run a draw from public data only and confirm its result: exit 0 when it matches, 1 naming the mismatch',
    )
    .option('--from <source>', 'a server base URL or an open-data folder', 'http://127.0.0.1:3000')
    .action(async (drawId: string, options: { from: string }) => {
      const outcome = await verifyPublishedDraw({ drawId, from: options.from });
      if (outcome.ok) {
        console.log(
          `抽查 ${drawId} 核验通过：按公示数据重新抽取，${outcome.selections} 家抽中单位与公布结果一致（公示文件 SHA-256 ${outcome.sha256}）`,
        );
        console.log(
          `Draw ${drawId} verified: re-run from the published data, the ${outcome.selections} selections match the published result (document SHA-256 ${outcome.sha256})`,
        );
      } else {
        console.error(`抽查 ${drawId} 核验未通过 [${outcome.code}]：${outcome.zh}`);
        console.error(`Draw ${drawId} does NOT verify [${outcome.code}]: ${outcome.en}`);
        process.exitCode = 1;
      }
    });
}
