import type { Command } from 'commander';
import { FINDING_STATUSES, type TFindingStatus } from '../../core/findings/workflow.ts';
import { isIsoDate } from '../../core/policy/dates.ts';
import { searchFindings, type TFindingFilters } from '../../db/repositories/findings.repository.ts';
import { transitionFinding } from '../../jobs/findings.ts';
import { withCliContext } from '../context.ts';

type TListOptions = {
  rule?: string;
  family?: string;
  severity?: string;
  status?: string;
  association?: string;
  region?: string;
  organ?: string;
  resolved?: boolean;
  page: string;
  pageSize: string;
  json?: boolean;
};

const WORKFLOW_HELP = `
Workflow: open → acknowledged → rectified / waived (reason required) / appealed; an appeal is decided
with "reopen" (back to open) or "waive". Every change is recorded with who, when and why in the
finding's events and the audit log. From the command line you act as the supervising regulator.`;

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number from 1, got "${value}"`);
  return n;
}

function actor() {
  return { id: null, label: `cli:${process.env.USER ?? 'unknown'}` };
}

async function move(id: string, to: TFindingStatus, options: { reason?: string; deadline?: string }) {
  if (options.deadline !== undefined && !isIsoDate(options.deadline))
    throw new Error(`--deadline must be a date YYYY-MM-DD, got "${options.deadline}"`);
  const finding = await withCliContext(({ db }) =>
    transitionFinding({
      db,
      findingId: positive(id, 'the finding id'),
      to,
      reason: options.reason ?? null,
      deadline: options.deadline ?? null,
      actor: actor(),
      actorKind: 'supervisor',
      today: new Date().toISOString().slice(0, 10),
    }),
  );
  console.log(
    `finding ${finding.id} (${finding.ruleId}, ${finding.uscc}) is now ${finding.status}${finding.deadline ? `, deadline ${finding.deadline}` : ''}`,
  );
}

/** `tuogou findings list|ack|rectify|waive|appeal|reopen`: the stored findings and their workflow. */
export function registerFindingsCommands(program: Command): void {
  const findings = program
    .command('findings')
    .description('List stored findings and move them along their workflow')
    .addHelpText('after', WORKFLOW_HELP);

  findings
    .command('list')
    .description('List the current findings (not resolved by a later run), filtered')
    .option('--rule <id>', 'rule id, e.g. PERS-5')
    .option('--family <family>', 'rule family, e.g. PERS')
    .option('--severity <severity>', 'violation, risk, open or info')
    .option('--status <status>', FINDING_STATUSES.join(', '))
    .option('--association <uscc>', 'one association')
    .option('--region <code>', 'associations registered in this region')
    .option('--organ <code>', 'associations ever linked to this organ or a unit below it')
    .option('--resolved', 'include findings a later run no longer found')
    .option('--page <n>', 'page', '1')
    .option('--page-size <n>', 'findings per page', '50')
    .option('--json', 'print JSON')
    .action(async (options: TListOptions) => {
      if (options.status && !FINDING_STATUSES.includes(options.status as TFindingStatus))
        throw new Error(`--status must be one of ${FINDING_STATUSES.join(', ')}, got "${options.status}"`);
      const filters: TFindingFilters = {
        rule: options.rule,
        family: options.family,
        severity: options.severity,
        status: options.status as TFindingStatus | undefined,
        association: options.association,
        region: options.region,
        organ: options.organ,
        includeResolved: options.resolved ?? false,
      };
      const page = positive(options.page, '--page');
      const pageSize = positive(options.pageSize, '--page-size');
      const result = await withCliContext(({ db }) =>
        searchFindings(db, { scope: { kind: 'all' }, filters, page, pageSize }),
      );
      if (options.json) {
        console.log(JSON.stringify({ items: result.rows, total: result.total, page, pageSize }, null, 2));
        return;
      }
      for (const f of result.rows)
        console.log(
          `${f.id}\t${f.ruleId}\t${f.severity}\t${f.status}\t${f.uscc}\t${f.deadline ?? ''}\t${f.explanationZh}`,
        );
      console.log(`${result.total} findings (page ${page})`);
    });

  findings
    .command('ack')
    .description('Acknowledge a finding and set its rectification deadline')
    .argument('<id>', 'finding id')
    .option('--deadline <date>', 'rectification deadline YYYY-MM-DD (default: 90 days from today)')
    .option('--reason <text>', 'note')
    .action((id: string, options: { deadline?: string; reason?: string }) =>
      move(id, 'acknowledged', options),
    );
  findings
    .command('rectify')
    .description('Mark an acknowledged finding rectified')
    .argument('<id>', 'finding id')
    .option('--reason <text>', 'what was done')
    .action((id: string, options: { reason?: string }) => move(id, 'rectified', options));
  findings
    .command('waive')
    .description('Waive a finding (a reason is required)')
    .argument('<id>', 'finding id')
    .requiredOption('--reason <text>', 'why it is waived')
    .action((id: string, options: { reason: string }) => move(id, 'waived', options));
  findings
    .command('appeal')
    .description('Record an appeal against a finding (a reason is required)')
    .argument('<id>', 'finding id')
    .requiredOption('--reason <text>', 'grounds of the appeal')
    .action((id: string, options: { reason: string }) => move(id, 'appealed', options));
  findings
    .command('reopen')
    .description('Reopen a finding: reject an appeal, or undo a rectification or waiver (reason required)')
    .argument('<id>', 'finding id')
    .requiredOption('--reason <text>', 'why it is reopened')
    .action((id: string, options: { reason: string }) => move(id, 'open', options));
}
