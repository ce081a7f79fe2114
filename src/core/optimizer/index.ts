export * from './trainingData.ts';
export * from './evaluate.ts';
export * from './readiness.ts';
export * from './simulate.ts';
export * from './columns.ts';
