// PLACEHOLDER: to be written (see README.md in this folder for the contract).
import type { NoteFormat } from './types.ts';

export const markdownFormat: NoteFormat = {
  name: 'markdown',
  label: 'markdown headings that ask questions, Q',
  example: '/A: lines and other flashcard syntaxes:## What is a closure?\\nA function that keeps the variables of the scope it was made in.',
  detect: () => 0,
  parse: () => ({ cards: [], warnings: [] }),
};
