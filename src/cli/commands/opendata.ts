import type { Command } from 'commander';
import { publishOpenData, writeSnapshotFolder } from '../../jobs/open-data.ts';
import { withCliContext } from '../context.ts';

export function registerOpenDataCommands(program: Command): void {
  const opendata = program
    .command('opendata')
    .description('Open data: dated snapshots of the public registry');
  opendata
    .command('publish')
    .description(
      'Publish the snapshot of a date (CSV and JSON Lines, changes since the previous one, manifest); a date already published is kept as it is',
    )
    .option('--as-of <date>', 'the snapshot date, YYYY-MM-DD (default: today, UTC)')
    .option('--out <folder>', 'also write the files into <folder>/<date>/')
    .action(async (options: { asOf?: string; out?: string }) => {
      const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
      await withCliContext(async ({ db }) => {
        const outcome = await publishOpenData({ db, actor: { id: null, label: 'cli:opendata' }, asOf });
        console.log(
          outcome.created
            ? `open data ${asOf} published: ${outcome.manifest.files.length} files (licence ${outcome.manifest.licence.id})`
            : `open data ${asOf} was published already; kept as it is`,
        );
        for (const file of outcome.manifest.files) {
          console.log(
            `  ${file.name.padEnd(26)} ${String(file.rows).padStart(8)} rows  sha256 ${file.sha256}`,
          );
        }
        if (options.out) {
          const folder = await writeSnapshotFolder({ db, asOf, folder: options.out });
          console.log(`files written to ${folder}`);
        }
      });
    });
}
