import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResidentId } from '../../src/core/ids/resident-id.ts';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import { seedDemoInspections } from '../../src/demo/seed-inspections.ts';
import { OPEN_DATASETS, publishOpenData, type TManifest } from '../../src/jobs/open-data.ts';
import { createDemoUsers } from '../../src/server/demo-users.ts';
import { call, createTestApp, type TTestApp } from '../server/support.ts';
import { openTestDatabase } from '../support/database.ts';
import { testProtector } from '../support/factories.ts';

const ACTOR = { id: null, label: 'test' };
const FIRST = '2026-12-03';
const SECOND = '2026-12-04';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
/** Identifiers that are not personal: every USCC and organ code of the registry. */
let organisationCodes: Set<string>;
/** Every person's name of three or four characters (shorter ones also occur inside place names). */
let personNames: Set<string>;

beforeAll(async () => {
  db = await openTestDatabase();
  await loadDemoDataset({ db, protector: testProtector(), scale: 'demo', seed: 2015 });
  await createDemoUsers(db);
  await seedDemoInspections(db, FIRST);
  app = createTestApp(db, testProtector(), {
    // The crawl below makes many public calls from one address.
    now: () => new Date(`${SECOND}T09:00:00Z`),
  });
  const codes = await db.query<{ code: string }>(
    'SELECT uscc AS code FROM associations UNION SELECT code FROM organs',
  );
  organisationCodes = new Set(codes.rows.map((r) => r.code));
  const names = await db.query<{ name: string }>(
    'SELECT DISTINCT name FROM persons WHERE char_length(name) BETWEEN 3 AND 4',
  );
  personNames = new Set(names.rows.map((r) => r.name));
}, 600_000);

afterAll(async () => {
  await db.drop();
});

/**
 * The personal identifiers found in a text: resident ID numbers (18 characters, or the old 15 digits)
 * that the validator accepts, and any person's name from the registry.
 */
function personalIdentifiersIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g)) {
    const token = match[1]!;
    if (organisationCodes.has(token)) continue;
    if (parseResidentId(token, { today: SECOND }).valid) found.push(`resident ID ${token}`);
  }
  // Every 3- and 4-character window of every run of Chinese characters, looked up among the names.
  for (const run of text.matchAll(/[\u4e00-\u9fff·]{3,}/g)) {
    const chars = [...run[0]];
    for (let start = 0; start < chars.length; start += 1) {
      for (let length = 3; length <= 4 && start + length <= chars.length; length += 1) {
        const window = chars.slice(start, start + length).join('');
        if (personNames.has(window)) found.push(`name ${window}`);
      }
    }
  }
  return found;
}

