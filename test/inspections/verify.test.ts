import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPublishedDraw } from '../../src/cli/commands/inspections.ts';
import { canonicalJson, commitSeed, sha256Hex, type TJson } from '../../src/core/inspections/index.ts';
import {
  addInspector,
  assignInspectors,
  createDraw,
  publishDraw,
  recordResult,
  revealDraw,
  type TInspectionActor,
} from '../../src/jobs/inspections.ts';
import { publishOpenData, writeSnapshotFolder } from '../../src/jobs/open-data.ts';
import { createTestApp } from '../server/support.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';
import { buildInspectionWorld, listen } from './support.ts';

const ACTOR: TInspectionActor = { id: null, label: 'test', userId: null, role: 'system', region: '100000' };
const SEED = 'a1'.repeat(32);

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let server: Awaited<ReturnType<typeof listen>>;
let folder: string;
let drawId = '';
let pendingId = '';

beforeAll(async () => {
  db = await openTestDatabase();
  const world = await buildInspectionWorld(db);
  for (const code of ['V-1', 'V-2', 'V-3']) {
    await addInspector({
      db,
      actor: ACTOR,
      code,
      displayName: code,
      organCode: world.organs.other.code,
      regionCode: '110000',
    });
  }
  const draw = await createDraw({
    db,
    actor: ACTOR,
    kind: 'yearly',
    year: 2026,
    jurisdiction: '110000',
    today: '2026-03-02',
    seed: SEED,
  });
  drawId = draw.code;
  await revealDraw({ db, actor: ACTOR, code: drawId });
  await assignInspectors({ db, actor: ACTOR, code: drawId });
  const { rows } = await db.query<{ uscc: string }>(
    `SELECT a.uscc FROM inspection_selections s JOIN associations a ON a.id = s.association_id
     JOIN inspection_draws d ON d.id = s.draw_id WHERE d.code = $1`,
    [drawId],
  );
  for (const { uscc } of rows) {
    await recordResult({
      db,
      actor: ACTOR,
      code: drawId,
      uscc,
      inspectedOn: '2026-04-01',
      outcome: 'compliant',
      summaryZh: '合规',
      summaryEn: 'Compliant',
      rectifyBy: null,
    });
  }
  await publishDraw({ db, actor: ACTOR, code: drawId });
  pendingId = (
    await createDraw({
      db,
      actor: ACTOR,
      kind: 'irregular',
      year: 2026,
      jurisdiction: '110000',
      category: '纺织',
      today: '2026-05-01',
    })
  ).code;
  await publishOpenData({ db, actor: ACTOR, asOf: '2026-05-02' });
  folder = await mkdtemp(join(tmpdir(), 'tuogou-verify-'));
  await writeSnapshotFolder({ db, asOf: '2026-05-02', folder });
  server = await listen(createTestApp(db, testProtector()));
});

afterAll(async () => {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
  await db.drop();
});

/** Changes a stored draw as a dishonest operator would, runs `check`, and puts the row back. */
async function tampered(set: string, params: unknown[], check: () => Promise<void>): Promise<void> {
  const { rows } = await db.query<{
    seed: string;
    document_json: string;
    document_sha256: string;
    result_json: string;
  }>('SELECT seed, document_json, document_sha256, result_json FROM inspection_draws WHERE code = $1', [
    drawId,
  ]);
  const original = rows[0]!;
  await db.query(`UPDATE inspection_draws SET ${set} WHERE code = $1`, [drawId, ...params]);
  try {
    await check();
  } finally {
    await db.query(
      'UPDATE inspection_draws SET seed = $2, document_json = $3, document_sha256 = $4, result_json = $5 WHERE code = $1',
      [drawId, original.seed, original.document_json, original.document_sha256, original.result_json],
    );
  }
}

