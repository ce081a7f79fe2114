import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Heading, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { deckFromNote, prepareNoteText } from '../../../src/core/deck/deckFromNote.ts';
import { markdownFormat } from '../../../src/core/formats/markdown.ts';
import type { RawCard } from '../../../src/core/formats/types.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/notes/markdown/${name}`, import.meta.url)), 'utf8');
const bundledNote = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../decks/${name}`, import.meta.url)), 'utf8');

const byFront = (cards: RawCard[], front: string) => cards.find((card) => card.front === front);

describe('markdownFormat on a note written with CRLF, a BOM and inconsistent headings', () => {
  const raw = fixture('javascript-crlf.md');
  const { cards, warnings } = markdownFormat.parse(raw);

  it('reads the file as it comes: CRLF, BOM, front matter', () => {
    expect(raw.startsWith('\uFEFF')).toBe(true);
    expect(raw.includes('\r\n')).toBe(true);
    for (const card of cards) expect(`${card.front}${card.back}`).not.toMatch(/\r|\uFEFF/);
    expect(markdownFormat.parse(prepareNoteText(raw))).toEqual({ cards, warnings });
  });

  it('makes one card per question heading, whatever its level or indentation', () => {
    expect(cards.map((card) => [card.line, card.front])).toEqual([
      [13, 'What is a closure?'],
      [26, 'Explain the event loop'],
      [31, 'What is **hoisting**?'],
      [38, 'What is the variance of a sum?'],
      [44, 'What is the softmax of a vector?'],
      [51, 'Why use log-sum-exp?'],
    ]);
  });

  it('makes no card of the table of contents that links to the questions', () => {
    expect(cards.filter((card) => card.back.includes('](#'))).toEqual([]);
  });

  it('keeps a fence with `# not a heading` and `Q:` in the answer, and a lower non-question heading too', () => {
    const closure = byFront(cards, 'What is a closure?')!;
    expect(closure.back).toContain('```js\n# not a heading\nQ: not a card either');
    expect(closure.back).toContain('#### Example in practice\nCounters, memoized helpers.');
    expect(closure.back).not.toContain('SR:');
    expect(closure.back).not.toContain('Explain the event loop');
  });

  it('drops tool comments from fronts', () => {
    expect(cards.some((card) => card.front.includes('<!--'))).toBe(false);
  });

  it('gives sections from enclosing non-question headings', () => {
    expect(byFront(cards, 'Explain the event loop')!.section).toEqual(['JavaScript notes', 'Basics']);
    expect(byFront(cards, 'What is the softmax of a vector?')!.section).toEqual(['JavaScript notes', 'Math']);
  });

  it('warns about a question with no answer instead of making a card, and about text a rule left out', () => {
    expect(warnings).toEqual([
      { line: 29, ruleId: 'no-answer', reason: expect.stringContaining('typeof null') },
      { line: 55, ruleId: 'text-after-rule', reason: expect.stringContaining('Why use log-sum-exp?') },
    ]);
  });

  it('keeps math, tables, lists, emphasis and images as written', () => {
    expect(byFront(cards, 'What is hoisting?')).toBeUndefined();
    expect(byFront(cards, 'What is **hoisting**?')!.back).toContain('\t- `let` and `const` are in the temporal dead zone');
    expect(byFront(cards, 'Explain the event loop')!.back).toContain('*all* microtasks');
    const softmax = byFront(cards, 'What is the softmax of a vector?')!.back;
    expect(softmax).toContain('$\\sigma(z)_i = e^{z_i} / \\sum_j e^{z_j}$');
    expect(softmax).toContain('| z | softmax |\n|---|---------|');
    expect(byFront(cards, 'Why use log-sum-exp?')!.back).toBe('To avoid overflow.\n![stable](img/lse.png)');
  });

  it('ends an answer at a horizontal rule', () => {
    expect(cards.some((card) => card.back.includes('closing thoughts'))).toBe(false);
  });

  it('survives a closing `$$` followed by an invisible character, which swallows headings in a whole-file parse', () => {
    const text = prepareNoteText(raw);
    const tree = unified().use(remarkParse).use(remarkGfm).use(remarkMath).parse(text) as Root;
    const headingLines: number[] = [];
    visit(tree, 'heading', (node: Heading) => {
      headingLines.push(node.position!.start.line);
    });
    // The trap is real: remark-math takes everything after line 39 as one math block.
    expect(headingLines.some((line) => line > 40)).toBe(false);
    const variance = byFront(cards, 'What is the variance of a sum?')!;
    expect(variance.back.startsWith('$$\n\\mathrm{Var}(X+Y)')).toBe(true);
    expect(variance.back.endsWith('For independent X and Y the covariance is zero.')).toBe(true);
    expect(cards.filter((card) => card.line > 40)).toHaveLength(2);
  });

  it('is detected as markdown', () => {
    expect(markdownFormat.detect(raw)).toBeGreaterThanOrEqual(0.6);
  });
});

