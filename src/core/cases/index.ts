/** Decoupling cases: batches and deadlines, the case state machine, the checklist and evidence checks. */

export * from './batches.ts';
export * from './checklist.ts';
export * from './deadlines.ts';
export * from './evidence.ts';
export * from './transitions.ts';
export * from './types.ts';
