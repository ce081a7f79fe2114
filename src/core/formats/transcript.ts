// PLACEHOLDER: to be written (see README.md in this folder for the contract).
import type { NoteFormat } from './types.ts';

export const transcriptFormat: NoteFormat = {
  name: 'transcript',
  label: 'a speaker transcript (interviewer and candidate turns)',
  example: 'AI Recruiter: What is overfitting?\\nCandidate: When a model learns noise in the training data.',
  detect: () => 0,
  parse: () => ({ cards: [], warnings: [] }),
};
