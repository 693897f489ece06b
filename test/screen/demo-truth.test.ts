import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEvaluation } from '../../src/core/policy/engine.ts';
import { RULE_IDS } from '../../src/core/policy/types.ts';
import { generateDataset, type TDataset } from '../../src/demo/dataset.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import type { TExpectedFinding } from '../../src/demo/policy.ts';
import { runScreening } from '../../src/jobs/screen.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { openTestDatabase } from '../support/database.ts';

/**
 * The demo's acceptance test: the seeded demo, loaded into a fresh database and screened on the truth's
 * evaluation date, produces every finding the truth plants and no other. Findings are compared by rule,
 * association and subject; subjects the engine names by database id (posts, persons, links) are turned
 * into the natural keys the truth uses.
 */

const SEED = 2015;
const protector = createPersonalDataProtector('ab'.repeat(32));

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let dataset: TDataset;
let evaluations: TEvaluation[];
/** `rule|uscc|type:idOrKey` → the engine's English explanation. */
let found: Map<string, string>;

const expectedKey = (f: TExpectedFinding) =>
  `${f.rule}|${f.associationUscc}|${f.subject.type}:${f.subject.id ?? f.subject.key}`;

async function naturalKeys(): Promise<Map<string, string>> {
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

beforeAll(async () => {
  db = await openTestDatabase();
  dataset = generateDataset({ seed: SEED, scale: 'demo' });
  await loadDemoDataset({ db, protector, scale: 'demo', seed: SEED });
  const result = await runScreening({
    db,
    asOf: dataset.truth.evaluationDate,
    actor: { id: null, label: 'demo-truth-test' },
    collect: true,
  });
  evaluations = result.evaluations!;
  const keys = await naturalKeys();
  found = new Map();
  for (const evaluation of evaluations) {
    for (const f of evaluation.findings) {
      const raw = `${f.subject.type}:${f.subject.id}`;
      found.set(`${f.ruleId}|${f.uscc}|${keys.get(raw) ?? raw}`, f.explanationEn);
    }
  }
}, 600_000);

afterAll(async () => {
  await db?.drop();
});

describe('screening the demo dataset on the truth’s evaluation date', () => {
  it('plants at least two findings of every rule of the catalog', () => {
    const perRule = new Map<string, number>();
    for (const f of dataset.truth.findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
    const short = RULE_IDS.filter((id) => (perRule.get(id) ?? 0) < 2);
    expect(short).toEqual([]);
  });

  it('finds every planted case and nothing outside the planted set', () => {
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
    const byUscc = new Map(evaluations.map((e) => [e.uscc, e.scope.outcome]));
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
    for (const e of evaluations) rulesOf.set(e.uscc, new Set(e.findings.map((f) => f.ruleId)));
    const crossed = dataset.truth.boundaries
      .filter((b) => rulesOf.get(b.associationUscc)?.has(b.rule) ?? true)
      .map((b) => `${b.rule} ${b.associationUscc}: ${b.note}`);
    expect(crossed).toEqual([]);
    expect(dataset.truth.boundaries.length).toBeGreaterThanOrEqual(8);
  });

  it('leaves every association the truth does not name without findings', () => {
    const named = new Set(dataset.truth.findings.map((f) => f.associationUscc));
    const noisy = evaluations.filter((e) => !named.has(e.uscc) && e.findings.length > 0).map((e) => e.uscc);
    expect(noisy).toEqual([]);
    // The clean ones are the great majority: the plants stand out.
    expect(evaluations.length - named.size).toBeGreaterThan(2_500);
  });
});
