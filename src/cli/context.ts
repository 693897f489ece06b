import { loadConfig, type TConfig } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import {
  createPersonalDataProtector,
  loadOrCreateSecret,
  type PersonalDataProtector,
} from '../security/personal-data.ts';

export type CliContext = { config: TConfig; db: Db; protector: PersonalDataProtector };

/**
 * Opens what a command needs: configuration, the database (PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded database in the data folder) and the personal-data protector.
 */
export async function openCliContext(): Promise<CliContext> {
  const config = loadConfig();
  const db = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: `${config.dataDir}/db` });
  const protector = createPersonalDataProtector(
    loadOrCreateSecret({ secret: config.secret, dataDir: config.dataDir }),
  );
  return { config, db, protector };
}

/** Runs `fn` with an open context and always closes the database afterwards. */
export async function withCliContext<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openCliContext();
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}
