import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { TScale } from '../../demo/dataset.ts';
import { writeDatasetFiles } from '../../demo/files.ts';
import { loadDemoDataset } from '../../demo/load.ts';
import { withCliContext } from '../context.ts';

const DEFAULT_SEED = 2015;

function parseSeed(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) {
    throw new InvalidArgumentError('expected a whole number from 0 to 4294967295');
  }
  return Number(value);
}

/** `tuogou demo generate` and `tuogou demo load`: the seeded demo and benchmark dataset. */
export function registerDemoCommands(program: Command): void {
  const demo = program
    .command('demo')
    .description(
      'Seeded synthetic data: a demo country for first start, national-scale files for benchmarks',
    );

  demo
    .command('generate')
    .description(
      'Write organs.csv, associations.csv, links.csv, posts.csv, rosters-serving.csv, rosters-retired.csv ' +
        'and truth.json (the planted rule violations) for a seed and scale',
    )
    .addOption(
      new Option(
        '--scale <scale>',
        'demo (3,000 associations) or national (100,000; millions of roster rows)',
      )
        .choices(['demo', 'national'])
        .default('demo'),
    )
    .option('--seed <n>', 'seed: the same seed always gives byte-identical files', parseSeed, DEFAULT_SEED)
    .requiredOption('--out <dir>', 'folder to write the files into (created if missing)')
    .action(async (options: { scale: TScale; seed: number; out: string }) => {
      const outDir = resolve(options.out);
      const bar = new cliProgress.SingleBar(
        { format: '{file} [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}' },
        cliProgress.Presets.shades_classic,
      );
      let current = '';
      const started = Date.now();
      const result = await writeDatasetFiles({
        seed: options.seed,
        scale: options.scale,
        outDir,
        onProgress: ({ file, rows, total }) => {
          if (file !== current) {
            if (current) bar.stop();
            current = file;
            bar.start(total, 0, { file: file.padEnd(20) });
          }
          bar.update(Math.min(rows, total), { file: file.padEnd(20) });
        },
      });
      bar.stop();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      for (const [file, rows] of Object.entries(result.rows)) console.log(`${file.padEnd(22)} ${rows} rows`);
      console.log(
        `truth.json             ${result.truth.planted.length} planted cases, ${result.truth.negatives.length} labelled negatives`,
      );
      console.log(`written to ${outDir} in ${seconds} s (seed ${options.seed}, scale ${options.scale})`);
    });

  demo
    .command('load')
    .description(
      'Load the demo dataset into the database (one transaction; loading it again changes nothing)',
    )
    .option('--seed <n>', 'seed of the demo dataset', parseSeed, DEFAULT_SEED)
    .action(async (options: { seed: number }) => {
      await withCliContext(async ({ db, protector }) => {
        const started = Date.now();
        const result = await loadDemoDataset({ db, protector, scale: 'demo', seed: options.seed });
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const parts = [
          ['organs', result.organs],
          ['associations', result.associations],
          ['links', result.links],
          ['posts', result.posts],
          ['roster records', result.rosterRecords],
        ] as const;
        for (const [label, c] of parts) {
          console.log(
            `${label.padEnd(15)} inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}`,
          );
        }
        console.log(
          result.changed
            ? `demo dataset (seed ${options.seed}) loaded in ${seconds} s`
            : `demo dataset (seed ${options.seed}) already loaded: nothing changed (${seconds} s)`,
        );
      });
    });
}
