// Two markdown habits: Obsidian callouts that ask (`> [!question] …`) and setext headings
// (`Title` over `===` / `---`, also Mochi's front/back separator).
import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../../../src/core/deck/deckFromNote.ts';
import { setextToAtx } from '../../../../src/core/text/setextHeadings.ts';

const cards = (text: string, fileName = 'n.md') => deckFromNote({ fileName, text }).cards.map((c) => [c.front, c.back, c.meta.line]);

describe('Obsidian callouts', () => {
  it('a question, faq or help callout, folded or not, is a card: its title the front, the quote the back', () => {
    const text = [
      '# React',
      '',
      '> [!question] What does `useEffect` with `[]` do?',
      '> It runs once after the first render.',
      '',
      '> [!faq]- Why do keys matter?',
      '> React matches elements by them.',
      '>',
      '> - state stays with its item',
      '',
      '> [!help]+',
      '> What is reconciliation?',
      '> The diff between two trees.',
      '',
      '> [!tip] Is `key={index}` ever fine?',
      '> For static lists.',
      '',
      '> [!note] Revise hooks rules.',
      '> Before Friday.',
    ].join('\n');
    expect(cards(text)).toEqual([
      ['What does `useEffect` with `[]` do?', 'It runs once after the first render.', 3],
      ['Why do keys matter?', 'React matches elements by them.\n\n- state stays with its item', 6],
      ['What is reconciliation?', 'The diff between two trees.', 11],
      ['Is `key={index}` ever fine?', 'For static lists.', 15],
    ]);
  });
});

describe('setext headings', () => {
  it('underlined titles and questions are headings, line for line', () => {
    const text = 'Networking\n==========\n\nWhat is TCP?\n------------\n\nA reliable stream.\n';
    expect(setextToAtx(text)).toBe('# Networking\n\n\n## What is TCP?\n\n\nA reliable stream.\n');
    expect(deckFromNote({ fileName: 'n.md', text }).title).toBe('Networking');
    expect(cards(text)).toEqual([['What is TCP?', 'A reliable stream.', 4]]);
  });

  it('Mochi cards: the front over `---`, the back under it, cards between `***` rules', () => {
    const text = 'What is CAP?\n---\nAt most two of three.\n\n***\n\nWhat is a quorum?\n---\nA majority: W + R > N.\n';
    expect(cards(text, 'distributed-systems.md')).toEqual([
      ['What is CAP?', 'At most two of three.', 1],
      ['What is a quorum?', 'A majority: W + R > N.', 7],
    ]);
    expect(deckFromNote({ fileName: 'distributed-systems.md', text }).title).toBe('distributed systems');
  });

  it('leaves rules under prose, list items, table rows, code and front matter alone', () => {
    for (const text of [
      'A paragraph of two\nlines over a rule.\n---\n',
      '- item\n---\n',
      '| a | b |\n---\n',
      '```\ncode\n---\n```\n',
      '> quote\n---\n',
      'Signed\n--\n',
    ]) expect(setextToAtx(text)).toBe(text);
  });
});
