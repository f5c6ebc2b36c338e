export * from './pattern';
export * from './scripts';
export * from './sync';
export * from './request';
export * from './watch';
export * from './shipped';
