export * from './errors.ts';
export * from './db.ts';
export * from './syncDecks.ts';
export * from './reviews.ts';
export * from './settings.ts';
export * from './queries.ts';
export { questionSimilarity } from './cardMatching.ts';
export * from './bundledDecks.ts';
