import { EVIDENCE_TYPE_SPECS, evidenceTypeOf } from '../../src/core/cases/evidence.ts';
import type { Db } from '../../src/db/database.ts';
import { openDecouplingCase } from '../../src/jobs/cases.ts';
import type { TSession, TTestApp } from '../server/support.ts';

/**
 * Helpers of the case tests: files whose leading bytes are what their type says (or not), multipart
 * uploads as a browser sends them, and cases opened through the workflow.
 */

const ascii = (text: string) => new TextEncoder().encode(text);

function concat(...parts: Uint8Array[]): Uint8Array {
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
export function contentOf(mimeType: string, marker = 'test'): Uint8Array {
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

export type TUpload = { kind: string; item?: string; fileName: string; type: string; content: Uint8Array };

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
