import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { loadDemoDataset } from '../../src/demo/load.ts';
import { seedPortalDemo } from '../../src/demo/seed-portal.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { createApp } from '../../src/server/app.ts';
import { createDemoUsers } from '../../src/server/demo-users.ts';
import type { TPortalRateLimits } from '../../src/server/rate-limit.ts';
import { openTestDatabase } from '../support/database.ts';

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export type TPortalServer = {
  url: string;
  db: Db;
  app: ReturnType<typeof createApp>;
  stop(): Promise<void>;
};

/**
 * The platform as `tuogou serve --demo` runs it, with the portal's demo complaints and credit lists,
 * on a fresh database and a free loopback port. Crawls pass generous rate limits.
 */
export async function startPortalServer(
  options: { portalRateLimits?: TPortalRateLimits } = {},
): Promise<TPortalServer> {
  const db = await openTestDatabase();
  const protector = createPersonalDataProtector('5e'.repeat(32));
  await loadDemoDataset({ db, protector, scale: 'demo', seed: 2015 });
  await createDemoUsers(db);
  await seedPortalDemo({ db, today: new Date().toISOString().slice(0, 10) });
  const app = createApp({
    db,
    config: loadConfig({}),
    protector,
    webDistDir: WEB_DIST,
    portalRateLimits: options.portalRateLimits,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.drop();
    },
  };
}
