export * from './schema';
export * from './apply';
export * from './store';
export * from './resolve';
export * from './read';
