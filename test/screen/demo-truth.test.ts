import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEvaluation } from '../../src/core/policy/engine.ts';
import { RULE_IDS } from '../../src/core/policy/types.ts';
import type { Queryable } from '../../src/db/database.ts';
import { generateDataset, type TDataset } from '../../src/demo/dataset.ts';
import { writeDatasetFiles } from '../../src/demo/files.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import type { TExpectedFinding } from '../../src/demo/policy.ts';
import { importFolder } from '../../src/import/folder.ts';
import { runScreening } from '../../src/jobs/screen.ts';
import { screenFolder, type TFolderScreening } from '../../src/jobs/screen-folder.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { openTestDatabase } from '../support/database.ts';

/**
 * The demo's acceptance test: the seeded demo, screened on the truth's evaluation date, produces every
 * finding the truth plants and no other — whether it is loaded straight into a fresh database, or
 * written as import files and brought in by the importer (`tuogou import <folder>` then `tuogou
 * screen`), or screened from its folder without a server (`tuogou screen <folder>`). Findings are
 * compared by rule, association and subject; subjects the engine names by database id (posts,
 * persons, links) are turned into the natural keys the truth uses.
 */

const SEED = 2015;
const protector = createPersonalDataProtector('ab'.repeat(32));
const actor = { id: null, label: 'demo-truth-test' };
const dataset: TDataset = generateDataset({ seed: SEED, scale: 'demo' });

const expectedKey = (f: TExpectedFinding) =>
  `${f.rule}|${f.associationUscc}|${f.subject.type}:${f.subject.id ?? f.subject.key}`;

async function naturalKeys(db: Queryable): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const posts = await db.query<{ id: string; name: string; birth: string; role: string; started: string }>(
    `SELECT p.id::text AS id, pe.name, pe.birth_date::text AS birth, p.role, p.started_on::text AS started
     FROM posts AS p JOIN persons AS pe ON pe.id = p.person_id`,
  );
  for (const p of posts.rows) keys.set(`post:${p.id}`, `post:${p.name}|${p.birth}|${p.role}|${p.started}`);
  const persons = await db.query<{ id: string; name: string; birth: string }>(
    'SELECT id::text AS id, name, birth_date::text AS birth FROM persons',
  );
  for (const p of persons.rows) keys.set(`person:${p.id}`, `person:${p.name}|${p.birth}`);
  const links = await db.query<{ id: string; code: string; kind: string; started: string }>(
    `SELECT l.id::text AS id, o.code, l.kind, l.started_on::text AS started
     FROM organ_links AS l JOIN organs AS o ON o.id = l.organ_id`,
  );
  for (const l of links.rows) keys.set(`link:${l.id}`, `link:${l.code}|${l.kind}|${l.started}`);
  return keys;
}

type TScreened = {
  evaluations: TEvaluation[];
  /** `rule|uscc|type:idOrKey` → the engine's English explanation. */
  found: Map<string, string>;
};

/** Screens the database on the evaluation date and names every finding by the truth's keys. */
async function screenDatabase(db: Queryable & Parameters<typeof runScreening>[0]['db']): Promise<TScreened> {
  const result = await runScreening({ db, asOf: dataset.truth.evaluationDate, actor, collect: true });
  const evaluations = result.evaluations!;
  const keys = await naturalKeys(db);
  const found = new Map<string, string>();
  for (const evaluation of evaluations) {
    for (const f of evaluation.findings) {
      const raw = `${f.subject.type}:${f.subject.id}`;
      found.set(`${f.ruleId}|${f.uscc}|${keys.get(raw) ?? raw}`, f.explanationEn);
    }
  }
  return { evaluations, found };
}

