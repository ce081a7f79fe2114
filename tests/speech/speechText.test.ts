// Markdown → speech: no markdown symbol in any utterance, code announced, math from KaTeX's a11y text, languages by script.
import { describe, expect, it } from 'vitest';
import { speechForCard, speechForReview } from '../../src/speech/speechText.ts';

const SYMBOLS = /[#*`|$]|\\[a-z]+|\]\(/i;
const said = (md: string, o = {}) => speechForCard(md, o).map((p) => p.text).join(' ');

describe('speechForCard', () => {
  it('reads headings, emphasis, inline code and links as words', () => {
    const text = said('# What is `getUserById`?\n\nIt **fetches** a _user_. See [the docs](https://x.com/a).');
    expect(text).toBe('What is get user by id? It fetches a user. See the docs.');
  });
  it('announces code blocks with their language and reads math', () => {
    expect(said('```python\na\nb\n```')).toBe('Python code, 2 lines.');
    expect(said('```\nx\n```')).toBe('Code, 1 line.');
    const math = said('Inline $\\frac{a}{b}$.\n\n$$\nx^2\n$$');
    expect(math).toContain('start fraction, a, divided by, b, end fraction');
    expect(math).not.toMatch(SYMBOLS);
  });
  it('reads tables row by row, lists, images and strips HTML', () => {
    expect(said('| Name | Age |\n|---|---|\n| Alice | 30 |')).toBe('Row 1: Name, Alice; Age, 30.');
    expect(said('- one\n- two\n  - nested\n\n![a cat](c.png) <b>bold</b>')).toBe('2 items: one. two. nested. image: a cat, bold.');
  });
  it('cuts long backs at a sentence end and says "and more"', () => {
    const text = said(Array.from({ length: 30 }, (_, i) => `Sentence ${i} has four words.`).join(' '), { maxWords: 10 });
    expect(text).toBe('Sentence 0 has four words. Sentence 1 has four words. and more.');
  });
  it('gives languages by script or the deck, with translated announce words', () => {
    expect(speechForCard('Что такое **переобучение**?')).toEqual([{ text: 'Что такое переобучение?', lang: 'ru' }]);
    // A Latin run of 4+ letters in a Japanese card is its own English part (the documented rule).
    expect(speechForCard('ニューラルネットワークとは？\n\n```js\na\n```').map((p) => [p.text, p.lang])).toEqual([['ニューラルネットワークとは？', 'ja'], ['JavaScript', 'en'], ['のコード, 1行.', 'ja']]);
    expect(speechForCard('Was ist ein `Compiler`?\n\n```\nx\n```', { deckLanguage: 'de' })).toEqual([{ text: 'Was ist ein Compiler? Code, 1 Zeile.', lang: 'de' }]);
    expect(speechForCard('What is 过拟合现象 in Chinese?').map((p) => p.lang)).toEqual(['en', 'zh', 'en']);
    for (const part of speechForReview('# *x* `y` | $z$', '> **b**').back) expect(part.text).not.toMatch(SYMBOLS);
  });
});
