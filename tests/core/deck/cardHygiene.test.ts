import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanCards, isRevealSummary, LONG_BACK_CHARS } from '../../../src/core/deck/cardHygiene.ts';
import { deckFromNote } from '../../../src/core/deck/deckFromNote.ts';
import type { NoteWarning } from '../../../src/core/deck/types.ts';
import type { RawCard } from '../../../src/core/formats/types.ts';

const card = (front: string, back: string, line = 1, extra: Partial<RawCard> = {}): RawCard => ({ front, back, line, ...extra });
const clean = (cards: RawCard[], warnings: NoteWarning[] = []) => cleanCards(cards, warnings);
const rules = (warnings: readonly NoteWarning[]) => warnings.map((warning) => [warning.line, warning.ruleId]);

describe('answers wrapped to hide them', () => {
  it('shows the content of a <details> whose summary is a reveal word, markdown as written', () => {
    const { cards, warnings } = clean([
      card('What is TCP?', '<details><summary>Answer</summary>\n\nA **reliable** stream.\n\n- ordered\n- acked\n\n</details>', 1),
      card('What is UDP?', '<details>\n  <summary>展开</summary>\n  Datagrams.\n  No retries.\n</details>', 2),
      card('Was ist IP?', '<details><summary><b>Antwort:</b></summary>Adressen.</details>', 3),
      card('Qu’est-ce que DNS ?', '<details><summary>▶ Voir la réponse</summary>Des noms.</details>', 4),
      card('Why a cache?', 'It is faster.\n<details><summary>Show answer (click to expand)</summary>\nMore detail.\n</details>\nThe end.', 5),
    ]);
    expect(cards.map((c) => c.back)).toEqual([
      'A **reliable** stream.\n\n- ordered\n- acked',
      'Datagrams.\nNo retries.',
      'Adressen.',
      'Des noms.',
      'It is faster.\n\nMore detail.\n\nThe end.',
    ]);
    expect(warnings).toEqual([]);
  });

  it('knows reveal words in many languages, and not questions or topics', () => {
    const reveal = ['expand', 'Answer', 'Show', 'Show answer', 'Click to see', 'Click to expand', 'Solution', '查看答案', '答案', '展开', '点击展开',
      'Antwort', 'Réponse', 'Respuesta', 'Resposta', 'Ответ', '答え', '解答', '정답', '보기', 'Click here to reveal the solution', 'Answer / 答案'];
    for (const summary of reveal) expect([summary, isRevealSummary(summary)]).toEqual([summary, true]);
    for (const summary of ['What is a socket?', 'Complexity', 'Example in Go', 'it', '']) expect([summary, isRevealSummary(summary)]).toEqual([summary, false]);
  });

  it('leaves a <details> that asks a question of its own, or sits in code, as written', () => {
    const asking = '<details><summary>Why is it slow?</summary>Locks.</details>';
    const fenced = '```html\n<details><summary>Answer</summary>x</details>\n```';
    const { cards } = clean([card('What is a mutex?', asking, 1), card('How do I hide text?', fenced, 2)]);
    expect(cards.map((c) => c.back)).toEqual([asking, fenced]);
  });

  it('takes a short summary that repeats around answers across the note for a wrapper', () => {
    const { cards } = clean([
      card('What is a heap?', '<details><summary>👉 Tap me</summary>A tree-shaped priority queue.</details>', 1),
      card('What is a trie?', '<details><summary>👉 Tap me</summary>A prefix tree.</details>', 2),
      card('What is a deque?', '<details><summary>👉 Tap here first</summary>A double-ended queue.</details>', 3),
      card('What is a list?', '<details><summary>Is it ordered?</summary>Yes.</details>', 4),
      card('What is a set?', '<details><summary>Is it ordered?</summary>No.</details>', 5),
    ]);
    expect(cards.map((c) => c.back)).toEqual([
      'A tree-shaped priority queue.',
      'A prefix tree.',
      '<details><summary>👉 Tap here first</summary>A double-ended queue.</details>',
      '<details><summary>Is it ordered?</summary>Yes.</details>',
      '<details><summary>Is it ordered?</summary>No.</details>',
    ]);
  });
});

describe('empty <details>', () => {
  it('makes no card of a back with nothing in it once tags, <br>, empty emphasis and spaces are gone', () => {
    const { cards, warnings } = clean([
      card('What is QUIC?', '<details><summary>Answer</summary>\n</details>', 3),
      card('What is SCTP?', '<details><summary>Why?</summary><br>\n<b></b>&nbsp;</details>', 7),
      card('What is a pixel?', '<details><summary>Answer</summary><img src="px.png"></details>', 9),
    ]);
    expect(cards.map((c) => c.front)).toEqual(['What is a pixel?']);
    expect(rules(warnings)).toEqual([[3, 'no-answer'], [7, 'no-answer'], [9, 'image-only-back']]);
    expect(warnings[0]!.reason).toContain('“What is QUIC?”');
  });
});

