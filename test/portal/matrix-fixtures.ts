import { classifyComplaint } from '../../src/core/complaints/classify.ts';
import { generateTrackingCode } from '../../src/core/complaints/tracking-code.ts';
import { receiveComplaint } from '../../src/core/complaints/workflow.ts';
import type { Db } from '../../src/db/database.ts';
import { insertComplaint } from '../../src/db/repositories/complaints.repository.ts';
import { findAssociationByUscc } from '../../src/db/repositories/registry-read.repository.ts';
import { OFFICIAL_CALENDAR } from '../../src/jobs/calendar.ts';
import { recordGround } from '../../src/jobs/credit.ts';
import { COMPLAINT_PARAMS } from '../../src/server/handlers/public.handlers.ts';

export type TPortalFixtures = {
  /** A received complaint per association (uscc → id); reclassifying it leaves it received. */
  complaints: Map<string, number>;
  trackingCode: string;
};

/**
 * For the authorization matrix: one open complaint and one credit listing per association, so the
 * inbox and the credit lists have something inside and outside every jurisdiction.
 */
export async function seedPortalFixtures(db: Db, usccs: readonly string[]): Promise<TPortalFixtures> {
  const complaints = new Map<string, number>();
  let trackingCode = '';
  for (const [i, uscc] of usccs.entries()) {
    const association = (await findAssociationByUscc(db, uscc))!;
    const classification = classifyComplaint({ text: '协会强制入会' });
    const complaint = receiveComplaint({
      trackingCode: generateTrackingCode({ random: (n) => (i * 7 + 3) % n }),
      associationUscc: uscc,
      receivedOn: '2026-03-02',
      classification,
      calendar: OFFICIAL_CALENDAR,
      params: COMPLAINT_PARAMS,
    });
    trackingCode = complaint.trackingCode;
    const id = await db.transaction((tx) =>
      insertComplaint(tx, {
        complaint,
        associationId: association.id,
        topic: 'fee',
        body: '协会强制入会',
        compulsory: true,
        classification,
        contactCipher: null,
      }),
    );
    complaints.set(uscc, id);
    await recordGround({
      db,
      association: { id: association.id, uscc, regionCode: association.regionCode },
      on: '2026-03-02',
      actor: { id: null, label: 'matrix' },
      ground: { id: 'matrix:unreachable', list: 'abnormal', ground: 'unreachable', arisenOn: '2026-03-02' },
    });
  }
  return { complaints, trackingCode };
}
