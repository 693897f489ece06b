export * from './basis.ts';
export * from './grounds.ts';
export * from './timeline.ts';
export * from './workflow.ts';
export * from './working-days.ts';
