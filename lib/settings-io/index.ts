export * from './bundle';
export * from './visitors-csv';
