import type { Command } from 'commander';
import { withCliContext } from '../context.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply pending schema migrations (the server also does this at start-up)')
    .action(async () => {
      // Opening the database applies pending migrations.
      await withCliContext(async ({ db: database }) => {
        const { rows } = await database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM schema_migrations',
        );
        console.log(`schema up to date: ${rows[0]?.n ?? 0} migrations applied (${database.kind})`);
      });
    });
}
