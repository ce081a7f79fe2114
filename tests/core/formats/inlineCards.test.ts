import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineCardDensity, inlineCardsFromMarkdown } from '../../../src/core/formats/inlineCards.ts';
import type { RawCard } from '../../../src/core/formats/types.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/notes/inline/${name}`, import.meta.url), 'utf8');

/** [line, front, back] (and `cloze` when the card is one), the shape most assertions need. */
const brief = (cards: RawCard[]) =>
  cards.map((card) => (card.kind === 'cloze' ? [card.line, 'cloze', card.front] : [card.line, card.front, card.back]));

const read = (markdown: string, firstLine = 1, section: string[] = []) =>
  inlineCardsFromMarkdown(markdown, firstLine, section);

describe('Q:/A: lines (qa-lines.md: BOM, CRLF, trailing spaces, bold, fences)', () => {
  const { cards, warnings } = read(fixture('qa-lines.md'), 1, ['Basics']);

  it('reads every answered question, labels stripped, answers as written', () => {
    expect(brief(cards)).toEqual([
      [1, 'What is a closure?', 'A function that keeps the variables of the scope it was made in.'],
      [
        4,
        'What does `std::vector<int>` give you?',
        'A growable array. Use `std::vector::push_back` to add.\n' +
          'It keeps elements contiguous, so std::vector is cache-friendly.\n' +
          '- O(1) amortized append\n- O(n) insert in the middle',
      ],
      [
        10,
        "What does this print?\n```python\n# Q: not a question\nprint('a::b')\n\nprint('>> not remnote')\n```",
        '`a::b`, a blank line, then `>> not remnote`.',
      ],
      [19, 'Whole line in bold?', 'Also bold.'],
      [22, 'Multi-paragraph answer?', 'First paragraph.\n\nSecond paragraph, still the answer because another question follows.'],
      [31, 'Numbered with a dash?', 'Yes.'],
      [34, 'Compact?', 'On one line.'],
      [36, 'Last one?', 'Last answer.'],
    ]);
  });

  it('warns about the question with no answer instead of making a card', () => {
    expect(warnings).toEqual([expect.objectContaining({ line: 27, ruleId: 'no-answer' })]);
    expect(warnings[0]!.reason).toContain('What is left without an answer?');
  });

  it('puts the section on every card', () => {
    expect(cards.every((card) => card.section?.join('/') === 'Basics')).toBe(true);
  });

  it('keeps prose after the last answer out of it', () => {
    expect(cards.at(-1)!.back).not.toContain('Trailing prose');
  });
});

describe('Q:/A: in lists (qa-lists.md)', () => {
  const { cards, warnings } = read(fixture('qa-lists.md'));

  it('reads questions in items, answers in the next item, tab-indented nesting', () => {
    expect(brief(cards)).toEqual([
      [1, 'In a list item?', 'Answered in the same item.\n- nested detail'],
      [4, 'Question in one item', 'answer in the next item'],
      [6, 'Tab-indented nested?', 'Works too.'],
    ]);
  });

  it('makes no cards or warnings from a table of contents of links', () => {
    expect(cards.some((card) => card.line >= 9)).toBe(false);
    expect(warnings).toEqual([]);
  });
});

