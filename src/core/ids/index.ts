export * from './regions.ts';
export * from './resident-id.ts';
export * from './uscc.ts';
