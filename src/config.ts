import { z } from 'zod';

/** Every setting the platform reads from the environment, parsed once at start-up. */
export const ZConfig = z.object({
  /** PostgreSQL server connection string; when absent the embedded PGlite database is used. */
  databaseUrl: z.string().url().optional(),
  /** Folder of the embedded database and of the generated secret key. */
  dataDir: z.string().default('.tuogou'),
  /** HTTP port of the server. */
  port: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Secret for keyed hashes and encryption of personal identifiers (hex, ≥ 32 bytes).
   * When absent, a key is generated once and kept in the data folder.
   */
  secret: z
    .string()
    .regex(/^[0-9a-f]{64,}$/i, 'TUOGOU_SECRET must be at least 64 hexadecimal characters')
    .optional(),
  /** Session lifetime in minutes. */
  sessionMinutes: z.coerce.number().int().min(1).default(480),
  /** CJK font of the work summary's PDF and charts: a file, or `file.ttc#PostScriptName`; found when absent. */
  cjkFont: z.string().optional(),
});
export type TConfig = z.infer<typeof ZConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZConfig.safeParse({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.TUOGOU_DATA_DIR || undefined,
    port: env.PORT || undefined,
    secret: env.TUOGOU_SECRET || undefined,
    sessionMinutes: env.TUOGOU_SESSION_MINUTES || undefined,
    cjkFont: env.TUOGOU_CJK_FONT || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
