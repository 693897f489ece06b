export * from './catalog.ts';
export * from './dates.ts';
export * from './engine.ts';
export * from './facts.ts';
export * from './packs.ts';
export { type DecideScopeOptions, decideScope } from './scope.ts';
export * from './types.ts';
