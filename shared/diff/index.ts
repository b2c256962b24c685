export * from './types';
export * from './design-diff';
export * from './summary';