describe('re-running a published draw from public data alone', () => {
  it('confirms the stored result from the public API', async () => {
    const outcome = await verifyPublishedDraw({ drawId, from: server.url });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true, drawId });
    expect(outcome.ok && outcome.selections).toBe(3);
  });

  it('confirms it from an open-data folder, with no server at all', async () => {
    await expect(verifyPublishedDraw({ drawId, from: folder })).resolves.toMatchObject({
      ok: true,
      selections: 3,
    });
    await expect(verifyPublishedDraw({ drawId, from: join(folder, '2026-05-02') })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('detects a changed seed: it no longer matches the commitment published before the draw', async () => {
    await tampered('seed = $2', ['b2'.repeat(32)], async () => {
      const outcome = await verifyPublishedDraw({ drawId, from: server.url });
      expect(outcome).toMatchObject({ ok: false, code: 'seed_mismatch' });
    });
  });

  it('detects a changed frame: the document no longer hashes to the published SHA-256', async () => {
    const { rows } = await db.query<{ document_json: string }>(
      'SELECT document_json FROM inspection_draws WHERE code = $1',
      [drawId],
    );
    const document = JSON.parse(rows[0]!.document_json) as { frame: { uscc: string }[] };
    const dropped = document.frame[0]!.uscc;
    const changed = canonicalJson({ ...document, frame: document.frame.slice(1) } as unknown as TJson);
    expect(changed).not.toContain(dropped);
    await tampered('document_json = $2', [changed], async () => {
      const outcome = await verifyPublishedDraw({ drawId, from: server.url });
      expect(outcome).toMatchObject({ ok: false, code: 'published_tampered' });
    });
  });

  it('detects a new seed with a new commitment and hash: the draw no longer gives the stored result', async () => {
    const { rows } = await db.query<{ document_json: string }>(
      'SELECT document_json FROM inspection_draws WHERE code = $1',
      [drawId],
    );
    const otherSeed = 'c3'.repeat(32);
    const document = JSON.parse(rows[0]!.document_json) as Record<string, TJson>;
    const json = canonicalJson({ ...document, seedCommitment: commitSeed(otherSeed) });
    await tampered(
      'seed = $2, document_json = $3, document_sha256 = $4, seed_commitment = $5',
      [otherSeed, json, sha256Hex(json), commitSeed(otherSeed)],
      async () => {
        const outcome = await verifyPublishedDraw({ drawId, from: server.url });
        expect(outcome).toMatchObject({ ok: false, code: 'result_differs' });
      },
    );
  });

  it('detects a seed that does not match the commitment in an open-data file, even with a fixed manifest', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'tuogou-verify-copy-'));
    try {
      const dir = await writeSnapshotFolder({ db, asOf: '2026-05-02', folder: copy });
      const file = join(dir, 'inspection-draws.jsonl');
      const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
      const changed = `${lines
        .map((line) => {
          const row = JSON.parse(line) as { draw_id: string; seed: string | null };
          return JSON.stringify(row.draw_id === drawId ? { ...row, seed: 'd4'.repeat(32) } : row);
        })
        .join('\n')}\n`;
      await writeFile(file, changed);
      // An honest manifest would not match; the forger fixes it too, and the commitment still catches it.
      const manifestPath = join(dir, 'manifest.json');
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
        files: { name: string; sha256: string }[];
      };
      manifest.files.find((f) => f.name === 'inspection-draws.jsonl')!.sha256 = createHash('sha256')
        .update(changed)
        .digest('hex');
      await writeFile(manifestPath, JSON.stringify(manifest));
      await expect(verifyPublishedDraw({ drawId, from: dir })).resolves.toMatchObject({
        ok: false,
        code: 'seed_mismatch',
      });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('says a committed draw cannot be verified before its seed is revealed', async () => {
    await expect(verifyPublishedDraw({ drawId: pendingId, from: server.url })).resolves.toMatchObject({
      ok: false,
      code: 'not_drawn',
    });
  });
});

describe('tuogou inspections verify', () => {
  const bin = fileURLToPath(new URL('../../bin/tuogou.js', import.meta.url));
  const run = promisify(execFile);

  it('exits 0 with a confirmation for a true draw and 1 naming the mismatch for a forged one', async () => {
    // Both runs start together: each is a fresh Node process, slow to start on a busy machine.
    const ok = run(process.execPath, [bin, 'inspections', 'verify', drawId, '--from', folder]);
    await tampered('seed = $2', ['e5'.repeat(32)], async () => {
      const failed = await run(process.execPath, [
        bin,
        'inspections',
        'verify',
        drawId,
        '--from',
        server.url,
      ]).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain('seed_mismatch');
    });
    expect((await ok).stdout).toContain(`Draw ${drawId} verified`);
  }, 300_000);
});

describe('the public inspection and open-data routes', () => {
  it('limit each client address: past the burst, 429 with Retry-After, while another address still gets through', async () => {
    const app = createTestApp(db, testProtector(), { now: () => new Date('2026-05-02T10:00:00Z') });
    const get = (address: string) =>
      app.request('/api/public/inspections/draws', {}, { incoming: { socket: { remoteAddress: address } } });
    const statuses: number[] = [];
    for (let i = 0; i < 201; i += 1) statuses.push((await get('203.0.113.7')).status);
    expect(statuses.slice(0, 200).every((s) => s === 200)).toBe(true);
    const refused = await get('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(
      (
        await app.request(
          '/api/public/open-data',
          {},
          { incoming: { socket: { remoteAddress: '203.0.113.7' } } },
        )
      ).status,
    ).toBe(429);
    expect((await get('198.51.100.9')).status).toBe(200);
  }, 120_000);
});
