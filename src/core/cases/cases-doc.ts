/**
 * Renders `docs/cases.md` from the transition table, the batches and the checklist of a pack, so the
 * documentation cannot drift from the code: a test compares the committed file with this output.
 */

import { BUILT_IN_PACKS, getPack } from '../policy/packs.ts';
import { BUILT_IN_BATCHES } from './batches.ts';
import { generateChecklist, ITEM_TRANSITIONS, SEPARATION_TITLES, SEPARATIONS } from './checklist.ts';
import { EVIDENCE_TYPE_SPECS } from './evidence.ts';
import { BLOCKED_REASON_TITLES, CASE_STATE_TITLES, CASE_TRANSITIONS, ROLE_TITLES } from './transitions.ts';
import { ACTOR_ROLES, BLOCKED_REASONS, CASE_STATES } from './types.ts';

/** The command that regenerates the file, printed in its header. */
export const CASES_DOC_COMMAND =
  'npx tsx --eval "import(\'./src/core/cases/cases-doc.ts\').then((m) => process.stdout.write(m.renderCasesDoc()))" > docs/cases.md';

const GUARD_TEXT: Record<string, string> = {
  listed_batch: 'the case’s batch is a decoupling list, not dual management',
  checklist_submitted: 'a checklist exists and none of its items is still `open`',
  checklist_complete: 'a checklist exists and every item is `signed_off`, or `waived` with a reason',
  no_open_violation: 'no `violation` finding of the association is `open`, `acknowledged` or `appealed`',
  resumes_where_blocked: 'only to the state the case was blocked from',
};