describe('placeholders', () => {
  it('makes no card of a placeholder answer, in any case, punctuation or emphasis', () => {
    const placeholders = ['Answer here', 'TODO', '**TBD**', '...', '…', '?', 'N/A', '-', 'Refer to the above.', '*see above*', 'Coming soon!',
      '待补充', '（待完善）', '略', '_todo_', 'TODO: write an example'];
    const { cards, warnings } = clean(placeholders.map((back, index) => card(`Question ${index}?`, back, index + 1)));
    expect(cards).toEqual([]);
    expect(warnings.map((w) => w.ruleId)).toEqual(placeholders.map(() => 'placeholder-answer'));
    expect(warnings[2]!.reason).toBe('The question “Question 2?” has only a placeholder (“TBD”) for its answer, so it is not a card.');
  });

  it('keeps short answers that only look like one', () => {
    const answers = ['Na', '[]', 'None', '+', '0', 'A todo list app keeps tasks.', 'See above the fold: the first screen.'];
    const { cards, warnings } = clean(answers.map((back, index) => card(`Question ${index}?`, back, index + 1)));
    expect(cards.map((c) => c.back)).toEqual(answers);
    expect(warnings).toEqual([]);
  });
});

describe('self-assessment marks', () => {
  it('makes no card of an answer that is only a mark with a remark, repeated across the note', () => {
    const backs = ['`+` (too easy)', 'A library for building user interfaces.', '`+` (too easy)', '+ (too easy)', '✓ (known)', '✓ (known)', '✓ (known)'];
    const { cards, warnings } = clean(backs.map((back, index) => card(`Question ${index}?`, back, index + 1)));
    expect(cards.map((c) => c.back)).toEqual(['A library for building user interfaces.']);
    expect(rules(warnings)).toEqual([[1, 'placeholder-answer'], [3, 'placeholder-answer'], [4, 'placeholder-answer'], [5, 'placeholder-answer'], [6, 'placeholder-answer'], [7, 'placeholder-answer']]);
    expect(warnings[0]!.reason).toBe(
      'The question “Question 0?” has only a mark (“+ (too easy)”) for its answer, as 2 other questions of the note do, so it is not a card.',
    );
  });

  it('keeps a mark that answers its question, and a remark said once or twice', () => {
    const backs = ['`+`', '`+`', '`+`', '`++` (pre-increment)', '`--` (pre-decrement)', '`+` (string concatenation)', '`+` (string concatenation)'];
    const { cards, warnings } = clean(backs.map((back, index) => card(`Which operator ${index}?`, back, index + 1)));
    expect(cards.map((c) => c.back)).toEqual(backs);
    expect(warnings).toEqual([]);
  });
});

describe('Obsidian embeds', () => {
  it('turns an image embed into a markdown image and warns once per card', () => {
    const { cards, warnings } = clean([
      card('What does the handshake look like?', 'Like this:\n\n![[Pasted image 2023.png|500]]\n\n![[diagram.svg]]', 4),
      card('Which logo?', '![[assets/logo (dark).png|The dark logo]]', 9),
    ]);
    expect(cards.map((c) => c.back)).toEqual([
      'Like this:\n\n![Pasted image 2023](Pasted%20image%202023.png)\n\n![diagram](diagram.svg)',
      '![The dark logo](assets/logo%20%28dark%29.png)',
    ]);
    expect(rules(warnings)).toEqual([[4, 'embed-not-included'], [9, 'embed-not-included'], [9, 'image-only-back']]);
    expect(warnings[0]!.reason).toBe(
      'In “What does the handshake look like?”, the image “Pasted image 2023.png” and 1 other embed are not included in the note.',
    );
    expect(warnings[1]!.reason).toContain('the image “assets/logo (dark).png” is not included in the note');
  });

  it('turns a note embed into plain words, and leaves code alone', () => {
    const { cards, warnings } = clean([
      card('How is congestion handled?', 'See ![[Congestion control#Slow start]] and ![[TCP]].', 2),
      card('How do I embed in Obsidian?', 'Write `![[note]]`:\n\n```md\n![[image.png]]\n```', 5),
    ]);
    expect(cards.map((c) => c.back)).toEqual([
      'See (embedded note: Congestion control#Slow start) and (embedded note: TCP).',
      'Write `![[note]]`:\n\n```md\n![[image.png]]\n```',
    ]);
    expect(rules(warnings)).toEqual([[2, 'embed-not-included']]);
    expect(warnings[0]!.reason).toContain('the embedded note “Congestion control#Slow start”');
  });
});

