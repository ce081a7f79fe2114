import { describe, expect, it } from 'vitest';
import { assignCardIds, deckIdFromFileName, normalizeQuestion, questionIdOf, stableHash } from '../../../src/core/deck/cardId.ts';

describe('assignCardIds', () => {
  it('derives ids from the question only, so editing an answer keeps them', () => {
    // The answer is not an input at all: the same fronts give the same ids, whatever the backs became.
    const before = assignCardIds('ml', ['What is bias?', 'What is variance?']);
    const after = assignCardIds('ml', ['What is bias?', 'What is variance?']);
    expect(after).toEqual(before);
    expect(before[0]).toMatch(/^ml\/[0-9a-z]{13}$/);
  });

  it('keeps an id when other cards are added, removed or reordered around it', () => {
    const [alone] = assignCardIds('ml', ['What is bias?']);
    const ids = assignCardIds('ml', ['New question first?', 'What is variance?', 'What is bias?']);
    expect(ids[2]).toBe(alone);
  });

  it('keys a repeated question by its answer, and a repeat of the same answer by its place among those', () => {
    const ids = assignCardIds('d', ['What is X?', 'Other?', 'What is X?', 'what is x', 'What is X?'], ['One.', 'Two.', 'Three.', 'Four.', 'three']);
    expect(ids[2]).toMatch(new RegExp(`^${ids[0]}~[0-9a-z]{8}$`));
    expect(ids[3]).toMatch(new RegExp(`^${ids[0]}~[0-9a-z]{8}$`));
    expect(ids[4]).toBe(`${ids[2]}~2`); // 'three' folds to the answer of the third card
    expect(ids[1]).not.toBe(ids[0]);
    expect(new Set(ids).size).toBe(5);
  });

  it('names the question of a repeat without its suffix', () => {
    const ids = assignCardIds('my-deck', ['Q?', 'Q?', 'Q?'], ['a', 'b', 'b']);
    expect(ids.map(questionIdOf)).toEqual([ids[0], ids[0], ids[0]]);
  });

  it('changes the id when the question changes', () => {
    const [a, b] = assignCardIds('d', ['What is bias?', 'What is bias in trees?']);
    expect(a).not.toBe(b);
  });

  it('prefixes ids with the deck id', () => {
    const [inA] = assignCardIds('a', ['Same?']);
    const [inB] = assignCardIds('b', ['Same?']);
    expect(inA!.slice(2)).toBe(inB!.slice(2));
    expect(inA!.startsWith('a/')).toBe(true);
  });
});

describe('normalizeQuestion', () => {
  it.each([
    ['case', 'What Is A Closure?', 'what is a closure?'],
    ['spacing and line ends', '  What   is\ta\nclosure ?', 'What is a closure?'],
    ['punctuation', 'What is a closure?!', 'What is a closure'],
    ['markdown marks', 'What is a **closure**?', 'What is a _closure_?'],
    ['curly quotes', 'What does “closure” mean?', 'What does "closure" mean?'],
    ['full-width forms (NFKC)', 'ＷＨＡＴ　ｉｓ　ａ　ｃｌｏｓｕｒｅ？', 'what is a closure'],
  ])('ignores %s', (_what, a, b) => {
    expect(normalizeQuestion(a)).toBe(normalizeQuestion(b));
    expect(assignCardIds('d', [a])).toEqual(assignCardIds('d', [b]));
  });

  it('keeps words and non-Latin text', () => {
    expect(normalizeQuestion('什么是闭包？')).toBe('什么是闭包');
    expect(normalizeQuestion('Was ist eine Schließung?')).toBe('was ist eine schließung');
  });

  // Symbols carry meaning: folding them would give "What is C++?" and "What is C?" one id.
  it('keeps questions apart that differ only by symbols', () => {
    expect(normalizeQuestion('What is C++?')).not.toBe(normalizeQuestion('What is C?'));
    expect(normalizeQuestion('What does `>>` do?')).not.toBe(normalizeQuestion('What does `<<` do?'));
  });
});

describe('stableHash', () => {
  it('is deterministic, 13 base-36 characters, and sensitive to small changes', () => {
    expect(stableHash('abc')).toBe(stableHash('abc'));
    expect(stableHash('abc')).toMatch(/^[0-9a-z]{13}$/);
    expect(stableHash('')).toMatch(/^[0-9a-z]{13}$/);
    expect(stableHash('abc')).not.toBe(stableHash('abd'));
    expect(stableHash('ab')).not.toBe(stableHash('ba'));
  });

  it('has no collisions over a few thousand similar questions', () => {
    const hashes = new Set<string>();
    for (let i = 0; i < 5000; i++) hashes.add(stableHash(`what is question number ${i}`));
    expect(hashes.size).toBe(5000);
  });
});

describe('deckIdFromFileName', () => {
  it.each([
    ['ml-interview-prep-notes.md', 'ml-interview-prep-notes'],
    ['My Notes (2024).MD', 'my-notes-2024'],
    ['C:\\Users\\me\\Décor Notes.txt', 'decor-notes'],
    ['/home/me/decks/GenAI_Questions.txt', 'genai-questions'],
    ['问题.md', '问题'],
    ['---.md', 'deck'],
    ['', 'deck'],
  ])('%s -> %s', (fileName, id) => {
    expect(deckIdFromFileName(fileName)).toBe(id);
  });
});
