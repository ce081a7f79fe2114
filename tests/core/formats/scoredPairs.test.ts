import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoredPairsFormat } from '../../../src/core/formats/scoredPairs.ts';
import { transcriptFormat } from '../../../src/core/formats/transcript.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/notes/${name}`, import.meta.url)), 'utf8');

describe('scoredPairsFormat on tiers, candidates and scores (CRLF, trailing spaces)', () => {
  const text = fixture('scored-pairs/two-tiers-crlf.txt');
  const { cards, warnings } = scoredPairsFormat.parse(text);

  it('is detected, and not taken for a transcript although it names a "Candidate:"', () => {
    expect(text).toContain('\r\n');
    expect(scoredPairsFormat.detect(text)).toBeGreaterThanOrEqual(0.8);
    expect(transcriptFormat.detect(text)).toBeLessThanOrEqual(0.2);
  });

  it('asks the real question, keeping the context sentence "that API" points to', () => {
    expect(cards.map((card) => [card.line, card.front])).toEqual([
      [8, 'I see you maintained a payments API at FinCo. Could you walk me through how you versioned that API?'],
      [20, 'Explain the difference between optimistic and pessimistic locking. Think about contention.'],
      [36, 'What does an error budget mean to you?'],
    ]);
  });

  it('keeps tier, candidate, role and score with each card', () => {
    expect(cards.map((card) => [card.section, card.tier, card.candidate, card.role, card.score])).toEqual([
      [['WEAK CANDIDATES', 'Priya Nair - Backend Engineer'], 'WEAK CANDIDATES', 'Priya Nair', 'Backend Engineer', 0.35],
      [['WEAK CANDIDATES', 'Priya Nair - Backend Engineer'], 'WEAK CANDIDATES', 'Priya Nair', 'Backend Engineer', 0.9],
      [['STRONG CANDIDATES', 'Omar Haddad - SRE'], 'STRONG CANDIDATES', 'Omar Haddad', 'SRE', 1],
    ]);
  });

  it('ends the answer before its score line, over paragraphs, without wrapping quotes', () => {
    expect(cards[0]!.back).toBe('We put the version in the URL. Old versions stayed up for six months.');
    expect(cards[1]!.back).toBe(
      'Optimistic locking checks a version on write and retries on conflict.\n\n' +
        'Pessimistic locking takes the lock up front, which is safer under heavy contention.',
    );
    expect(cards.some((card) => /Relevance Score|~~~/.test(card.back))).toBe(false);
  });

  it('warns about a question with no answer instead of making a card', () => {
    expect(warnings).toEqual([expect.objectContaining({ line: 43, ruleId: 'no-answer' })]);
  });
});

describe('scoredPairsFormat without banners', () => {
  it('reads plain pairs and flags an answer numbered differently', () => {
    const text = 'Q1: What is a closure?\nA1: A function that keeps its scope.\nRelevance Score: 0.5\n\nQ2: Why use one?\nA3: To hide state.\nScore: 0.7\n';
    const { cards, warnings } = scoredPairsFormat.parse(text);
    expect(cards.map((card) => [card.front, card.back, card.score, card.section])).toEqual([
      ['What is a closure?', 'A function that keeps its scope.', 0.5, undefined],
      ['Why use one?', 'To hide state.', 0.7, undefined],
    ]);
    expect(warnings.map((warning) => warning.ruleId)).toEqual(['mismatched-number']);
  });
});

describe('scoredPairsFormat.detect on other layouts', () => {
  it('stays low on transcripts, markdown and numbered questions', () => {
    expect(scoredPairsFormat.detect(fixture('transcript/recruiter-with-noise.txt'))).toBeLessThanOrEqual(0.2);
    expect(scoredPairsFormat.detect('## What is a closure?\n\nA function that keeps its scope.')).toBeLessThanOrEqual(0.2);
    expect(scoredPairsFormat.detect('1. What is a closure?\nA function.\n2. What is a thunk?\nA delayed call.')).toBeLessThanOrEqual(0.2);
  });
});

describe('scoredPairsFormat.parse', () => {
  it('never throws and never makes an empty front', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Q1: ', 'A1: ', 'Q2:', 'A2:', 'Relevance Score: 0.1', '====', '----', '~~~~', 'Candidate: X - Y', 'why?', '"', '\n', '\r\n', ' '), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        scoredPairsFormat.detect(text);
        for (const card of scoredPairsFormat.parse(text).cards) expect(card.front.trim()).not.toBe('');
      }),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void scoredPairsFormat.parse(text)));
  });

  it('reads large input: long runs of spaces, thousands of turns (speed: npm run bench:convert)', () => {
    const text = 'Q1: What ' + ' '.repeat(200_000) + 'is X?\nA1: yes\nScore: 1\n' + ('Q2: Thanks. Can you explain this?\nA2: "' + 'Words. '.repeat(200) + '"\nRelevance Score: 0.5\n~~~~\n').repeat(2000);
    expect(scoredPairsFormat.parse(text).cards.length).toBeGreaterThan(1000);
  });
});
