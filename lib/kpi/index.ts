export * from './definitions';
export type * from './snapshot-types';
export * from './settings';
export * from './periods';
export * from './pace';
export * from './snapshot';
export * from './visitors';
