import type { RouteHandler } from '@hono/zod-openapi';
import type { TAppEnv } from '../env.ts';
import type { ROUTES, TRouteId } from '../routes.ts';

/** One handler per route of the table, each typed by its route's schemas. */
export type THandlers = { [K in TRouteId]: RouteHandler<(typeof ROUTES)[K]['route'], TAppEnv> };

export type THandlersOf<K extends TRouteId> = Pick<THandlers, K>;
