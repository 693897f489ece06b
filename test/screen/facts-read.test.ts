import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFacts, loadOrganIndex } from '../../src/db/repositories/facts.repository.ts';
import { decodeFacts, readFactsJson } from '../../src/db/repositories/facts-read.repository.ts';
import { listAssociationIds } from '../../src/db/repositories/findings.repository.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import { runScreening } from '../../src/jobs/screen.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { openTestDatabase } from '../support/database.ts';
import { createAssociation } from '../support/factories.ts';
import { ALL_FACT_ROWS, writeFactRows } from './support.ts';

/**
 * The screening reads the facts of a chunk as one JSON document built in the database; the table-by-
 * table reader (`loadFacts`) is the reference. Both must give the same facts, key order included
 * (a rule copying a fact into a finding must give the same text, hence the same content hash).
 */

let db: Awaited<ReturnType<typeof openTestDatabase>>;
const actor = { id: null, label: 'facts-read-test' };
const AS_OF = '2026-06-30';

beforeAll(async () => {
  db = await openTestDatabase();
  await loadDemoDataset({
    db,
    protector: createPersonalDataProtector('cd'.repeat(32)),
    scale: 'demo',
    seed: 2015,
  });
  const association = await createAssociation(db, { name: '测试全事实行业协会', regionCode: '110105' });
  await writeFactRows(db, ALL_FACT_ROWS(association.uscc));
}, 600_000);
afterAll(async () => {
  await db.drop();
});

async function bothReaders(ids: number[]) {
  const organs = await loadOrganIndex(db);
  const reference = await loadFacts(db, { ids, organs });
  const parsed = decodeFacts(await readFactsJson(db, { ids }));
  const read = parsed.map(([associationId, facts]) => ({ associationId, facts: { ...facts, organs } }));
  return { reference, read };
}

describe('the screening’s fact read', () => {
  it('gives every association of the demo the facts the table-by-table reader gives, in the same key order', async () => {
    const ids = await listAssociationIds(db, { kind: 'all' });
    expect(ids.length).toBeGreaterThan(100);
    const { reference, read } = await bothReaders(ids);
    expect(read.map((r) => r.associationId)).toEqual(ids);
    expect(read).toEqual(reference);
    const text = (list: { facts: Record<string, unknown> }[]) =>
      list.map((l) => JSON.stringify({ ...l.facts, organs: null }));
    expect(text(read)).toEqual(text(reference as unknown as { facts: Record<string, unknown> }[]));
    // The demo exercises the parts that are easy to get wrong: officials with other posts, approvals.
    const posts = reference.flatMap((r) => r.facts.posts);
    expect(posts.some((p) => p.person.status !== null && p.person.otherPosts.length > 0)).toBe(true);
    expect(posts.some((p) => p.approvals.length > 0)).toBe(true);
  });

  it('reads a scattered set of associations (a jurisdiction) as the reference does', async () => {
    const ids = (await listAssociationIds(db, { kind: 'all' })).filter((_, i) => i % 7 === 3);
    const { reference, read } = await bothReaders(ids);
    expect(read.map((r) => r.associationId)).toEqual(ids);
    expect(read).toEqual(reference);
  });

  it('finds the same findings with worker threads as in this thread', async () => {
    const inThread = await runScreening({ db, asOf: AS_OF, actor, workers: 0, chunkSize: 64 });
    expect(inThread.counts.findings).toBeGreaterThan(50);
    const inWorkers = await runScreening({ db, asOf: AS_OF, actor, workers: 2, chunkSize: 64 });
    // Same fingerprints and the same content hashes: nothing new, nothing changed, nothing resolved.
    expect(inWorkers.counts).toEqual({
      ...inThread.counts,
      newFindings: 0,
      persistingFindings: inThread.counts.findings,
      resolvedFindings: 0,
    });
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM findings WHERE last_seen_run_id = $1',
      [inWorkers.runId],
    );
    expect(rows[0]!.n).toBe(0);
  }, 600_000);
});
