import type { Db } from '../../src/db/database.ts';
import {
  addInspector,
  assignInspectors,
  createDraw,
  recordResult,
  revealDraw,
  type TInspectionActor,
} from '../../src/jobs/inspections.ts';
import { publishOpenData } from '../../src/jobs/open-data.ts';

const ACTOR: TInspectionActor = {
  id: null,
  label: 'fixtures',
  userId: null,
  role: 'system',
  region: '100000',
};

export type TInspectionFixtures = {
  /** A committed draw per key, for the draw step. */
  committed: Map<string, string>;
  /** A drawn draw with a result for every organisation, per key, for publication. */
  complete: Map<string, string>;
  /** Drawn, no result yet: inspectors may be drawn again and again. */
  toAssign: string;
  /** Drawn and assigned to the inspector account's inspector: results may be recorded again. */
  toRecord: string;
  /** The organisation drawn in `toRecord`. */
  toRecordUscc: string;
  /** The inspector code of the inspector account. */
  inspectorCode: string;
  /** An organisation outside every fixture frame: a conflict with it changes no assignment. */
  outsideFrameUscc: string;
  openDataDate: string;
};

/**
 * Draws in the region `jurisdiction` (where the world has exactly one association), a pool of two
 * inspectors (one of them the account `inspectorUsername`, both working for `organCode`), and one
 * open-data snapshot, for the authorization matrix.
 */
export async function seedInspectionFixtures(
  db: Db,
  options: {
    keys: readonly string[];
    jurisdiction: string;
    inspectorUsername: string;
    organCode: string;
    outsideFrameUscc: string;
  },
): Promise<TInspectionFixtures> {
  const { jurisdiction } = options;
  const inspectorCode = 'MX-1';
  await addInspector({
    db,
    actor: ACTOR,
    code: inspectorCode,
    displayName: 'MX-1',
    organCode: options.organCode,
    regionCode: jurisdiction,
    username: options.inspectorUsername,
  });
  await addInspector({
    db,
    actor: ACTOR,
    code: 'MX-2',
    displayName: 'MX-2',
    organCode: options.organCode,
    regionCode: jurisdiction,
  });
  const newDraw = async () =>
    (await createDraw({ db, actor: ACTOR, kind: 'yearly', year: 2026, jurisdiction, today: '2026-03-02' }))
      .code;
  const drawnAndAssigned = async () => {
    const code = await newDraw();
    await revealDraw({ db, actor: ACTOR, code });
    await assignInspectors({ db, actor: ACTOR, code });
    return code;
  };
  const withResults = async () => {
    const code = await drawnAndAssigned();
    const { rows } = await db.query<{ uscc: string }>(
      `SELECT a.uscc FROM inspection_selections s JOIN inspection_draws d ON d.id = s.draw_id
       JOIN associations a ON a.id = s.association_id WHERE d.code = $1`,
      [code],
    );
    for (const { uscc } of rows) {
      await recordResult({
        db,
        actor: ACTOR,
        code,
        uscc,
        inspectedOn: '2026-04-01',
        outcome: 'compliant',
        summaryZh: '合规',
        summaryEn: 'Compliant',
        rectifyBy: null,
      });
    }
    return code;
  };
  const committed = new Map<string, string>();
  const complete = new Map<string, string>();
  for (const key of options.keys) {
    committed.set(key, await newDraw());
    complete.set(key, await withResults());
  }
  const toAssign = await newDraw();
  await revealDraw({ db, actor: ACTOR, code: toAssign });
  const toRecord = await drawnAndAssigned();
  const toRecordUscc = (
    await db.query<{ uscc: string }>(
      `SELECT a.uscc FROM inspection_selections s JOIN inspection_draws d ON d.id = s.draw_id
       JOIN associations a ON a.id = s.association_id WHERE d.code = $1 ORDER BY s.position LIMIT 1`,
      [toRecord],
    )
  ).rows[0]!.uscc;
  const openDataDate = '2026-01-01';
  await publishOpenData({ db, actor: ACTOR, asOf: openDataDate });
  return {
    committed,
    complete,
    toAssign,
    toRecord,
    toRecordUscc,
    inspectorCode,
    outsideFrameUscc: options.outsideFrameUscc,
    openDataDate,
  };
}
