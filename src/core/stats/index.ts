export * from './types.ts';
export * from './dayWindow.ts';
export * from './reviews.ts';
export * from './calendar.ts';
export * from './retention.ts';
export * from './forecast.ts';
export * from './cards.ts';
export * from './collectionStats.ts';
