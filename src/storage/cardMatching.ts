// Deciding that a card which appeared in a rebuilt deck is an edited version of one that
// disappeared lives in the pure deck-sync planner (src/core/deckSync); re-exported here for the
// storage API that named it first.

export { QUESTION_SIMILARITY_THRESHOLD, isLightlyEditedQuestion, questionSimilarity } from '../core/deckSync/index.ts';