/** The acceptance checks, for one way of getting the demo into a screening. */
function describeAgainstTruth(label: string, screen: () => Promise<TScreened>, cleanup: () => Promise<void>) {
  describe(`screening the demo ${label} on the truth’s evaluation date`, () => {
    let screened: TScreened;
    beforeAll(async () => {
      screened = await screen();
    }, 900_000);
    afterAll(cleanup);

    it('finds every planted case and nothing outside the planted set', () => {
      const { found } = screened;
      const expected = new Map(dataset.truth.findings.map((f) => [expectedKey(f), f]));
      const missing = [...expected.values()]
        .filter((f) => !found.has(expectedKey(f)))
        .map((f) => `missing ${f.id} ${expectedKey(f)}: ${f.note}`);
      const unexpected = [...found]
        .filter(([key]) => !expected.has(key))
        .map(([key, explanation]) => `unexpected ${key}: ${explanation}`);
      // One readable list of differences rather than two opaque set comparisons.
      expect([...missing, ...unexpected].join('\n')).toBe('');
      expect(found.size).toBe(expected.size);
    });

    it('decides the scope of the singled-out associations as the truth says', () => {
      const byUscc = new Map(screened.evaluations.map((e) => [e.uscc, e.scope.outcome]));
      const differences = dataset.truth.scope
        .filter((s) => byUscc.get(s.associationUscc) !== s.outcome)
        .map(
          (s) =>
            `${s.associationUscc}: expected ${s.outcome}, got ${byUscc.get(s.associationUscc)} (${s.note})`,
        );
      expect(differences).toEqual([]);
      expect(new Set(dataset.truth.scope.map((s) => s.outcome))).toEqual(
        new Set(['in', 'out', 'needs_decision']),
      );
    });

    it('gives no finding to the associations sitting exactly on a threshold', () => {
      const rulesOf = new Map<string, Set<string>>();
      for (const e of screened.evaluations) rulesOf.set(e.uscc, new Set(e.findings.map((f) => f.ruleId)));
      const crossed = dataset.truth.boundaries
        .filter((b) => rulesOf.get(b.associationUscc)?.has(b.rule) ?? true)
        .map((b) => `${b.rule} ${b.associationUscc}: ${b.note}`);
      expect(crossed).toEqual([]);
      expect(dataset.truth.boundaries.length).toBeGreaterThanOrEqual(8);
    });

    it('leaves every association the truth does not name without findings', () => {
      const named = new Set(dataset.truth.findings.map((f) => f.associationUscc));
      const noisy = screened.evaluations
        .filter((e) => !named.has(e.uscc) && e.findings.length > 0)
        .map((e) => e.uscc);
      expect(noisy).toEqual([]);
      // The clean ones are the great majority: the plants stand out.
      expect(screened.evaluations.length - named.size).toBeGreaterThan(2_500);
    });
  });
}

it('plants at least two findings of every rule of the catalog', () => {
  const perRule = new Map<string, number>();
  for (const f of dataset.truth.findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
  const short = RULE_IDS.filter((id) => (perRule.get(id) ?? 0) < 2);
  expect(short).toEqual([]);
});

let loaded: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
describeAgainstTruth(
  'loaded straight into the database',
  async () => {
    loaded = await openTestDatabase();
    await loadDemoDataset({ db: loaded, protector, scale: 'demo', seed: SEED });
    return screenDatabase(loaded);
  },
  async () => {
    await loaded?.drop();
  },
);

let folder: string | undefined;
let imported: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
let folderScreening: TFolderScreening | undefined;

/** The demo written as import files once, for both the import and the folder screening. */
async function demoFolder(): Promise<string> {
  if (!folder) {
    folder = await mkdtemp(join(tmpdir(), 'tuogou-demo-truth-'));
    await writeDatasetFiles({ seed: SEED, scale: 'demo', outDir: folder });
  }
  return folder;
}

describeAgainstTruth(
  'written as import files and imported (tuogou import <folder>, then tuogou screen)',
  async () => {
    imported = await openTestDatabase();
    const results = await importFolder({ db: imported, protector, actor, folder: await demoFolder() });
    const failures = results
      .filter((r) => !r.ok)
      .map((r) => `${r.file}: ${JSON.stringify(r.issues.slice(0, 3))}`);
    expect(failures).toEqual([]);
    // Every kind of policy fact came through a file of its own.
    expect(new Set(results.flatMap((r) => r.tables.map((t) => t.kind))).size).toBeGreaterThanOrEqual(25);
    return screenDatabase(imported);
  },
  async () => {
    await imported?.drop();
  },
);

describe('screening the demo folder without a server (tuogou screen <folder> --json)', () => {
  beforeAll(async () => {
    folderScreening = await screenFolder({
      folder: await demoFolder(),
      asOf: dataset.truth.evaluationDate,
      actor,
    });
  }, 900_000);
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  // The folder's database is gone with the call, so subjects named by database id cannot be turned
  // into natural keys here: rule and association are compared, and the clean part must stay clean.
  it('finds the planted rule at every planted association and nothing elsewhere', () => {
    const found = new Set(folderScreening!.findings.map((f) => `${f.rule}|${f.association}`));
    const expected = new Set(dataset.truth.findings.map((f) => `${f.rule}|${f.associationUscc}`));
    expect([...expected].filter((k) => !found.has(k))).toEqual([]);
    expect([...found].filter((k) => !expected.has(k))).toEqual([]);
  });

  it('decides the scope of the singled-out associations as the truth says', () => {
    const byUscc = new Map(folderScreening!.scope.map((s) => [s.association, s.outcome]));
    expect(
      dataset.truth.scope
        .filter((s) => byUscc.get(s.associationUscc) !== s.outcome)
        .map((s) => s.associationUscc),
    ).toEqual([]);
  });
});
