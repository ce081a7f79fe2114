export * from './settings.ts';
export * from './fsrs.ts';
export * from './day.ts';
export * from './queue.ts';