describe('Obsidian Spaced Repetition (obsidian-sr.md)', () => {
  const { cards, warnings } = read(fixture('obsidian-sr.md'));

  it('reads ::, ::: (both ways), ? and ?? (both ways), without scheduling comments', () => {
    expect(brief(cards)).toEqual([
      [1, 'Capital of France?', 'Paris'],
      [2, 'Mitochondria', 'powerhouse of the cell'],
      [3, 'chat', 'cat'],
      [3, 'cat', 'chat'],
      [11, 'What are the three states of matter?', '- solid\n- liquid\n- gas'],
      [18, 'Bonjour', 'Hello'],
      [18, 'Hello', 'Bonjour'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('ignores :: in code, paths, URLs, container fences, fences and escapes', () => {
    const text = cards.map((card) => card.front + card.back).join('\n');
    for (const noise of ['vector', 'Foo', 'example.com', 'note', 'fence', 'Escaped', '<!--SR']) {
      expect(text).not.toContain(noise);
    }
  });
});

describe('RemNote (remnote.md)', () => {
  const { cards } = read(fixture('remnote.md'));

  it('reads >>, ;; and >>> with a nested list; quotes, shifts, redirects and for(;;) are not cards', () => {
    expect(brief(cards)).toEqual([
      [1, 'Capital of Japan', 'Tokyo'],
      [2, 'Photosynthesis', 'turns light into chemical energy'],
      [3, 'Three primary colours', '- red\n- yellow\n- blue'],
    ]);
  });
});

describe('cloze (cloze.md)', () => {
  const { cards } = read(fixture('cloze.md'));

  it('makes cloze cards of the paragraph with its gaps marked, front and back alike', () => {
    expect(brief(cards)).toEqual([
      [1, 'cloze', 'The ==mitochondria== is the powerhouse of the ==cell==.'],
      [3, 'cloze', 'Anki style: {{c1::Canberra}} is the capital of {{c2::Australia::country}}.'],
      [7, 'cloze', 'List item with ==a gap== inside.'],
    ]);
    expect(cards.every((card) => card.back === card.front)).toBe(true);
  });

  it('does not read the :: inside {{c1::…}} as a separator', () => {
    expect(cards.every((card) => card.kind === 'cloze')).toBe(true);
  });
});

describe('<details> (details.md)', () => {
  const { cards, warnings } = read(fixture('details.md'));

  it('reads one-line and multi-block details, summary as the front', () => {
    expect(brief(cards)).toEqual([
      [1, 'What is HTTP?', 'A protocol for the web.'],
      [3, 'What does `ls -la` show?', 'All files, with **details**:\n\n```sh\nls -la\n```'],
    ]);
    expect(warnings).toEqual([expect.objectContaining({ line: 14, ruleId: 'no-answer' })]);
  });
});

describe('tables (tables.md)', () => {
  const { cards, warnings } = read(fixture('tables.md'), 100);

  it('makes a card per row of Question/Answer, Term/Definition and localized tables only', () => {
    expect(brief(cards)).toEqual([
      [102, 'What is **TCP**?', 'A reliable stream protocol\n\n**Example:** HTTP runs on it'],
      [103, 'What is `a | b`?', 'A pipe in code'],
      [108, 'Latency', 'Time to first byte'],
      [112, '什么是TCP？', '传输控制协议'],
    ]);
    expect(warnings).toEqual([expect.objectContaining({ line: 104, ruleId: 'no-answer' })]);
  });
});

describe('Chinese and Japanese (cjk.md)', () => {
  it('reads 问/答 labels, full-width colons and ？ separators', () => {
    expect(brief(read(fixture('cjk.md')).cards)).toEqual([
      [1, '什么是闭包？', '一个保留其创建时作用域变量的函数。'],
      [4, '東京は日本の首都ですか？', 'はい、そうです。'],
      [7, '你吃饭了吗', '吃了。'],
      [11, '猫', 'ねこ'],
      [11, 'ねこ', '猫'],
      [13, '全角コロン？', 'はい。'],
    ]);
  });
});

describe('false positives', () => {
  it.each([
    ['Q: inside a fence', '```\nQ: inside a fence\nA: no\n```'],
    ['Q: inside a tilde fence', '~~~\nQ: x\nA: y\n~~~'],
    ['indented code', 'Text.\n\n    Q: x\n    A: y\n    a::b'],
    ['inline code', 'Call `a::b` and `x >> y` here.'],
    ['math', '$$\nQ: x \\\\ a::b\n$$\n\nInline $a::b$ too.'],
    ['Rust path in prose', 'Use std::collections::HashMap or Vec::new().'],
    ['IPv6 address', 'The address fe80::1 is link-local.'],
    ['URL', 'See https://example.com/x::y and <https://a.b/c::d>.'],
    ['empty sides', '::only right\nonly left::\n>> quote\n;; nothing'],
    ['blockquote', '> Question >> answer\n> a::b'],
    ['BNF', 'expr ::= term'],
    ['a link hiding ::', '[a::b](https://x.y)'],
    ['A: without a question', 'A: an answer alone is not a card.'],
    ['headings and rules', '# A :: B\n\n---'],
  ])('%s', (_name, markdown) => {
    expect(read(markdown).cards).toEqual([]);
  });

  it('keeps std::vector in an answer intact', () => {
    const { cards } = read('Q: Which container?\nA: `std::vector<int>`, or std::vector in prose.');
    expect(cards).toEqual([expect.objectContaining({ front: 'Which container?', back: '`std::vector<int>`, or std::vector in prose.' })]);
  });
});

describe('layout variations', () => {
  it('takes an A: after a blank line, an empty Answer: label with the answer below, a multi-line question', () => {
    expect(brief(read('Q: What?\n\nA: after a blank').cards)).toEqual([[1, 'What?', 'after a blank']]);
    expect(brief(read('Q: What is\nthe long question?\nAnswer:\nline1\nline2').cards)).toEqual([
      [1, 'What is\nthe long question?', 'line1\nline2'],
    ]);
  });

  it('ends a waiting question at a heading', () => {
    const { cards, warnings } = read('Q: orphan\n\n## Heading\n\nA: too late');
    expect(cards).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ line: 1, ruleId: 'no-answer' })]);
  });

  it('reads a multi-line ? question and drops a trailing scheduling comment', () => {
    expect(brief(read('Line one of q\nline two of q\n?\nanswer <!--SR:!2024-01-01,1,230-->').cards)).toEqual([
      [1, 'Line one of q\nline two of q', 'answer'],
    ]);
  });

  it('does not take an answer into a following list of cards', () => {
    expect(brief(read('Q: a?\nA: b\n\n- term :: def').cards)).toEqual([
      [1, 'a?', 'b'],
      [4, 'term', 'def'],
    ]);
  });
});

describe('positions and odd input', () => {
  it('numbers lines from firstLine', () => {
    const { cards, warnings } = read('\n\nQ: a?\nA: b\n\nQ: c?', 41, ['H']);
    expect(cards).toEqual([{ front: 'a?', back: 'b', line: 43, section: ['H'] }]);
    expect(warnings).toEqual([expect.objectContaining({ line: 46, ruleId: 'no-answer' })]);
  });

  it('gives every card its own copy of the section', () => {
    const section = ['A', 'B'];
    const { cards } = read('x :: y\n\nz :: w', 1, section);
    expect(cards.map((card) => card.section)).toEqual([section, section]);
    expect(cards[0]!.section).not.toBe(cards[1]!.section);
  });

  it.each([
    ['empty', ''],
    ['unclosed fence', '```\nQ: x\nA: y'],
    ['unclosed details', '<details><summary>q</summary>\n\nanswer'],
    ['unclosed math', '$$\nQ: x'],
    ['deep lists', '- '.repeat(300) + 'Q: x\nA: y'],
    ['deep quotes', '>'.repeat(2000) + ' x'],
    ['lone CR', 'Q: a\rA: b'],
    ['only markers', '?\n??\n::\n>>>\n==\n{{c1::'],
  ])('does not throw on %s', (_name, markdown) => {
    expect(() => read(markdown)).not.toThrow();
  });
});

describe('inlineCardDensity', () => {
  it('is high for notes written in these syntaxes', () => {
    for (const name of ['obsidian-sr.md', 'remnote.md', 'cjk.md', 'tables.md']) {
      expect(inlineCardDensity(fixture(name)), name).toBeGreaterThan(0.2);
    }
  });

  it('is 0 for prose, and for syntax that sits only in code', () => {
    expect(inlineCardDensity('Just a paragraph.\n\nAnother one about std::vector and https://x.y.')).toBe(0);
    expect(inlineCardDensity('```\nQ: x\nA: y\na::b\n```\nText with `a::b`.')).toBe(0);
    expect(inlineCardDensity('')).toBe(0);
  });

  it('stays within 0..1', () => {
    expect(inlineCardDensity('Q: a\nA: b\nQ: c\nA: d')).toBe(1);
  });
});
