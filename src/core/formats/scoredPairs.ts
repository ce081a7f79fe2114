// PLACEHOLDER: to be written (see README.md in this folder for the contract).
import type { NoteFormat } from './types.ts';

export const scoredPairsFormat: NoteFormat = {
  name: 'scored-pairs',
  label: 'numbered Q1',
  example: '/A1: pairs with a relevance score:Q1: What is a closure?\\nA1: A function that keeps the variables of the scope it was made in.',
  detect: () => 0,
  parse: () => ({ cards: [], warnings: [] }),
};
