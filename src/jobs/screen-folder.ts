import { randomBytes } from 'node:crypto';
import type { TScopeOutcome, TScopeReason, TSubject } from '../core/policy/types.ts';
import { openDatabase } from '../db/database.ts';
import type { AuditActor } from '../db/repositories/audit.repository.ts';
import { importFolder } from '../import/folder.ts';
import type { TImportResult } from '../import/importer.ts';
import { createPersonalDataProtector } from '../security/personal-data.ts';
import { runScreening } from './screen.ts';

/** One finding as `tuogou screen <folder> --json` prints it. */
export type TPrintedFinding = {
  rule: string;
  severity: string;
  association: string;
  subject: TSubject;
  pack: { id: string; version: string };
  facts: Record<string, unknown>;
  clause: string;
  explanation_zh: string;
  explanation_en: string;
};

export type TPrintedScope = { association: string; outcome: TScopeOutcome; reasons: readonly TScopeReason[] };

export type TFolderScreening = {
  findings: TPrintedFinding[];
  scope: TPrintedScope[];
};

export type ScreenFolderOptions = {
  folder: string;
  asOf: string;
  actor: AuditActor;
};

/** The folder could not be imported: the results of every file, the failed ones with their issues. */
export class FolderImportError extends Error {
  constructor(readonly results: TImportResult[]) {
    const failed = results.filter((r) => !r.ok);
    super(
      `${failed.length} file${failed.length === 1 ? '' : 's'} of the folder could not be imported: ${failed
        .map((r) => {
          const first = r.issues[0];
          return first
            ? `${r.file} row ${first.row ?? '-'} column ${first.column ?? '-'}: ${first.problem.en} (expected ${first.expected.en})`
            : r.file;
        })
        .join('; ')}`,
    );
    this.name = 'FolderImportError';
  }
}

/**
 * Screens a folder of import files without a server: imports it into a fresh in-memory database with
 * the regular importer (whatever kinds of file it knows; any subset may be present), runs the
 * screening and returns the findings and the scope decision of every association, ordered by
 * association. Throws `FolderImportError` when a file does not import, since screening a partial
 * registry would report wrong findings.
 */
export async function screenFolder({ folder, asOf, actor }: ScreenFolderOptions): Promise<TFolderScreening> {
  const db = await openDatabase({ kind: 'pglite' });
  try {
    // A throw-away key: the in-memory database and its hashes vanish with this call.
    const protector = createPersonalDataProtector(randomBytes(32).toString('hex'));
    const results = await importFolder({ db, protector, actor, folder });
    if (results.some((r) => !r.ok)) throw new FolderImportError(results);
    const run = await runScreening({ db, asOf, actor, collect: true });
    const evaluations = [...(run.evaluations ?? [])].sort((a, b) =>
      a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0,
    );
    return {
      findings: evaluations.flatMap((evaluation) =>
        evaluation.findings.map((f) => ({
          rule: f.ruleId,
          severity: f.severity,
          association: f.uscc,
          subject: f.subject,
          pack: { id: f.packId, version: f.packVersion },
          facts: { ...f.facts },
          clause: f.clause,
          explanation_zh: f.explanationZh,
          explanation_en: f.explanationEn,
        })),
      ),
      scope: evaluations.map((evaluation) => ({
        association: evaluation.uscc,
        outcome: evaluation.scope.outcome,
        reasons: evaluation.scope.reasons,
      })),
    };
  } finally {
    await db.close();
  }
}
