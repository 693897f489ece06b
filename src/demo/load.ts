import type { Db } from '../db/database.ts';
import { type AuditActor, appendAuditEvent } from '../db/repositories/audit.repository.ts';
import {
  type UpsertCounts,
  upsertAssociations,
  upsertLinks,
  upsertOrgans,
  upsertPosts,
  upsertRosterRecords,
} from '../db/repositories/registry.repository.ts';
import type { PersonalDataProtector } from '../security/personal-data.ts';
import { generateDataset } from './dataset.ts';

/**
 * Loads the seeded demo dataset into the registry so that a first start shows a living system. The
 * whole load is one transaction with one audit event; loading the same seed again changes nothing
 * (every upsert is by natural key and skips unchanged rows) and records no event.
 */

export type LoadDemoDatasetOptions = {
  db: Db;
  protector: PersonalDataProtector;
  /** Only the demo scale loads straight into the database; the national one is written as files. */
  scale: 'demo';
  seed: number;
  actor?: AuditActor;
};

export type TDemoLoadResult = {
  seed: number;
  scale: 'demo';
  changed: boolean;
  organs: UpsertCounts;
  associations: UpsertCounts;
  links: UpsertCounts;
  posts: UpsertCounts;
  rosterRecords: UpsertCounts;
  planted: number;
};

const DEMO_ACTOR: AuditActor = { id: null, label: 'demo-loader' };

/** Generates the demo dataset for `seed` and upserts it in one transaction; returns the counts. */
export async function loadDemoDataset({
  db,
  protector,
  scale,
  seed,
  actor = DEMO_ACTOR,
}: LoadDemoDatasetOptions): Promise<TDemoLoadResult> {
  const dataset = generateDataset({ seed, scale });
  const posts = [...dataset.posts()];
  const rosters = [...dataset.servingRoster(), ...dataset.retiredRoster()];
  return db.transaction(async (tx) => {
    const organs = await upsertOrgans(tx, dataset.organs);
    const associations = await upsertAssociations(tx, dataset.associations);
    const links = await upsertLinks(tx, dataset.links);
    const postCounts = await upsertPosts(tx, posts, protector);
    const rosterRecords = await upsertRosterRecords(tx, rosters, protector);
    const all = [organs, associations, links, postCounts, rosterRecords];
    const changed = all.some((c) => c.inserted > 0 || c.updated > 0);
    const result: TDemoLoadResult = {
      seed,
      scale,
      changed,
      organs,
      associations,
      links,
      posts: postCounts,
      rosterRecords,
      planted: dataset.truth.planted.length,
    };
    if (changed) {
      await appendAuditEvent(tx, {
        actor,
        action: 'demo.load',
        entity: 'dataset',
        entityId: `${scale}:${seed}`,
        detail: {
          seed,
          scale,
          evaluationDate: dataset.evaluationDate,
          organs,
          associations,
          links,
          posts: postCounts,
          rosterRecords,
        },
      });
    }
    return result;
  });
}
