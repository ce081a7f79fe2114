// Pinned card ids. A card's id keys its schedule and its whole review history in every user's
// IndexedDB: if this test fails, the id rule changed and every collection would be re-keyed on
// the next sync. Do not update the expected values; bring the old ids back instead (or write a
// migration that carries every card over, and say so loudly).
import { describe, expect, it } from 'vitest';
import { assignCardIds, normalizeQuestion, stableHash } from '../../../src/core/deck/cardId.ts';

// Fronts as the converter cuts them from the bundled decks in decks/ (today's build).
const PINNED: Array<[deckId: string, front: string, id: string]> = [
  ['ml-interview-prep-notes', 'How do you decide whether a problem should be modeled as regression, classification, or ranking?', 'ml-interview-prep-notes/0oarskg19v4r0'],
  ['ml-interview-prep-notes', 'How do you monitor model performance in production?', 'ml-interview-prep-notes/0796rxq1ytsb7'],
  ['ml-interview-prep-notes', 'What are the limitations of PPO in RLHF training?', 'ml-interview-prep-notes/0josuj20c7mz9'],
  ['ml-interview-prep-notes', 'Tell me about a data pipeline you built', 'ml-interview-prep-notes/0a17sxz0n5vh2'],
  ['genai-interview-questions', 'Explain the self-attention mechanism in transformers and how it differs from traditional RNN attention.', 'genai-interview-questions/1uv0i570sd8jc'],
  ['genai-interview-questions', 'Tell me about a time when you had to implement a generative AI solution under tight deadlines. How did you manage it?', 'genai-interview-questions/1gqihy21i0y8m'],
  [
    'technical-answers-by-quality',
    'Your resume mentions an internship at "Small Company" where you "helped with some Python scripts." Can you tell me more about the specific Python scripts you worked on and what your contributions were? What was the most challenging aspect of that experience for you?',
    'technical-answers-by-quality/12iy7w4023615',
  ],
];

describe('pinned card ids (a change re-keys every collection)', () => {
  it.each(PINNED)('%s: %s', (deckId, front, id) => {
    expect(assignCardIds(deckId, [front])).toEqual([id]);
  });

  it('the same ids when each card sits among others, with its answer known', () => {
    const fronts = PINNED.filter(([deck]) => deck === 'ml-interview-prep-notes').map(([, front]) => front);
    const ids = assignCardIds('ml-interview-prep-notes', fronts);
    expect(ids).toEqual(PINNED.filter(([deck]) => deck === 'ml-interview-prep-notes').map(([, , id]) => id));
  });

  it('pins the hash and the normalization under it', () => {
    expect(stableHash('what is a closure')).toBe('0l1zofj197yi7');
    expect(normalizeQuestion('What is a **closure**?')).toBe('what is a closure');
    expect(normalizeQuestion('  What’s “C++”,  really?! ')).toBe("what s c++ really");
  });

  it('the first copy of a repeated question keeps the id it would have alone', () => {
    const [alone] = assignCardIds('d', ['What is X?']);
    const ids = assignCardIds('d', ['What is X?', 'Other?', 'What is X?']);
    expect(ids[0]).toBe(alone);
  });
});
