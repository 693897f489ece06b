export * from './classify.ts';
export * from './tracking-code.ts';
export * from './workflow.ts';
