export * from './database';
export * from './events';
export * from './queries';
export * from './day-sums';
export * from './day-sums-read';