const INPUT_TEXT: Record<string, string> = {
  reason: 'reason',
  blocked_reason: 'blocked reason (`policy_gap` / `insufficient_work`)',
  approval_ref: 'approval reference',
  plan_document: 'plan document (PDF or DOCX, with SHA-256)',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function mb(bytes: number): string {
  return `${bytes / (1024 * 1024)} MB`;
}

/** The moves of the main path, without blocking, resuming and exemption. */
const MAIN_MOVES = CASE_TRANSITIONS.filter(
  (t) => t.from !== 'blocked' && t.to !== 'blocked' && t.to !== 'exempt',
);

/** The whole of `docs/cases.md`. */
export function renderCasesDoc(): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  push(
    '# Decoupling cases',
    '',
    `<!-- Generated from src/core/cases; do not edit by hand. Regenerate with: ${CASES_DOC_COMMAND} -->`,
    '',
    'One case per association on a decoupling list: plan → approval → the five separations (a checklist',
    'with evidence and sign-offs) → verification → decoupled; or blocked (classified as a policy gap or',
    'insufficient work), or exempt by approval. The core in `src/core/cases` is pure: ids, dates and',
    'instants are handed in, and every move returns the new case and an event (who, when, from, to, why)',
    'that the caller stores in the same transaction as the change, or a refusal with a code and a message',
    'in Chinese and English.',
    '',
    '| entry point | what it does |',
    '|---|---|',
    '| `deadlinesFor({ batch, jurisdiction })` | plan and completion deadlines of a batch for a region (most specific override wins, field by field) |',
    '| `openCase({ id, associationUscc, batch, jurisdiction })` | a new case in `listed` with its deadlines |',
    '| `transitionCase({ case, to, actor, input, checklist, openFindings, at })` | one move of a case, or a refusal |',
    '| `allowedTransitions({ case, role })` | the moves a role may offer in the UI now |',
    '| `generateChecklist({ pack })`, `startChecklist(items)` | the five-separation checklist of a pack and its fresh progress |',
    '| `transitionItem({ item, entry, to, actor, input, at })`, `allowedItemTransitions(…)` | one move of a checklist item |',
    '| `findingsBesideItems({ items, findings })` | the findings to show beside each item, by the rules it names |',
    '| `checkEvidence({ declaredType, fileName, size, head })` | type, extension, size and content check of an upload |',
    '| `overdue({ cases, asOf })`, `toCaseFact(case)` | CASE-1 / CASE-2 entries, and the case as the policy rules read it |',
    '',
    'Which cases an account may act on (its region, organ or association) is the API’s scope check; the',
    'core decides which role may make which move. Auditors and inspectors never move a case or an item.',
    '',
    '## States',
    '',
    '| state | 中文 | English |',
    '|---|---|---|',
    ...CASE_STATES.map((s) => `| \`${s}\` | ${CASE_STATE_TITLES[s].zh} | ${CASE_STATE_TITLES[s].en} |`),
    '',
    '`decoupled` and `exempt` are final; after closure the policy rules keep running and CASE-3 reports',
    're-coupling. A blocked case keeps the state it was blocked from and resumes only there; its blocked',
    'reason stays on the case after it resumes, since it still explains a delay (CASE-2).',
    '',
    `Blocked reasons: ${BLOCKED_REASONS.map((r) => `\`${r}\` (${BLOCKED_REASON_TITLES[r].zh})`).join(', ')}.`,
    '',
    '## Transitions',
    '',
    'Checked in this order: the move is legal from the present state (`illegal_transition`), the role may',
    'make it (`role_not_allowed`), the inputs are given (`missing_…`), the guards hold.',
    '',
    '| from | to | roles | inputs | guards |',
    '|---|---|---|---|---|',
  );
  for (const t of CASE_TRANSITIONS) {
    push(
      `| \`${t.from}\` | \`${t.to}\` | ${t.roles.join(', ')} | ${t.inputs.map((i) => INPUT_TEXT[i]).join('; ') || '—'} | ${t.guards.map((g) => GUARD_TEXT[g]).join('; ') || '—'} |`,
    );
  }
  push(
    '',
    'What a move records on the case: `plan_submitted` the submission day, `plan_approved` the approval day',
    'and reference, `decoupled` the decoupling day (the date part of `at`, an ISO 8601 instant with its',
    'offset), `blocked` the reason, note, state and day, `exempt` the approval reference. Resuming changes',
    'none of the recorded days. Each move increments `version`, for optimistic concurrency in the store.',
    '',
    '### Who may do what',
    '',
    '| role | moves |',
    '|---|---|',
    ...ACTOR_ROLES.map((role) => {
      const moves = MAIN_MOVES.filter((t) => t.roles.includes(role)).map((t) => `${t.from} → ${t.to}`);
      if (CASE_TRANSITIONS.some((t) => t.to === 'blocked' && t.roles.includes(role))) {
        moves.push('block, resume, exempt');
      }
      return `| ${role} (${ROLE_TITLES[role].zh}) | ${moves.join('; ') || 'none (read only)'} |`;
    }),
  );
  push(
    '',
    '## Batches and deadlines',
    '',
    'Default dates, to be checked against each office’s own documents (pass your own `batches` to replace',
    'them). The deadline day itself is in time; CASE-1 and CASE-2 start the day after.',
    '',
    '| batch | kind | listed | plan deadline | completion deadline | overrides |',
    '|---|---|---|---|---|---|',
  );
  for (const b of BUILT_IN_BATCHES) {
    const overrides = b.overrides
      .map(
        (o) => `${o.jurisdiction}: plan ${o.planDeadline ?? '—'}, completion ${o.completionDeadline ?? '—'}`,
      )
      .join('; ');
    push(
      `| \`${b.id}\` ${b.title.zh} | ${b.kind} | ${b.listedOn ?? '—'} | ${b.planDeadline ?? '—'} | ${b.completionDeadline ?? '—'} | ${cell(overrides) || '—'} |`,
    );
  }
  push(
    '',
    'A case under dual management (`dual-management`) has no deadlines and cannot start a plan until it',
    'is put in a batch. Exempt cases are out of scope and never overdue.',
    '',
    '## The five-separation checklist',
    '',
    'Generated from the policy pack in force (`generateChecklist({ pack })`): the texts carry the pack’s',
    'parameters, each item names the rules whose findings are shown beside it, and an item whose rules are',
    'all switched off in the pack is left out. The owner does the work and submits evidence; the signer',
    'confirms it. Nobody signs off an item they own; hand-overs from the former organ are confirmed by the',
    'organ itself. The list below is the `national-2019` pack.',
    '',
  );
  const pack = getPack('national-2019');
  const items = generateChecklist({ pack });
  for (const separation of SEPARATIONS) {
    push(`### ${SEPARATION_TITLES[separation].zh} — ${SEPARATION_TITLES[separation].en}`, '');
    push('| item | owner | signed off by | rules | evidence |', '|---|---|---|---|---|');
    for (const item of items.filter((i) => i.separation === separation)) {
      const evidence = item.evidence
        .map((e) => {
          const types = e.mimeTypes
            .map((m) => Object.values(EVIDENCE_TYPE_SPECS).find((s) => s.mimeType === m)?.type ?? m)
            .join('/');
          return `${e.title.zh} (\`${e.kind}\`, ${types}, ≤ ${mb(e.maxBytes)}${e.minCount === 0 ? ', optional' : ''})`;
        })
        .join('; ');
      push(
        `| \`${item.id}\` ${item.title.zh}<br>${cell(item.detail.zh)} | ${item.owner} | ${item.signOff.signers.join(', ')}${item.signOff.organHandOver ? ' (hand-over)' : ''} | ${item.ruleIds.join(', ')} | ${cell(evidence)} |`,
      );
    }
    push('');
  }
  const packs = [...BUILT_IN_PACKS.values()];
  push(
    'Per pack:',
    '',
    '| pack | items | rules named |',
    '|---|---|---|',
    ...packs.map((p) => {
      const list = generateChecklist({ pack: p });
      return `| \`${p.id}\` | ${list.length} | ${list.flatMap((i) => i.ruleIds).length} |`;
    }),
    '',
    '### Item workflow',
    '',
    '| from | to | who | needs |',
    '|---|---|---|---|',
    ...ITEM_TRANSITIONS.map((t) => `| \`${t.from}\` | \`${t.to}\` | ${t.who} | ${t.needs ?? '—'} |`),
    '',
    'Submitting needs at least the required files of every evidence kind, each of an accepted type, within',
    'the size limit and with its SHA-256; submitting again while submitted adds files. Returned and',
    'reopened items keep their files, so the history of what was shown stays visible. The checklist of a',
    'decoupled or exempt case is frozen (`case_closed`).',
    '',
    '## Evidence checks',
    '',
    '`checkEvidence` refuses, with the file name and what was expected, in Chinese and English: an unknown',
    'or not accepted declared type, a name whose extension does not fit it, an empty file, a file above',
    'the limit (the type’s own, or the item’s lower one), and content whose first bytes do not match the',
    'declared type. The caller hands in the first 4096 bytes and computes the SHA-256 itself.',
    '',
    '| type | MIME type | extensions | default limit | content check |',
    '|---|---|---|---|---|',
    ...Object.values(EVIDENCE_TYPE_SPECS).map(
      (s) =>
        `| ${s.type} | \`${s.mimeType}\` | ${s.extensions.join(', ')} | ${mb(s.maxBytes)} | ${
          s.type === 'pdf'
            ? '`%PDF-`'
            : s.type === 'png'
              ? 'PNG signature'
              : s.type === 'jpeg'
                ? '`FF D8 FF`'
                : s.type === 'docx' || s.type === 'xlsx'
                  ? 'zip (`PK 03 04`); refused when the head names the other kind’s parts'
                  : 'UTF-8 without NUL (BOM allowed; a character cut at the end of the head is accepted)'
        } |`,
    ),
    '',
    '## Deadlines',
    '',
    '`overdue({ cases, asOf })` returns, sorted by deadline then case:',
    '',
    '- **CASE-1** when the plan deadline has passed, the case is not decoupled and no plan was approved on',
    '  or before `asOf`;',
    '- **CASE-2** when the completion deadline has passed and the case was not decoupled on or before',
    '  `asOf`, with the blocked reason (current, or the last one of a resumed case) or `null` when the',
    '  reason is not classified.',
    '',
    'These are the conditions of the CASE rules in `src/core/policy/case.ts`; a property test checks that',
    'both agree on random cases and days.',
    '',
    '## The workflow over the database',
    '',
    '`src/jobs/cases.ts` runs each move in one transaction: the case row is locked, the core checks the',
    'move, and the case row, its event (`case_events`: who, when, from, to, why), the audit event and the',
    'notifications the move causes are written together, or nothing is. The case row is the same row',
    'the rules read as facts, so an approval writes `plan_approved_on`, a closure `decoupled_on`, and a',
    'block `blocked_reason` (kept after the case resumes, as CASE-2 reads it). An exemption also records',
    'a `central_exemption` scope decision, which takes the association out of the rules’ scope. A',
    '`version` column refuses a write computed from a stale case.',
    '',
    'Checklist items are stored per case (`case_items`, `case_item_events`) from the pack in force for',
    'the association’s region when the workflow first touches the case. An uploaded file is checked',
    '(declared type against content, size limit of the item), stored once by its SHA-256',
    '(`evidence_blobs`, in the database so that the file, the item move and the audit event share one',
    'transaction and the backups) and recorded in `case_evidence` with its uploader. The item is',
    'submitted as soon as every required kind is there; until then the files wait. The plan document',
    'waits for the plan’s submission, which takes it as its evidence.',
    '',
    '### HTTP API',
    '',
    '| route | who | what |',
    '|---|---|---|',
    '| `GET /api/cases` | every role, in its scope | list, filtered by `state`, `batch`, `region`, `q`, `overdue` (`CASE-1`, `CASE-2`, `any`) |',
    '| `GET /api/cases/export?format=xlsx\\|csv` | every role, in its scope | the same list as a file |',
    '| `POST /api/cases` | regulator, admin | put an association of the jurisdiction on a batch’s list |',
    '| `GET /api/cases/{id}` | every role, in its scope | the case, the moves open to the caller, the checklist by separation with files, allowed item moves and the findings beside each item, the history |',
    '| `POST /api/cases/{id}/transition` | regulator, organ, association, admin (the table above decides the move) | `{ to, reason?, blockedReason?, approvalRef? }` |',
    '| `POST /api/cases/{id}/evidence` | association, organ, admin | multipart `file`, `kind`, `item` (no item: the plan document) |',
    '| `GET /api/cases/{id}/evidence/{evidenceId}` | every role, in its scope | the file as uploaded |',
    '| `POST /api/cases/{id}/items/{key}/transition` | regulator, organ | `{ to: signed_off \\| waived \\| open, reason? }` |',
    '| `GET /api/notifications`, `POST /api/notifications/{id}/read`, `POST /api/notifications/read-all` | every role | the bell |',
    '',
    'Scope: an association sees its own cases, an organ the cases of associations ever linked to it or a',
    'unit below it, a regulator those registered in its region, auditors and administrators all. A move',
    'the state machine refuses answers 409 (illegal now), 403 (not this role) or 400 (missing reason,',
    'reference or file) with the message in Chinese and English; a file whose content does not match',
    'its declared type answers 415, a file that is empty or too large 400.',
    '',
    '### Notifications',
    '',
    'A move tells the side that acts next (a submitted plan or a request for verification: the',
    'regulators of the region; a returned or approved plan, a closure, a block: the association and the',
    'organ side). The daily case job — run by the server itself once a day (`src/jobs/daily.ts`), or by',
    '`tuogou cases tick [--as-of YYYY-MM-DD]`, and after every screening run started from the web or the CLI — raises',
    'CASE-1 and CASE-2 notices by `overdue()` and CASE-3 notices for the open re-coupling findings of',
    'decoupled cases, each once per case, rule and deadline (or finding). Notices to a role are seen by',
    'the accounts of that role whose scope covers the case; read marks are per account.',
    '',
  );
  return `${out.join('\n')}`;
}
