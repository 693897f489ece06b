import type { Command } from 'commander';
import { verifyAuditChain } from '../../db/repositories/audit.repository.ts';
import { withCliContext } from '../context.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Inspect the hash-chained audit log');
  audit
    .command('verify')
    .description('Recompute the audit chain and name the first broken link, if any')
    .action(async () => {
      const verdict = await withCliContext(({ db }) => verifyAuditChain(db));
      if (verdict.ok) {
        console.log(`audit chain intact: ${verdict.events} events`);
      } else {
        console.error(`audit chain broken at event ${verdict.brokenAt}: ${verdict.reason}`);
        process.exitCode = 1;
      }
    });
}