describe('image-only backs', () => {
  it('keeps a back that is only images, with a warning; an image with words is not warned', () => {
    const { cards, warnings } = clean([
      card('What is a B-tree?', '![B-tree](btree.png)\n<br>\n<img src="split.png">', 3),
      card('What is a skip list?', '![Levels](skip.png)\n\nLinked lists with express lanes.', 6),
    ]);
    expect(cards).toHaveLength(2);
    expect(rules(warnings)).toEqual([[3, 'image-only-back']]);
    expect(warnings[0]!.reason).toContain('“What is a B-tree?”');
  });
});

describe('long backs', () => {
  it(`keeps a back over ${LONG_BACK_CHARS} characters and says how long it is`, () => {
    const { cards, warnings } = clean([card('What is a B-tree?', 'x'.repeat(4812), 3), card('What is a heap?', 'y'.repeat(LONG_BACK_CHARS), 8)]);
    expect(cards).toHaveLength(2);
    expect(warnings).toEqual([
      {
        line: 3,
        ruleId: 'long-back',
        reason: 'The answer to “What is a B-tree?” is 4,812 characters long: a question may have been missed inside it.',
      },
    ]);
  });
});

describe('repeated fronts', () => {
  it('merges the same question with the same answer into the first, and keeps different answers', () => {
    const { cards, warnings } = clean([
      card('What is TCP?', 'A reliable stream.', 2, { section: ['Networking'] }),
      card('What is a port?', 'A number.', 5),
      card('what is  TCP', 'A reliable\n   stream.', 9),
      card('What is TCP?!', 'A reliable stream.', 14),
      card('What is a port?', 'A 16-bit number for a socket.', 20),
      card('What is C#?', 'A language.', 25),
      card('What is C?', 'A language.', 26),
    ]);
    expect(cards.map((c) => [c.line, c.front])).toEqual([
      [2, 'What is TCP?'],
      [5, 'What is a port?'],
      [20, 'What is a port?'],
      [25, 'What is C#?'],
      [26, 'What is C?'],
    ]);
    expect(cards[0]!.section).toEqual(['Networking']);
    expect(warnings).toEqual([
      {
        line: 2,
        ruleId: 'duplicate-card',
        reason: '“What is TCP?” appears 3 times with the same answer (lines 2, 9 and 14): the 2 copies were merged into the first.',
      },
      {
        line: 5,
        ruleId: 'repeated-front',
        reason: '“What is a port?” is asked 2 times with different answers (lines 5 and 20): each is kept as its own card.',
      },
    ]);
  });

  it('warns in the order the fronts first appear when two cards share a line (front:::back gives both directions)', () => {
    const { warnings } = clean([
      card('Beta', 'b1', 3),
      card('Alpha', 'a1', 3),
      card('Alpha', 'a2', 7),
      card('Beta', 'b2', 7),
      card('Alpha', 'a1', 9),
      card('Beta', 'b1', 9),
    ]);
    expect(warnings.map((w) => [w.line, w.ruleId, w.reason.slice(0, 7)])).toEqual([
      [3, 'duplicate-card', '“Beta” '],
      [3, 'duplicate-card', '“Alpha”'],
      [3, 'repeated-front', '“Beta” '],
      [3, 'repeated-front', '“Alpha”'],
    ]);
  });

  it('folds fronts by NFKC (full-width letters, ligatures) with or without curly quotes and dashes around them', () => {
    const { cards } = clean([
      card('What is Dijkstra’s “TCP” – ﬁne?', 'A.', 1),
      card('what is dijkstra’s “ＴＣＰ” – fine', 'A.', 2),
      card('What is Dijkstra’s “TCP” – fine…', 'A.', 3),
      card('What is Dijkstra’s “TCP” – fine', 'B.', 4),
    ]);
    expect(cards.map((c) => c.line)).toEqual([1, 4]);
  });

  it('compares answers with any white space folded, tabs, line ends and no-break spaces too', () => {
    const { cards } = clean([
      card('Q?', 'one two three', 1),
      card('Q?', 'one\ttwo\u00a0three', 2),
      card('Q?', ' one\n  two three ', 3),
      card('Q?', 'one  two three', 4),
      card('Q?', 'one two  three.', 5),
    ]);
    expect(cards.map((c) => c.line)).toEqual([1, 5]);
  });

  it('makes one card and one warning of 100,000 identical pairs', () => {
    const cards = Array.from({ length: 100_000 }, (_, index) => card('x?', 'y', 2 * index + 1));
    const result = clean(cards);
    expect(result.cards).toEqual([card('x?', 'y', 1)]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 1, ruleId: 'duplicate-card' });
    expect(result.warnings[0]!.reason).toBe(
      '“x?” appears 100,000 times with the same answer (lines 1, 3, 5, 7, 9 and 99,995 more): the 99,999 copies were merged into the first.',
    );
  });
});

