import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberedFormat } from '../../../src/core/formats/numbered.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/notes/numbered/${name}`, import.meta.url)), 'utf8');
// The other layouts: the notes in decks/ (the same bytes as ../shared/notes, which is not always there).
const deckNote = (name: string) => readFileSync(fileURLToPath(new URL(`../../../decks/${name}`, import.meta.url)), 'utf8');

describe('numberedFormat on a PDF export (CRLF, tabs, trailing spaces)', () => {
  const text = fixture('cpp-interview.txt');
  const { cards, warnings } = numberedFormat.parse(text);

  it('is detected with high confidence', () => {
    expect(text).toContain('\r\n');
    expect(numberedFormat.detect(text)).toBeGreaterThanOrEqual(0.8);
  });

  it('makes one card per question, numbering restarting under each section title', () => {
    expect(cards.map((c) => [c.section, c.line, c.front])).toEqual([
      [['Language Basics'], 8, 'What is the difference between std::vector and std::list?'],
      [['Language Basics'], 17, 'Explain RAII and give an example.'],
      [['Language Basics'], 38, 'How do you build a project with CMake?'],
      [['Language Basics'], 45, 'Describe move semantics and when the compiler generates a move constructor.'],
      [['Algorithms'], 59, 'Explain the average and worst-case complexity of quicksort.'],
      [['Algorithms'], 62, 'What is a stable sort?'],
    ]);
  });

  it('keeps the answer as written: sub-headings, bold bullets, std:: names', () => {
    expect(cards[0]!.back).toBe(
      [
        'Memory Layout',
        '',
        'std::vector stores its elements contiguously; std::list is a doubly linked list.',
        '',
        '- **Cache:** a vector iterates much faster',
        '- **Insertion:** a list inserts in $O(1)$ given an iterator',
      ].join('\n'),
    );
  });

  it('leaves numbered steps and numbered lines inside code in the answer', () => {
    const raii = cards[1]!.back;
    expect(raii).toContain('1. Acquire in the constructor\n\n2. Use the object\n\n3. Release in the destructor');
    expect(raii).toContain('```\nstd::vector<int> v;\n1. this line is inside code, not a question\n\n2. neither is this\n');
    expect(raii).toContain('\tstd::lock_guard<std::mutex> lock(m);');
    expect(raii.endsWith('}\n```')).toBe(true);
    expect(cards[2]!.back).toBe('Steps:\n1. Create a build directory\n2. Run cmake ..\n3. Run make');
  });

  it('joins a question wrapped after a blank line and keeps $$ math in its answer', () => {
    expect(cards[3]!.back).toBe(
      'A move transfers ownership of resources instead of copying them.\n\n$$\nT(T\\&\\&\\ other) \\quad \\text{noexcept}\n$$',
    );
  });

  it('stops an answer before the next section title and never leaks \\r', () => {
    expect(cards.every((c) => !/\r/.test(c.front + c.back))).toBe(true);
    expect(cards.some((c) => c.back.includes('Algorithms'))).toBe(false);
    expect(cards[4]!.back).toBe('Average $O(n \\log n)$, worst $O(n^2)$ when the pivot is always the smallest element.');
  });

  it('reports a question with no answer as a warning, not a card', () => {
    expect(warnings).toEqual([expect.objectContaining({ line: 55, ruleId: 'no-answer' })]);
    expect(cards.some((c) => c.front.includes('dangling'))).toBe(false);
  });
});

