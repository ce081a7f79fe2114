import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoredPairsFormat } from '../../../src/core/formats/scoredPairs.ts';
import { transcriptFormat } from '../../../src/core/formats/transcript.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/notes/${name}`, import.meta.url)), 'utf8');

describe('transcriptFormat on an Interviewer/Me transcript (CRLF, trailing spaces)', () => {
  const text = fixture('transcript/mock-backend-crlf.txt');
  const { cards, warnings } = transcriptFormat.parse(text);

  it('is detected, and not taken for scored pairs', () => {
    expect(text).toContain('\r\n');
    expect(transcriptFormat.detect(text)).toBeGreaterThanOrEqual(0.8);
    expect(scoredPairsFormat.detect(text)).toBeLessThanOrEqual(0.2);
  });

  it('asks only the question, keeping the sentence a back-reference needs', () => {
    expect(cards.map((card) => [card.line, card.front])).toEqual([
      [4, 'What is the difference between a process and a thread?'],
      [
        10,
        'You described a crash in one thread taking down the whole process. How would you isolate that failure in a web server?',
      ],
      [16, 'Explain what an index is and when it hurts write performance.'],
    ]);
  });

  it('takes the whole next turn as the answer, over paragraphs, without wrapping quotes', () => {
    expect(cards[0]!.back).toBe(
      'A process has its own address space; threads share the address space of the process that owns them.\n\n' +
        'They are cheaper to create and switch, but a crash in one thread can take the whole process down.',
    );
    expect(cards[1]!.back).toBe(
      "I'd run workers as separate processes behind a supervisor, so a bad request only kills its own worker.",
    );
  });

  it('warns about a question left without an answer instead of making a card', () => {
    expect(warnings).toEqual([expect.objectContaining({ line: 20, ruleId: 'no-answer' })]);
    expect(warnings[0]!.reason).toContain('How do you size a connection pool?');
  });
});

describe('transcriptFormat with a header, tool noise and a report', () => {
  const text = fixture('transcript/recruiter-with-noise.txt');
  const { cards, warnings } = transcriptFormat.parse(text);

  it('finds the speakers by their turns, not the header fields', () => {
    expect(cards.map((card) => card.front)).toEqual([
      'Can you tell me about a pipeline you built?',
      'How do you handle late-arriving events?',
    ]);
  });

  it('skips the tool call and its reply, and says so', () => {
    expect(cards.some((card) => card.back.includes('anything else on my resume'))).toBe(false);
    expect(warnings).toEqual([{ line: 13, ruleId: 'skipped-noise', reason: '2 turns were skipped as tool noise.' }]);
  });

  it('ends the last answer at the report rule', () => {
    expect(cards[1]!.back).toBe('We keep a two-day reprocessing window and merge late rows by event id.');
  });
});

describe('transcriptFormat with other speaker names', () => {
  it('finds the asking side from its questions, whoever speaks first', () => {
    const text = [
      '**Alex:** Happy to be here.',
      '',
      '**Jordan:** Great. Why did you pick Postgres over MySQL?',
      '',
      '**Alex:** Mostly for its JSONB support and extensions.',
      '',
      '**Jordan:** And how do you run migrations?',
      '',
      '**Alex:** With versioned SQL files applied in CI.',
    ].join('\n');
    expect(transcriptFormat.detect(text)).toBeGreaterThanOrEqual(0.8);
    expect(transcriptFormat.parse(text).cards.map((card) => [card.front, card.back])).toEqual([
      ['Why did you pick Postgres over MySQL?', 'Mostly for its JSONB support and extensions.'],
      ['And how do you run migrations?', 'With versioned SQL files applied in CI.'],
    ]);
  });
});

describe('transcriptFormat.detect on other layouts', () => {
  it('stays low on markdown, STAR-labelled answers and Q1:/A1: pairs', () => {
    const markdown = '# Databases\n\n## What is an index?\n\nA sorted structure.\n\n## What is a join?\n\nA combination of rows.';
    const story = ['Situation: prod was down.', 'Task: restore it.', 'Action: rolled back.', 'Result: 5 min outage.'];
    const star = [...story, '', ...story, '', ...story].join('\n');
    expect(transcriptFormat.detect(markdown)).toBeLessThanOrEqual(0.2);
    expect(transcriptFormat.detect(star)).toBeLessThanOrEqual(0.2);
    expect(transcriptFormat.detect(fixture('scored-pairs/two-tiers-crlf.txt'))).toBeLessThanOrEqual(0.2);
  });
});

describe('transcriptFormat.parse', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = transcriptFormat.parse(text);
        for (const card of result.cards) expect(card.front.trim()).not.toBe('');
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A: ', 'B: ', 'why?', '"', '\n', '\r\n', '====', 'tool_code', ' that ', '. '), { maxLength: 60 }), (parts) => {
        transcriptFormat.parse(parts.join(''));
        transcriptFormat.detect(parts.join(''));
      }),
    );
  });

  it('reads large input: long runs of spaces, thousands of turns (speed: npm run bench:convert)', () => {
    const text = 'Interviewer: What is X?' + ' '.repeat(200_000) + 'ok\nMe: yes\n\n' + ('Interviewer: Great. This allows that. Why?\n\nMe: "' + 'Because. '.repeat(200) + '"\n\n').repeat(2000);
    expect(transcriptFormat.parse(text).cards.length).toBeGreaterThan(1000);
  });
});
