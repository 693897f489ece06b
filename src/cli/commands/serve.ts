import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { countAssociations } from '../../db/repositories/registry-read.repository.ts';
import { loadDemoDataset } from '../../demo/load.ts';
import { seedCasesDemo } from '../../demo/seed-cases.ts';
import { seedDashboardDemo } from '../../demo/seed-dashboard.ts';
import { seedDemoInspections } from '../../demo/seed-inspections.ts';
import { seedMatchingDemo } from '../../demo/seed-matching.ts';
import { seedPortalDemo } from '../../demo/seed-portal.ts';
import { scheduleDailyJobs, serverDailyJobs } from '../../jobs/daily.ts';
import { createDemoUsers, DEMO_PASSWORD } from '../../server/demo-users.ts';
import { openCliContext } from '../context.ts';

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

type TServeOptions = { port?: string; host: string; demo?: boolean };

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the server: the API, its documentation at /api/docs and the web app')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <address>', 'address to listen on; 0.0.0.0 for every interface', '127.0.0.1')
    .option('--demo', 'on an empty database load the demo dataset, and create the demo accounts')
    .action(async (options: TServeOptions) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
        throw new Error(`--port: expected a port number from 1 to 65535, got ${options.port}`);
      }
      // The HTTP stack is loaded by this command only, so that the other commands start quickly.
      const [{ serve }, { createApp }] = await Promise.all([
        import('@hono/node-server'),
        import('../../server/app.ts'),
      ]);
      const { config, db, protector } = await openCliContext();
      if (options.demo) await prepareDemo({ db, protector });
      const app = createApp({ db, config, protector, webDistDir: WEB_DIST });
      // The credit timers, the case deadline notices and the open-data snapshot: today's now, then
      // each new day's at the first hourly check after midnight.
      const daily = scheduleDailyJobs({
        jobs: serverDailyJobs(db),
        onError: (job, asOf, error) =>
          console.error(`[tuogou] daily ${job} for ${asOf} failed: ${(error as Error).message}`),
      });
      const listenPort = port ?? config.port;
      const server = serve({ fetch: app.fetch, port: listenPort, hostname: options.host }, () => {
        const shown = options.host === '0.0.0.0' ? 'localhost' : options.host;
        console.log(`Tuogou is running at http://${shown}:${listenPort}/ (${db.kind})`);
        console.log(`  API documentation: http://${shown}:${listenPort}/api/docs`);
        if (!existsSync(WEB_DIST)) console.log('  web app not built: run `npm run build:web` to serve it');
      });
      const stop = () => {
        daily.stop();
        server.close(() => {
          // A daily job half-way through its transaction is let finish before the database closes.
          void daily
            .idle()
            .then(() => db.close())
            .then(() => process.exit(0));
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

async function prepareDemo(ctx: Pick<Awaited<ReturnType<typeof openCliContext>>, 'db' | 'protector'>) {
  if ((await countAssociations(ctx.db)) === 0) {
    console.log('Empty database: loading the demo dataset (seed 2015)…');
    const result = await loadDemoDataset({ db: ctx.db, protector: ctx.protector, scale: 'demo', seed: 2015 });
    console.log(
      `  ${result.associations.inserted} associations, ${result.organs.inserted} organs, ` +
        `${result.links.inserted} links, ${result.posts.inserted} posts loaded`,
    );
  }
  const accounts = await createDemoUsers(ctx.db);
  await seedDemoInspections(ctx.db);
  await seedPortalDemo({ db: ctx.db, today: new Date().toISOString().slice(0, 10) });
  await seedCasesDemo(ctx.db);
  await seedDashboardDemo({ db: ctx.db, today: new Date().toISOString().slice(0, 10) });
  await seedMatchingDemo(ctx);
  console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
  for (const account of accounts) {
    console.log(`  ${account.username.padEnd(14)} ${account.role.padEnd(12)} ${account.scope}`);
  }
}
