export * from './schema';
export * from './rows';
export * from './csv';
export * from './json';
export * from './export-weeks';
export * from './filename';
export { localIsoDate, monthOfWeek } from './dates';
export * from './ranges';
