import { EVIDENCE_TYPE_SPECS, evidenceTypeOf } from '../../src/core/cases/evidence.ts';
import type { TActorRole } from '../../src/core/cases/types.ts';
import type { Db } from '../../src/db/database.ts';
import { insertNotifications } from '../../src/db/repositories/notifications.repository.ts';
import { addCaseEvidence, moveCase, openDecouplingCase } from '../../src/jobs/cases.ts';
import type { TSession, TTestApp } from '../server/support.ts';

/**
 * Helpers of the case tests: files whose leading bytes are what their type says (or not), multipart
 * uploads as a browser sends them, and cases opened through the workflow.
 */

const ascii = (text: string) => new TextEncoder().encode(text);

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const ZIP_HEADER = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);

/** Content that starts the way a file of the MIME type starts. */
export function contentOf(mimeType: string, marker = 'test'): Uint8Array<ArrayBuffer> {
  const type = evidenceTypeOf(mimeType);
  switch (type) {
    case 'pdf':
      return ascii(`%PDF-1.4\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
    case 'png':
      return concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ascii(marker));
    case 'jpeg':
      return concat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), ascii(marker));
    case 'docx':
      return concat(ZIP_HEADER, ascii(`word/document.xml ${marker}`));
    case 'xlsx':
      return concat(ZIP_HEADER, ascii(`xl/workbook.xml ${marker}`));
    case 'txt':
    case 'csv':
      return ascii(`名称,数量\n${marker},1\n`);
    case null:
      throw new Error(`no sample content for ${mimeType}`);
  }
}

/** A file name with the extension of the MIME type. */
export function fileNameOf(mimeType: string, stem: string): string {
  const type = evidenceTypeOf(mimeType);
  if (!type) throw new Error(`unknown type ${mimeType}`);
  return `${stem}${EVIDENCE_TYPE_SPECS[type].extensions[0]}`;
}

export type TUpload = {
  kind: string;
  item?: string;
  fileName: string;
  type: string;
  content: Uint8Array<ArrayBuffer>;
};

/** `POST /api/cases/:id/evidence` as multipart, the way the web app sends it. */
export function upload(app: TTestApp, session: TSession, caseId: number, file: TUpload): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([file.content], file.fileName, { type: file.type }));
  form.set('kind', file.kind);
  if (file.item) form.set('item', file.item);
  return Promise.resolve(
    app.request(`/api/cases/${caseId}/evidence`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: form,
    }),
  );
}

/** Opens one case per entry (keyed like the authorization matrix's findings) through the workflow. */
export async function seedCases(
  db: Db,
  entries: readonly { key: string; uscc: string }[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [index, { key, uscc }] of entries.entries()) {
    const { rows } = await db.query<{ id: number }>('SELECT id FROM associations WHERE uscc = $1', [uscc]);
    const id = await openDecouplingCase({
      db,
      associationId: Number(rows[0]!.id),
      batch: 'rollout-2019',
      ref: `seed-${index + 1}`,
      actor: { userId: null, role: 'admin', label: 'seed' },
      at: '2019-06-14T09:00:00+08:00',
    });
    ids.set(key, id);
  }
  return ids;
}

export type TCasePurpose = 'move' | 'upload' | 'item';

/** Per account and association: fresh cases for each kind of write, a stored file, and a notice to the account. */
export type TCaseFixtures = {
  caseFor(username: string, uscc: string, purpose: TCasePurpose): number;
  evidenceFor(username: string, uscc: string): number;
  notificationFor(username: string): number;
  roleOf(username: string): TActorRole;
};

const SEED_ACTOR = { userId: null, role: 'admin', label: 'seed' } as const;
const SEED_AT = '2019-07-01T09:00:00+08:00';

/**
 * Cases for the authorization matrix, one per account, association and purpose, so that no request
 * of one account changes the case another account's request needs: `move` is listed, `upload` has
 * its plan being drafted with one plan document stored, `item` has the submitted evidence of an item
 * the former organ signs off.
 */
export async function seedCaseFixtures(
  db: Db,
  options: {
    accounts: readonly { id: number; username: string; role: TActorRole }[];
    usccs: readonly string[];
  },
): Promise<TCaseFixtures> {
  const cases = new Map<string, number>();
  const evidence = new Map<string, number>();
  const notices = new Map<string, number>();
  let serial = 0;
  for (const account of options.accounts) {
    for (const uscc of options.usccs) {
      const { rows } = await db.query<{ id: number }>('SELECT id FROM associations WHERE uscc = $1', [uscc]);
      const associationId = Number(rows[0]!.id);
      for (const purpose of ['move', 'upload', 'item'] as const) {
        serial += 1;
        const id = await openDecouplingCase({
          db,
          associationId,
          batch: 'rollout-2019',
          ref: `matrix-${serial}`,
          actor: SEED_ACTOR,
          at: SEED_AT,
        });
        cases.set(`${account.username}|${uscc}|${purpose}`, id);
        if (purpose === 'upload') {
          await moveCase({ db, caseId: id, to: 'plan_drafted', actor: SEED_ACTOR, at: SEED_AT });
          const stored = await addCaseEvidence({
            db,
            caseId: id,
            itemKey: null,
            kind: 'plan_document',
            fileName: '方案.pdf',
            declaredType: 'application/pdf',
            content: contentOf('application/pdf', `matrix-${serial}`),
            actor: SEED_ACTOR,
            at: SEED_AT,
          });
          evidence.set(`${account.username}|${uscc}`, stored.evidenceId);
        }
        if (purpose === 'item') {
          await addCaseEvidence({
            db,
            caseId: id,
            itemKey: 'func.admin_functions_withdrawn',
            kind: 'function_list',
            fileName: '职能清单.pdf',
            declaredType: 'application/pdf',
            content: contentOf('application/pdf', `matrix-${serial}`),
            actor: { userId: null, role: 'association', label: 'seed' },
            at: SEED_AT,
          });
        }
      }
    }
    const firstCase = cases.get(`${account.username}|${options.usccs[0]}|move`)!;
    await db.transaction((tx) =>
      insertNotifications(tx, [
        {
          recipientUserId: account.id,
          kind: 'case_moved',
          caseId: firstCase,
          dedupeKey: `matrix:${account.username}`,
          titleZh: '测试通知',
          titleEn: 'Test notice',
          bodyZh: '测试',
          bodyEn: 'Test',
        },
      ]),
    );
    const { rows } = await db.query<{ id: number }>('SELECT id FROM notifications WHERE dedupe_key = $1', [
      `matrix:${account.username}`,
    ]);
    notices.set(account.username, Number(rows[0]!.id));
  }
  const roles = new Map(options.accounts.map((a) => [a.username, a.role]));
  return {
    caseFor: (username, uscc, purpose) => cases.get(`${username}|${uscc}|${purpose}`) ?? 0,
    evidenceFor: (username, uscc) => evidence.get(`${username}|${uscc}`) ?? 0,
    notificationFor: (username) => notices.get(username) ?? 0,
    roleOf: (username) => roles.get(username) ?? 'admin',
  };
}

/** A legal first move of a listed case for each role that moves cases (the matrix's transition request). */
export function firstMoveOf(role: TActorRole): Record<string, string> {
  return role === 'regulator'
    ? { to: 'blocked', blockedReason: 'policy_gap', reason: 'authorization matrix' }
    : { to: 'plan_drafted' };
}

/** The multipart body of a plan-document upload. */
export function planUploadForm(marker: string): FormData {
  const form = new FormData();
  form.set('file', new File([contentOf('application/pdf', marker)], '方案.pdf', { type: 'application/pdf' }));
  form.set('kind', 'plan_document');
  return form;
}
