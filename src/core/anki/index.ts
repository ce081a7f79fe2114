export { AnkiPackageError, type AnkiPackageErrorCode } from './errors.ts';
export { readAnkiPackage, type AnkiReaderDeps, type SqlDatabase, type SqlModule } from './readPackage.ts';
export { readAnkiMedia } from './media.ts';
export type * from './types.ts';
export { ankiCardId, ankiPackageToDecks, type AnkiCardOrigin, type AnkiDeckCard, type AnkiDecks, type AnkiRehearseDeck, type AnkiReview, type AnkiReviewKind } from './toDecks.ts';
export { ankiFieldToMarkdown, clozeForNumber, clozeNumbers } from './fieldMarkdown.ts';
export { ankiReviewId, ankiStateWithoutHistory, fsrsAgreement, fsrsAgrees, replayAnkiCard, type AnkiCardReplay, type AnkiStateEvent, type ReplayedAnkiAnswer } from './replayState.ts';
