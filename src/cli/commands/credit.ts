import type { Command } from 'commander';
import { tickCredit } from '../../jobs/credit.ts';
import { withCliContext } from '../context.ts';
import { parseAsOf } from './screen.ts';

const HELP = `
The daily credit run (run it once a day, e.g. from cron): finds the CRED grounds in every
association's facts, then applies the timers of 民政部令第60号 in the official working-day calendar
(holidays and make-up working days from the chinese-days package): listing within 5 working days of a
ground, removal after verified rectification or after 6 months without anything to fix (a new ground
restarts the 6 months), the move to the serious list after 2 years. Each listing and removal is
recorded with its reason and legal basis, mirrored into the credit facts and audited, in one
transaction. Running it twice on the same day changes nothing.

--json prints { "asOf", "calendarId", "associations", "groundsFound", "events": [ { "uscc", "event" } ] }.`;

/** `tuogou credit tick [--as-of]`: the daily credit-list run. */
export function registerCreditCommands(program: Command): void {
  const credit = program.command('credit').description('Credit lists (活动异常名录, 严重违法失信名单)');
  credit
    .command('tick')
    .description('Apply the credit-list timers on a day (default: today)')
    .option('--as-of <date>', 'the day YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .addHelpText('after', HELP)
    .action(async (options: { asOf?: string; json?: boolean }) => {
      const asOf = parseAsOf(options.asOf);
      const actor = { id: null, label: `cli:${process.env.USER ?? 'unknown'}` };
      const result = await withCliContext(({ db }) => tickCredit({ db, asOf, actor }));
      if (options.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      for (const { uscc, event } of result.events) {
        const what = 'list' in event ? `${event.kind} ${event.list}` : event.kind;
        console.log(`${event.on}\t${uscc}\t${what}`);
      }
      console.log(
        `${asOf} (${result.calendarId}): ${result.groundsFound} new grounds, ${result.events.length} events over ${result.associations} associations with a credit record`,
      );
    });
}
