export * from './deck/types.ts';
export * from './deck/cardId.ts';
export * from './deck/deckFromNote.ts';
export * from './errors.ts';
export * from './formats/types.ts';
export * from './formats/registry.ts';
export * from './text/decode.ts';
export * from './text/mojibake.ts';