describe('markdownFormat on notes that are not in English', () => {
  it('reads Chinese headings ending in a full-width question mark or 吗', () => {
    const { cards } = markdownFormat.parse(fixture('chinese.md'));
    expect(cards.map((card) => [card.front, card.back, card.section])).toEqual([
      ['什么是过拟合？', '模型在训练集上表现很好，但在测试集上表现差。', ['机器学习面试']],
      ['正则化有用吗', '可以减少过拟合，例如 L1 和 L2。', ['机器学习面试']],
    ]);
  });

  it('reads French, Spanish and German questions, and leaves a plain heading alone', () => {
    const { cards } = markdownFormat.parse(fixture('european.md'));
    expect(cards.map((card) => card.front)).toEqual([
      "Qu'est-ce qu'une fermeture ?",
      '¿Qué es un cierre',
      'Warum ist der Himmel blau',
    ]);
    expect(cards.some((card) => card.back.includes('Rien à apprendre'))).toBe(false);
  });
});

describe('markdownFormat with inline flashcard syntaxes', () => {
  const { cards } = markdownFormat.parse(fixture('inline-mixed.md'));

  it('reads Q:/A: lines before the first heading and under non-question headings', () => {
    expect(byFront(cards, 'What does DNS stand for?')).toMatchObject({ back: 'Domain Name System.', line: 2 });
    expect(byFront(cards, 'What is idempotence?')).toMatchObject({ line: 8, section: ['Networking', 'Vocabulary'] });
  });

  it('leaves Q:/A: lines inside a heading question’s answer in that answer', () => {
    const handshake = byFront(cards, 'What is a TCP handshake?')!;
    expect(handshake.back).toContain('Q: Is this line part of the answer above?');
    expect(byFront(cards, 'Is this line part of the answer above?')).toBeUndefined();
    expect(cards.map((card) => card.line)).toEqual([2, 8, 11]);
  });
});

