import type { Context } from 'hono';
import type { TConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { PersonalDataProtector } from '../security/personal-data.ts';
import type { TPrincipal } from './principal.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';

/** Per-request values the middlewares hand to the handlers. */
export type TAppEnv = { Variables: { principal: TPrincipal | null } };

/** What the handlers are built with; one set per app. */
export type TAppDeps = {
  db: Db;
  config: TConfig;
  protector: PersonalDataProtector;
  /** The clock of sessions and lockouts. */
  now: () => Date;
  loginLimiter: SlidingWindowLimiter;
  /** The address a request came from, for rate limits. */
  clientIp: (c: Context<TAppEnv>) => string;
  version: string;
};