describe('numberedFormat choosing questions among numbered lines', () => {
  it('does not restart on a numbered list of prompts inside an answer when the outer numbering goes on', () => {
    const text = [
      '1. How would you design a cache?',
      'Plan',
      'We work in three steps.',
      '1. Design the schema',
      'Keys are user ids.',
      '2. Implement the cache layer',
      'Use read-through.',
      '2. What is cache stampede?',
      'Many misses at once for the same key.',
    ].join('\n');
    const { cards } = numberedFormat.parse(text);
    expect(cards.map((c) => c.front)).toEqual(['How would you design a cache?', 'What is cache stampede?']);
    expect(cards[0]!.back).toContain('2. Implement the cache layer\nUse read-through.');
  });

  it('prefers the real question when a step shares its number', () => {
    const text = [
      '1. What is gradient descent?',
      'An optimizer. Steps:',
      '2. Compute the gradient of the loss',
      'with respect to the weights.',
      '3. Update the weights',
      '2. What is a learning rate?',
      'The step size.',
      '3. Why normalize inputs?',
      'Faster convergence.',
    ].join('\n');
    const { cards } = numberedFormat.parse(text);
    expect(cards.map((c) => c.front)).toEqual([
      'What is gradient descent?',
      'What is a learning rate?',
      'Why normalize inputs?',
    ]);
    expect(cards[0]!.back).toContain('3. Update the weights');
  });

  it('keeps going over a skipped number', () => {
    const text = '1. What is TCP?\nA protocol.\n\n2. What is UDP?\nAnother one.\n\n4. What is QUIC?\nUDP based.';
    expect(numberedFormat.parse(text).cards.map((c) => c.front)).toEqual(['What is TCP?', 'What is UDP?', 'What is QUIC?']);
  });

  it('keeps a second run of questions whose section title it cannot recognise', () => {
    const text = [
      '1. What is a process?', 'A running program.', '2. What is a thread?', 'A unit of execution.',
      'Part two: networking, sockets and the questions about them that follow here.',
      '1. What is a socket?', 'An endpoint.', '2. What is a port?', 'A number.',
    ].join('\n');
    const { cards } = numberedFormat.parse(text);
    expect(cards.map((c) => c.front)).toEqual(['What is a process?', 'What is a thread?', 'What is a socket?', 'What is a port?']);
    expect(cards[1]!.back).toBe('A unit of execution.\nPart two: networking, sockets and the questions about them that follow here.');
  });

  it('reads a page-cut question ending on a hyphen or a dangling word', () => {
    const text = '1. Tell me about a time you explained a model to non-\n\ntechnical people.\nI used a demo.\n\n2. What is the difference between\nbagging and boosting?\nVariance vs bias.';
    expect(numberedFormat.parse(text).cards.map((c) => [c.front, c.back])).toEqual([
      ['Tell me about a time you explained a model to non-technical people.', 'I used a demo.'],
      ['What is the difference between bagging and boosting?', 'Variance vs bias.'],
    ]);
  });
});

describe('numberedFormat.detect', () => {
  it('stays low on a markdown note with headings and numbered lists', () => {
    const text = [
      '# Python',
      '## What is a decorator?',
      'A function that wraps another.',
      '1. Define the wrapper',
      '2. Return it',
      '## What is a generator?',
      '1. What does yield do?',
      'It pauses the function.',
      '2. What does next do?',
      'It resumes it.',
      '3. How do you stop one?',
      'Return or raise StopIteration.',
    ].join('\n');
    expect(numberedFormat.detect(text)).toBeLessThanOrEqual(0.2);
  });

  it('stays low on a plain numbered to-do list', () => {
    expect(numberedFormat.detect('Groceries\n\n1. Buy milk\n2. Buy eggs\n3. Call mum\n')).toBeLessThanOrEqual(0.2);
  });

  it('is not fooled by "# comments" inside code fences', () => {
    const text = fixture('cpp-interview.txt').replace('```\r\nstd::vector', '```\r\n# include\r\n# pragma once\r\nstd::vector');
    expect(numberedFormat.detect(text)).toBeGreaterThanOrEqual(0.8);
  });

  const others = ['ai-recruiter-interview-transcript.txt', 'technical-answers-by-quality.txt', 'ml-interview-prep-notes.md', 'lead-data-scientist-critique.txt'];
  it('stays low on the other layouts in decks/', () => {
    for (const name of others) {
      expect(numberedFormat.detect(deckNote(name)), name).toBeLessThanOrEqual(0.2);
    }
  });
});

describe('numberedFormat never throws', () => {
  it('on empty, blank and odd text', () => {
    for (const text of ['', '\n\n', '1.', '1. ', '1. ?', '```\n1. What?', '1. What?\n```', '\r\r\r1. Why?\r']) {
      expect(() => numberedFormat.parse(text)).not.toThrow();
      expect(() => numberedFormat.detect(text)).not.toThrow();
    }
  });

  it('on arbitrary line soups, and every card it makes has a front and a back', () => {
    const line = fc.oneof(
      fc.constantFrom('', 'Section Title', '```', '$$', '- **Lead:** text', 'What?', 'and more words here.'),
      fc.tuple(fc.integer({ min: 0, max: 12 }), fc.string({ maxLength: 30 })).map(([n, s]) => `${n}. ${s}`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const { cards } = numberedFormat.parse(lines.join('\n'));
        for (const card of cards) {
          expect(card.front.trim()).not.toBe('');
          expect(card.back.trim()).not.toBe('');
        }
      }),
    );
  });
});