describe('markdownFormat heading rules', () => {
  const parse = (text: string) => markdownFormat.parse(text);

  it('strips Q:, Q4:, Q4- labels, wrapping quotes and emphasis around the label', () => {
    const { cards } = parse(
      [
        '## Q: What is A?', 'a', '## Q4: What is B?', 'b', '## Q5- Explain C', 'c',
        '## **Q6:** What is D?', 'd', '## “What is E?”', 'e', '## Q: "Tabs" or "spaces"', 't', '## Q: Why F?"', 'f',
        '## Q-learning in one line', 'g',
      ].join('\n'),
    );
    expect(cards.map((card) => card.front)).toEqual([
      'What is A?', 'What is B?', 'Explain C', 'What is D?', 'What is E?', '"Tabs" or "spaces"', 'Why F?',
    ]);
    // `Q-learning` is a topic, not a label; it ends the previous answer.
    expect(cards.at(-1)!.back).toBe('f');
  });

  it('keeps a deeper prompt-like heading inside the answer, but starts a card at a deeper `?` or `Q:`', () => {
    const { cards } = parse(
      ['### Q: How do you pick a model?', 'Start simple.', '#### How I benchmark them', 'Offline first.', '#### Why not always XGBoost?', 'Latency.'].join('\n'),
    );
    expect(cards.map((card) => card.front)).toEqual(['How do you pick a model?', 'Why not always XGBoost?']);
    expect(cards[0]!.back).toBe('Start simple.\n#### How I benchmark them\nOffline first.');
  });

  it('ends an answer at a non-question heading of the same or a higher level', () => {
    const { cards } = parse(['# Part 1', '### What is X?', 'x', '# Part 2', 'prose', '### What is Y?', 'y', '## Part 2.1', '### What is Z?', 'z'].join('\n'));
    expect(cards.map((card) => [card.front, card.back, card.section])).toEqual([
      ['What is X?', 'x', ['Part 1']],
      ['What is Y?', 'y', ['Part 2']],
      ['What is Z?', 'z', ['Part 2', 'Part 2.1']],
    ]);
  });

  it('keeps a section titled at the questions’ own level, and ignores headings that only hold notes', () => {
    const { cards } = parse(
      ['## Batch', '#### A. Core', '#### Q: One?', '1', '#### Summary:', 'notes', '#### Q: Two?', '2'].join('\n'),
    );
    expect(cards.map((card) => card.section)).toEqual([['Batch', 'A. Core'], ['Batch', 'A. Core']]);
    expect(cards[0]!.back).toBe('1');
  });

  it('takes a one-line follow-up prompt under the heading into the front, but not a `Label:` line', () => {
    const { cards } = parse(
      ['## How do you pick features?', 'Give an example if possible.', '', 'Domain knowledge.', '## What is drift?', 'Looking for: PSI, KS tests', '', 'A change in the data.'].join('\n'),
    );
    expect(cards.map((card) => card.front)).toEqual(['How do you pick features? Give an example if possible.', 'What is drift?']);
    expect(cards[0]!.back).toBe('Domain knowledge.');
    expect(cards[1]!.back.startsWith('Looking for: PSI')).toBe(true);
  });

  it('treats a `Q:` heading that is only a label as a story whose question is inferred', () => {
    const { cards } = parse(['## Q: What went wrong?', 'A lot.', '## Q: S – Situation:', 'The model drifted.', 'T – Task: fix it.'].join('\n'));
    expect(cards[1]).toMatchObject({ frontInferred: true, line: 3, back: 'S – Situation:\nThe model drifted.\nT – Task: fix it.' });
    expect(cards[1]!.front.length).toBeGreaterThan(0);
    expect(cards[0]!.back).toBe('A lot.');
  });

  it('reads every heading’s markdown on a note with hundreds of headings', () => {
    const text = Array.from({ length: 600 }, (_, i) => `## Q: What is **x${i}**? <!--ID: ${i}-->\nAnswer ${i}.`).join('\n');
    const { cards } = parse(text);
    expect(cards).toHaveLength(600);
    expect(cards.map((card) => card.front)).toEqual(Array.from({ length: 600 }, (_, i) => `What is **x${i}**?`));
    expect(cards[599]).toMatchObject({ line: 1199, back: 'Answer 599.' });
  });

  it('ignores headings inside a multi-line HTML comment and lines of seven `#`', () => {
    const { cards } = parse(['<!--', '## What is hidden?', 'x', '-->', '####### What is too deep?', 'y', '## What is shown?', 'z'].join('\n'));
    expect(cards.map((card) => card.front)).toEqual(['What is shown?']);
  });
});

describe('markdownFormat.detect', () => {
  it('is low for plain text without headings or inline syntaxes', () => {
    const prose = 'Interview went fine.\nThey asked about caching and queues.\nFollow up next week?\n';
    expect(markdownFormat.detect(prose)).toBeLessThanOrEqual(0.3);
  });

  it('is low for headings that ask nothing, and for `#` comments inside code', () => {
    expect(markdownFormat.detect('# Report\n## Strengths\ntext\n## Gaps\ntext\n')).toBeLessThanOrEqual(0.3);
    expect(markdownFormat.detect('```py\n# What does this do?\nx = 1\n```\n')).toBeLessThanOrEqual(0.3);
  });

  it('is high for many question headings', () => {
    const text = Array.from({ length: 6 }, (_, i) => `## Q${i + 1}: What is item ${i}?\nAnswer ${i}.`).join('\n\n');
    expect(markdownFormat.detect(text)).toBeGreaterThanOrEqual(0.9);
  });

  it('rises with dense inline syntaxes but stays moderate without headings', () => {
    const inline = 'Q: What is 2+2?\nA: 4\n\nQ: What is 3+3?\nA: 6\n';
    const confidence = markdownFormat.detect(inline);
    expect(confidence).toBeGreaterThan(0.3);
    expect(confidence).toBeLessThanOrEqual(0.6);
  });
});

