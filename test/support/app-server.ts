import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { createApp } from '../../src/server/app.ts';
import { createDemoUsers } from '../../src/server/demo-users.ts';
import { openTestDatabase } from './database.ts';

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export type RunningServer = { url: string; stop(): Promise<void> };

/**
 * The whole platform as `tuogou serve --demo` runs it — demo data, demo accounts, the built web app —
 * on a fresh database and a free loopback port, for end-to-end tests.
 */
export async function startDemoServer(): Promise<RunningServer> {
  const db = await openTestDatabase();
  const protector = createPersonalDataProtector('5e'.repeat(32));
  await loadDemoDataset({ db, protector, scale: 'demo', seed: 2015 });
  await createDemoUsers(db);
  const app = createApp({ db, config: loadConfig({}), protector, webDistDir: WEB_DIST });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.drop();
    },
  };
}
