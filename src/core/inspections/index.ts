export * from './canonical.ts';
export * from './draw.ts';
export * from './inspectors.ts';
export * from './results.ts';
