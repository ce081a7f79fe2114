// PLACEHOLDER: to be written (see README.md in this folder for the contract).
import type { NoteFormat } from './types.ts';

export const numberedFormat: NoteFormat = {
  name: 'numbered',
  label: 'numbered questions under plain section titles',
  example: '1. What is a hash map?\\nA table that maps keys to values through a hash function.:',
  detect: () => 0,
  parse: () => ({ cards: [], warnings: [] }),
};
