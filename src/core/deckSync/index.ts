export * from './planCardSync.ts';
export * from './sameQuestion.ts';