/** The body as sent, byte-order mark included (Response.text() would drop it). */
async function fetchText(path: string): Promise<string> {
  const response = await call(app, path);
  expect(response.status, path).toBe(200);
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

describe('the open-data snapshot of the demo data', () => {
  let manifest: TManifest;

  it('publishes every dataset as CSV and JSON Lines with a manifest carrying the licence', async () => {
    const outcome = await publishOpenData({ db, actor: ACTOR, asOf: FIRST });
    expect(outcome.created).toBe(true);
    manifest = outcome.manifest;
    expect(manifest.licence.id).toBe('CC-BY-4.0');
    expect(manifest.schemaVersion).toBe(1);
    const names = manifest.files.map((f) => f.name);
    for (const dataset of OPEN_DATASETS)
      expect(names).toEqual(expect.arrayContaining([`${dataset.name}.csv`, `${dataset.name}.jsonl`]));
    expect(names).toEqual(expect.arrayContaining(['changes.csv', 'changes.jsonl']));
    expect(manifest.files.find((f) => f.name === 'associations.jsonl')!.rows).toBe(3000);
    expect(manifest.files.find((f) => f.name === 'inspection-results.csv')!.rows).toBeGreaterThan(0);
    const again = await publishOpenData({ db, actor: ACTOR, asOf: FIRST });
    expect(again.created).toBe(false);
  }, 300_000);

  it('serves each file byte for byte as the manifest describes it: SHA-256 and row count', async () => {
    const index = (await (await call(app, '/api/public/open-data')).json()) as {
      licence: { id: string };
      snapshots: { asOf: string; files: { name: string; url: string; sha256: string; rows: number }[] }[];
    };
    expect(index.licence.id).toBe('CC-BY-4.0');
    const snapshot = index.snapshots.find((s) => s.asOf === FIRST)!;
    expect(snapshot.files).toHaveLength(manifest.files.length);
    for (const file of snapshot.files) {
      const text = await fetchText(file.url);
      expect(createHash('sha256').update(text, 'utf8').digest('hex'), file.name).toBe(file.sha256);
      const rows = file.name.endsWith('.csv')
        ? (parse(text, { bom: true, columns: true }) as unknown[]).length
        : text.split('\n').filter((l) => l !== '').length;
      expect(rows, file.name).toBe(file.rows);
    }
    const served = JSON.parse(await fetchText(`/api/public/open-data/${FIRST}/manifest.json`)) as TManifest;
    expect(served.files).toEqual(manifest.files);
    expect((await call(app, `/api/public/open-data/${FIRST}/nothing.csv`)).status).toBe(404);
    expect((await call(app, `/api/public/open-data/${FIRST}/..%2Fmanifest.json`)).status).toBe(400);
  }, 300_000);

  it('holds no resident ID number, birth date column or person’s name in any file', async () => {
    for (const file of manifest.files) {
      const text = await fetchText(`/api/public/open-data/${FIRST}/${file.name}`);
      expect(personalIdentifiersIn(text), file.name).toEqual([]);
      const header = file.name.endsWith('.csv')
        ? text.slice(1, text.indexOf('\n'))
        : text.slice(0, text.indexOf('\n'));
      expect(header, file.name).not.toMatch(/birth|resident|id_number|id_hash|phone|bank|person/i);
    }
  }, 300_000);

  it('can fail: the scan finds a resident ID number and a name when they are there', async () => {
    const { rows } = await db.query<{ name: string }>(
      'SELECT name FROM persons WHERE char_length(name) = 3 LIMIT 1',
    );
    expect(personalIdentifiersIn(`x,11010519491231002X,${rows[0]!.name}`)).toHaveLength(2);
  });

  it('records the next day’s changes against the previous snapshot: added, changed, removed', async () => {
    const { rows } = await db.query<{ uscc: string }>('SELECT min(uscc) AS uscc FROM associations');
    const changedUscc = rows[0]!.uscc;
    await db.query(`UPDATE associations SET name_en = 'Renamed Association' WHERE uscc = $1`, [changedUscc]);
    const addedUscc = composeUscc('5', '1', '110105', 'ZZ000001');
    await db.query(
      `INSERT INTO associations (uscc, name, level, region_code) VALUES ($1, '新登记测试协会', 'municipal', '110105')`,
      [addedUscc],
    );
    const removed = (
      await db.query<{ ref: string; uscc: string }>(
        `DELETE FROM fee_items f USING associations a WHERE a.id = f.association_id
         AND f.id = (SELECT min(id) FROM fee_items) RETURNING f.ref, a.uscc`,
      )
    ).rows[0]!;
    const second = await publishOpenData({ db, actor: ACTOR, asOf: SECOND });
    expect(second.manifest.previous).toBe(FIRST);
    const changes = (await fetchText(`/api/public/open-data/${SECOND}/changes.jsonl`))
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { dataset: string; change: string; key: string });
    expect(changes.map(({ dataset, change, key }) => ({ dataset, change, key }))).toEqual(
      expect.arrayContaining([
        { dataset: 'associations', change: 'changed', key: changedUscc },
        { dataset: 'associations', change: 'added', key: addedUscc },
        { dataset: 'fees', change: 'removed', key: `${removed.uscc}/${removed.ref}` },
      ]),
    );
    expect(changes).toHaveLength(3);
  }, 300_000);
});

describe('the public inspection API over the demo data', () => {
  it('answers every draw and every drawn organisation without a personal identifier or an inspector', async () => {
    const list = await fetchText('/api/public/inspections/draws');
    expect(personalIdentifiersIn(list)).toEqual([]);
    const draws = (JSON.parse(list) as { items: { id: string; state: string }[] }).items;
    expect(draws.map((d) => d.state).sort()).toEqual(['committed', 'published']);
    const inspectors = (
      await db.query<{ code: string; display_name: string }>(
        'SELECT code, display_name FROM inspection_inspectors',
      )
    ).rows;
    for (const draw of draws) {
      const text = await fetchText(`/api/public/inspections/draws/${draw.id}`);
      expect(personalIdentifiersIn(text), draw.id).toEqual([]);
      for (const i of inspectors) {
        expect(text).not.toContain(i.code);
        expect(text).not.toContain(i.display_name);
      }
      const body = JSON.parse(text) as { selections: { uscc: string }[]; seed: string | null };
      if (draw.state === 'committed') expect(body.seed).toBeNull();
      for (const s of body.selections.slice(0, 30)) {
        const results = await fetchText(`/api/public/associations/${s.uscc}/inspections`);
        expect(personalIdentifiersIn(results), s.uscc).toEqual([]);
        expect((JSON.parse(results) as { results: unknown[] }).results.length).toBeGreaterThan(0);
      }
    }
  }, 300_000);
});