describe('cleanCards', () => {
  it('merges its warnings with the layout’s by line and changes neither input', () => {
    const cards = [card('A?', 'TODO', 4), card('B?', '![[b.png]]', 12)];
    const warnings: NoteWarning[] = [{ line: 1, ruleId: 'skipped-noise', reason: 'first' }, { line: 8, ruleId: 'no-answer', reason: 'middle' }];
    const before = JSON.stringify({ cards, warnings });
    const result = clean(cards, warnings);
    expect(rules(result.warnings)).toEqual([[1, 'skipped-noise'], [4, 'placeholder-answer'], [8, 'no-answer'], [12, 'embed-not-included'], [12, 'image-only-back']]);
    expect(JSON.stringify({ cards, warnings })).toBe(before);
  });

  it('leaves a cloze card’s empty back alone', () => {
    const { cards, warnings } = clean([card('Paris is the capital of ==France==.', '', 1, { kind: 'cloze' })]);
    expect(cards).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('runs on every deck deckFromNote makes', () => {
    const text = readFileSync(fileURLToPath(new URL('../../fixtures/notes/hygiene/obsidian-wrapped.md', import.meta.url)), 'utf8');
    const deck = deckFromNote({ fileName: 'obsidian-wrapped.md', text });
    expect(deck.cards.map((c) => [c.meta.line, c.front, c.back])).toEqual([
      [3, 'What is TCP?', 'A **reliable**, ordered byte stream.'],
      [11, 'What is UDP?', 'Datagrams, with no delivery guarantee.'],
      [27, 'What does the handshake look like?', '![Pasted image 2023](Pasted%20image%202023.png)'],
      [39, 'How is congestion handled?', 'See (embedded note: Congestion control#Slow start).'],
    ]);
    expect(rules(deck.warnings)).toEqual([
      [3, 'duplicate-card'],
      [18, 'no-answer'],
      [23, 'placeholder-answer'],
      [27, 'embed-not-included'],
      [27, 'image-only-back'],
      [39, 'embed-not-included'],
    ]);
  });
});

describe('an answer that is one bullet alone', () => {
  const back = (text: string) => cleanCards([{ front: 'Q?', back: text, line: 1 }], []).cards[0]?.back;
  it('is the bullet’s text, its nested lines one level out (an outliner’s child block)', () => {
    expect(back('- A balanced tree.')).toBe('A balanced tree.');
    expect(back('- A balanced tree:\n\t- wide nodes\n\t- few levels')).toBe('A balanced tree:\n- wide nodes\n- few levels');
  });
  it('stays a list when it has two items or text at the margin', () => {
    expect(back('- one\n- two')).toBe('- one\n- two');
    expect(back('- one\n\nA paragraph.')).toBe('- one\n\nA paragraph.');
    expect(back('1. a numbered step')).toBe('1. a numbered step');
  });
});

describe('question and answer labels', () => {
  it('drops an "Ans:" label that opens the answer and a "Q." label that opens the question', () => {
    const note = 'JAVA QUESTIONS\n\n1) What is the JVM?\nAns: The Java Virtual Machine runs bytecode.\n\n2) What is a checked exception?\nAns: One the compiler makes you catch or declare.\n\n3) What is the heap?\nAns: Memory for objects.\n';
    expect(deckFromNote({ fileName: 'java.txt', text: note }).cards.map((c) => c.back)).toEqual([
      'The Java Virtual Machine runs bytecode.',
      'One the compiler makes you catch or declare.',
      'Memory for objects.',
    ]);
    const bold = '## Networking\n\n**Q. What is TCP slow start?**\nThe sender grows its window until loss.\n\n**Q. What is Nagle\'s algorithm?**\nIt batches small writes.\n';
    expect(deckFromNote({ fileName: 'net.md', text: bold }).cards.map((c) => c.front)).toEqual(['What is TCP slow start?', "What is Nagle's algorithm?"]);
  });

  it('keeps words that only look like labels', () => {
    const note = '## Letters\n\n### What does "Q. E. D." stand for?\nQuod erat demonstrandum.\n\n### What is plan A?\nAnswering directly.\n';
    expect(deckFromNote({ fileName: 'l.md', text: note }).cards.map((c) => [c.front, c.back])).toEqual([
      ['What does "Q. E. D." stand for?', 'Quod erat demonstrandum.'],
      ['What is plan A?', 'Answering directly.'],
    ]);
  });
});
