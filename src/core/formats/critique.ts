// PLACEHOLDER: to be written (see README.md in this folder for the contract).
import type { NoteFormat } from './types.ts';

export const critiqueFormat: NoteFormat = {
  name: 'critique',
  label: 'a critique with quoted model answers',
  example: '- Missing depth. The answer did not name the trade-off.\\n\"A model answer in quotes, as an interviewer would like to hear it.\":',
  detect: () => 0,
  parse: () => ({ cards: [], warnings: [] }),
};
