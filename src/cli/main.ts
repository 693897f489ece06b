import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.ts';
import { registerCreditCommands } from './commands/credit.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerDemoCommands } from './commands/demo.ts';
import { registerFindingsCommands } from './commands/findings.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerScreenCommand } from './commands/screen.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSummaryCommand } from './commands/summary.ts';
import { registerUserCommands } from './commands/user.ts';

const program = new Command()
  .name('tuogou')
  .description(
    'Tuogou (脱钩): run and supervise the decoupling of industry associations from administrative organs',
  )
  .showHelpAfterError();

registerServeCommand(program);
registerImportCommand(program);
registerDemoCommands(program);
registerUserCommands(program);
registerAuditCommands(program);
registerDbCommands(program);
registerScreenCommand(program);
registerFindingsCommands(program);
registerSummaryCommand(program);
registerCreditCommands(program);
(await import('./commands/inspections.ts')).registerInspectionsCommands(program);
(await import('./commands/opendata.ts')).registerOpenDataCommands(program);
(await import('./commands/match.ts')).registerMatchCommand(program);
(await import('./commands/match-run.ts')).registerMatchRunCommand(program);
(await import('./commands/cases.ts')).registerCasesCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
