import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { TAssociationRecord, TOrganRecord } from '../../src/core/registry/types.ts';
import type { Db } from '../../src/db/database.ts';
import type { createApp } from '../../src/server/app.ts';
import { createAssociation, createLink, createOrgan, createUser } from '../support/factories.ts';

/**
 * A Beijing registry for inspection tests: twelve associations at four levels, the bureau that
 * supervises the first of them, and the accounts of a Beijing regulator and two inspectors.
 */
export async function buildInspectionWorld(db: Db) {
  const bureau = await createOrgan(db, {
    name: '北京市检查测试局',
    regionCode: '110000',
    level: 'provincial',
  });
  const other = await createOrgan(db, {
    name: '北京市另一测试局',
    regionCode: '110000',
    level: 'provincial',
  });
  const levels = ['provincial', 'municipal', 'county'] as const;
  const associations: TAssociationRecord[] = [];
  for (let i = 0; i < 12; i += 1) {
    associations.push(
      await createAssociation(db, {
        name: `北京市抽查测试协会${i + 1}`,
        regionCode: '110105',
        level: levels[i % levels.length],
        industry: i % 2 === 0 ? '软件' : '纺织',
      }),
    );
  }
  // Outside Beijing: never in a Beijing frame.
  const shanghai = await createAssociation(db, {
    name: '上海市抽查测试协会',
    regionCode: '310101',
    level: 'municipal',
  });
  for (const association of associations) {
    await createLink(db, { organCode: bureau.code, associationUscc: association.uscc, kind: 'supervisor' });
  }
  const accounts = {
    regulator: await createUser(db, { username: 'insp-regulator', role: 'regulator', scopeRegion: '110000' }),
    regulatorSh: await createUser(db, {
      username: 'insp-regulator-sh',
      role: 'regulator',
      scopeRegion: '310000',
    }),
    inspectorA: await createUser(db, { username: 'insp-a', role: 'inspector', scopeRegion: '110000' }),
    inspectorB: await createUser(db, { username: 'insp-b', role: 'inspector', scopeRegion: '110000' }),
  };
  return {
    organs: { bureau, other } satisfies Record<string, TOrganRecord>,
    associations,
    shanghai,
    accounts,
  };
}

/** The app on a free loopback port, for the command-line verifier that speaks HTTP. */
export async function listen(
  app: ReturnType<typeof createApp>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