describe('markdownFormat on the bundled interview notes (mojibake, 3,400 lines)', () => {
  const text = prepareNoteText(bundledNote('ml-interview-prep-notes.md'));
  const { cards, warnings } = markdownFormat.parse(text);

  it('finds the question headings after the `$$` that a whole-file parse swallows', () => {
    const zeroWidthClose = text.split('\n').findIndex((line) => /^\$\$\u200b/.test(line)) + 1;
    expect(zeroWidthClose).toBeGreaterThan(0);
    const lines = text.split('\n');
    const labelledAfter = lines
      .map((line, i) => ({ line, number: i + 1 }))
      .filter(({ line, number }) => number > zeroWidthClose && /^ {0,3}#{1,6}[ \t]+Q\d*[ \t]*[:-]/.test(line));
    expect(labelledAfter.length).toBeGreaterThan(30);
    const reported = new Set([...cards.map((card) => card.line), ...warnings.map((warning) => warning.line)]);
    expect(labelledAfter.filter(({ number }) => !reported.has(number))).toEqual([]);
  });

  it('has no empty fronts, no heading marks or labels left in fronts, and reports empty questions', () => {
    expect(cards.length).toBeGreaterThan(130);
    for (const card of cards) {
      expect(card.front.trim()).not.toBe('');
      expect(card.front).not.toMatch(/^(#|Q\d*\s*[:\-])/);
      expect(card.back.trim()).not.toBe('');
    }
    expect(warnings.filter((warning) => warning.ruleId === 'no-answer').length).toBeGreaterThanOrEqual(1);
  });

  it('is the layout deckFromNote picks', () => {
    const deck = deckFromNote({ fileName: 'ml-interview-prep-notes.md', text: bundledNote('ml-interview-prep-notes.md') });
    expect(deck.layouts).toEqual(['markdown']);
    expect(deck.cards).toHaveLength(cards.length);
  });

  // Speed and linearity are measured by `npm run bench:convert`, not asserted here.
  it('parses a 20× repetition into 20× the cards', () => {
    const large = markdownFormat.parse(text.repeat(20));
    expect(large.cards).toHaveLength(20 * cards.length);
    expect(large.cards.at(-1)!.front).toBe(cards.at(-1)!.front);
  });
});

describe('markdownFormat.parse never throws', () => {
  it('on arbitrary markdown-ish text', () => {
    const pieces = fc.constantFrom(
      '#', '## ', '### Q: ', 'Q:', 'A:', '?', '？', '吗', '\n', '\r\n', '\n\n', '```', '~~~', '$$', '$', '---', '***',
      '.....', '<!--', '-->', '<!--SR:!2024-01-01,1,230-->', '“', '”', '"', '**', '_', '|', '- ', '1. ', '\t', '  ',
      'What is x', 'Explain y', 'answer text', '::', '>>', '==c==', '{{c1::x}}', '<details>', '\uFEFF', '\u200b',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')), (text) => {
        const result = markdownFormat.parse(text);
        for (const card of result.cards) expect(card.front.trim()).not.toBe('');
        const confidence = markdownFormat.detect(text);
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a horizontal rule inside an answer', () => {
  it('ends the answer and says the text after it is in no card', () => {
    const result = markdownFormat.parse('## What is a heap?\n\nA tree with the heap property.\n\n---\n\nPro tip: say "priority queue".\n\n## What is a trie?\n\nA prefix tree.\n');
    expect(result.cards.map((card) => card.back)).toEqual(['A tree with the heap property.', 'A prefix tree.']);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 5, ruleId: 'text-after-rule', reason: expect.stringContaining('What is a heap?') }),
    ]);
  });

  it('says nothing when only blank lines follow the rule', () => {
    const result = markdownFormat.parse('## What is a heap?\n\nA tree.\n\n---\n\n## What is a trie?\n\nA prefix tree.\n');
    expect(result.warnings.filter((w) => w.ruleId === 'text-after-rule')).toEqual([]);
  });
});
