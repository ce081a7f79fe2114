import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { inlineCardsFromMarkdown } from '../../../../src/core/formats/inlineCards.ts';
import { MASKED_INLINE_TYPES, markdownParser, parseBounded } from '../../../../src/core/formats/markdown/boundedParse.ts';

/**
 * What the inline-card reader takes from a tree: every block with its type and offsets, in
 * paragraphs only the masked inline nodes (code, math, links, HTML) with a position, which
 * built paragraphs keep, and of table cells only their place (the text of header cells).
 */
function shape(tree: Root): string[] {
  const out: string[] = [];
  const visit = (node: Nodes, inParagraph: boolean) => {
    if (node.type === 'table') {
      out.push(`table ${node.position?.start.offset}-${node.position?.end.offset}`);
      node.children.forEach((row, index) => {
        out.push(`  row ${row.position?.start.offset}-${row.position?.end.offset}`);
        for (const cell of row.children) {
          out.push(`    cell ${cell.position?.start.offset}-${cell.position?.end.offset}${index === 0 ? ` ${toString(cell)}` : ''}`);
        }
      });
      return;
    }
    const at = `${node.position?.start.line}:${node.position?.start.offset}-${node.position?.end.offset}`;
    if (inParagraph) {
      // A node without a position (remark adds some autolinks late) masks nothing.
      if (MASKED_INLINE_TYPES.has(node.type)) {
        if (node.position) out.push(`  ${node.type} ${at}`);
      }
      else if ('children' in node) for (const child of node.children as Nodes[]) visit(child, true);
      return;
    }
    // Definitions only matter through the references they resolve.
    if (node.type === 'definition' || node.type === 'footnoteDefinition') return;
    out.push(`${node.type} ${at}`);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child, node.type === 'paragraph');
  };
  for (const child of tree.children) visit(child, false);
  return out;
}

const whole = (src: string) => markdownParser.parse(src) as Root;
/** Cards and warnings read from bounded pieces (strict: no silent fall back), or from one whole-text parse. */
const read = (src: string, maxPieceChars?: number, directBlocks?: boolean) =>
  inlineCardsFromMarkdown(src, 1, ['S'], maxPieceChars === undefined ? { wholeText: true } : { maxPieceChars, directBlocks, strict: true });

const fixtureDir = new URL('../../../fixtures/notes/', import.meta.url);
const fixtures = ['inline', 'markdown'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, fixtureDir)).map((name) => [`${dir}/${name}`, readFileSync(new URL(`${dir}/${name}`, fixtureDir), 'utf8')] as const),
);

/** Lines that exercise every cut and every span the pieces must not change. */
const LINES = [
  'Q: What is a closure?', 'A: A function that keeps its scope.', 'Q1: What does `std::vector` give?', 'A1: A growable `array',
  'still code` after the tick', 'Question: Does it cost $5', 'Answer: or $10 with tax?', 'Capital of France::Paris', 'chat:::cat',
  '?', '??', 'Capital of Japan >> Tokyo', 'Photosynthesis ;; light to energy', 'The ==mitochondria== is the powerhouse.',
  'Anki {{c1::Canberra}} is a capital.', '', '', '', '', '   ', '- item', '  - Q: nested?', '  A: nested answer', '1. first',
  '2) second', '> quote Q: x', '```', '```js', '~~~', '$$', '$$ x $$', '$$$', '<!--', '-->', 'text <!-- SR:!2024-01-01,3,250 -->',
  '<details>', '<summary>What is HTTP?</summary>', '</details>', '| Question | Answer |', '| --- | --- |', '| What is TCP? | A protocol |',
  'a | b', '---', '===', '***', '[x]: /url', 'see [x] and [y](z)', '[^1]: a note', 'a reference [^1] here', '    indented code',
  '\tQ: tab indented', '**Q: Whole line bold?**', '**A:** bold label', 'a <b>tag</b> and <i', 'close> here', 'an open [bracket',
  'a closed] bracket', 'www.example.com Q: x', 'mail me at a@b.co', 'see http://x.y/a::b', '\\`escaped tick', '`` double ` tick ``',
  '<pre>', '</pre>', 'Plain prose line.', 'More prose: with a colon', 'Q: [What is X?](#what-is-x)', 'A: uses `a::b` in code',
  '*emphasis* and **strong**', '_under_ score', '==', '+ plus item', '# heading', 'Setext', '<div>', '</div>', '  continued',
  'an image ![alt](src.png) here', 'autolink <http://a.b/c>', 'an entity &#91; bracket', 'inline <!-- open comment',
  'still comment --> done', '[link text that', 'continues](http://x.y) on', 'ref [x][y] full', '[y]: /other', 'nested [[a]] www.z.com',
  'escaped \\[ www.q.com', 'a ] [ www.y.com ]', '$$\u200b', 'Q: What is <T> in `Vec<T>`?', 'A: A type <em>parameter',
  '* star item', '- Q: In a list?', '- A: Answered in the list.', '1. Q: Numbered?', '3. three', 'trailing spaces  ', '- trailing  ',
  '-', '- ', '1.', '<div>x</div>', '<!-- one line -->', '<!-->', '```js meta', '~~~~', '    ```', '  ```', '$$ meta', ' $$',
  '- [ ] task', '- ```', '> - quote list', '<details><summary>Q?</summary>', 'A: `code` and $m$ ok', '`` ` ``', '$a$b$', '$$a$',
  'x `a``b` y', 'tick ` alone', 'dollar $ alone', '- item with `code', 'and more` code', 'a < b and c > d',
  'math $O(n \\log n)$ here', 'price \\$5 and $x$', 'code `a\\` b', 'a \\\\` b',
  '| x \\| y | z \\\\| w |', '|  |  |', '||', '|', '| a | b | c | d |', '| trailing | pipe |  ', '|:-|-:|',
  '| **Question** | `Answer` |', '| Term | Definition |', '| Q: in a cell? | A: yes |',
];

describe('parseBounded: the tree of bounded pieces is the whole-text tree', () => {
  it('on random notes made of tricky lines, whatever the piece size', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 60 }), fc.integer({ min: 1, max: 80 }), (lines, size) => {
        const src = lines.join('\n');
        expect(shape(parseBounded(src, { maxPieceChars: size, strict: true }))).toEqual(shape(whole(src)));
      }),
      { numRuns: 400 },
    );
  });

  it('on the inline and markdown fixtures, cut as small as it goes', () => {
    for (const [name, text] of fixtures) {
      const src = text.replace(/\r\n?/g, '\n');
      expect(shape(parseBounded(src, { maxPieceChars: 1, strict: true })), name).toEqual(shape(whole(src)));
    }
  });

  it('on random notes of tables, lists and fences, the blocks it builds itself', () => {
    const heads = ['| Question | Answer |', '| **Question** | `Answer` |', '| Q | A | Note |', '|Question|Answer|', '| a |', '| Front | Back |  '];
    const delimiters = ['| --- | --- |', '|:-|-:|', '| - | - | - |', '|---|', '| --- |', '| :---: | --- |  ', '--- | ---'];
    const rows = ['| What is TCP? | A protocol |', '| x \\| y | z \\\\| w |', '|  |  |', '||', '|', '| a | b | c | d |', '|What `a|b`?|code|', 'no pipe row'];
    const lines = ['', '', 'Q: What?', 'A: That.', '- item', '- A: `code` answer', '1. one', '2. two', '  lazy', '```', '```py', '$$', '<details>', 'Plain line', '> q'];
    const table = fc.tuple(fc.constantFrom(...heads), fc.constantFrom(...delimiters), fc.array(fc.constantFrom(...rows), { maxLength: 5 }));
    const note = fc.array(fc.oneof(table.map(([head, delimiter, body]) => [head, delimiter, ...body]), fc.array(fc.constantFrom(...lines), { maxLength: 4 })), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(note, fc.integer({ min: 1, max: 300 }), (parts, size) => {
        const src = parts.flat().join('\n');
        expect(shape(parseBounded(src, { maxPieceChars: size, strict: true }))).toEqual(shape(whole(src)));
      }),
      { numRuns: 400 },
    );
  });

  it('builds loose lists (blank lines between one-line items) as remark does, spread and positions included', () => {
    const lists = (tree: Root) => {
      const out: unknown[] = [];
      const visit = (node: Nodes) => {
        if (node.type === 'list' || node.type === 'listItem') {
          const { start, end } = node.position!;
          out.push([node.type, node.spread, node.type === 'list' ? [node.ordered, node.start] : node.checked, start.offset, end.offset]);
        }
        if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
      };
      visit(tree);
      return out;
    };
    const lines = ['- one item', '- two `code` item', '* star item', '1. first', '2) second', '3. third', '', '', '  indented', 'lazy line', 'Plain text', '<details>', '```', '> quote'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 24 }), fc.integer({ min: 1, max: 300 }), (parts, size) => {
        const src = parts.join('\n');
        const bounded = parseBounded(src, { maxPieceChars: size, strict: true });
        expect(lists(bounded)).toEqual(lists(whole(src)));
        expect(shape(bounded)).toEqual(shape(whole(src)));
      }),
      { numRuns: 1500 },
    );
    const loose = '- a\n- b\n\n- c\n\n\n- d\nlazy';
    expect(lists(parseBounded(loose, { strict: true }))).toEqual(lists(whole(loose)));
    expect((parseBounded(loose, { strict: true }).children[0] as { spread?: boolean }).spread).toBe(true);
  });

  it('builds a long paragraph of plain lines without remark, cutting a `Q:`/`A:` list with no blank line', () => {
    const pairs = Array.from({ length: 400 }, (_, i) => `Q: What is item ${i}?\nA: The answer ${i}${i % 7 === 0 ? ' with `code`' : ''}.`);
    const src = pairs.join('\n');
    const tree = parseBounded(src, { maxPieceChars: 256, strict: true });
    expect(tree.children).toHaveLength(1);
    expect(shape(tree)).toEqual(shape(whole(src)));
  });
});

describe('inlineCardsFromMarkdown reads the same cards however remark is given the text', () => {
  it('on random notes: bounded pieces, built paragraphs or not, against one whole parse', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 60 }), fc.integer({ min: 1, max: 80 }), fc.boolean(), (lines, size, direct) => {
        const src = lines.join('\n');
        expect(read(src, size, direct)).toEqual(read(src));
      }),
      { numRuns: 300 },
    );
  });

  it('on every fixture', () => {
    for (const [name, text] of fixtures) {
      const expected = read(text);
      expect(read(text, 1), name).toEqual(expected);
      expect(read(text, 64, false), name).toEqual(expected);
    }
  });

  it('on a list of 130,000 items, more than a spread into push can pass (the call stack overflows)', () => {
    const src = Array.from({ length: 130_000 }, (_, i) => `- Term ${i} :: definition ${i}`).join('\n');
    const { cards, warnings } = read(src, 32 * 1024);
    expect(warnings).toEqual([]);
    expect(cards).toHaveLength(130_000);
    expect(cards[129_999]).toMatchObject({ front: 'Term 129999', back: 'definition 129999', line: 130_000 });
  });

  it('on `<details>` lines with no blank line between them: one HTML block, each card on its own line', () => {
    const src = Array.from({ length: 2000 }, (_, i) => `<details><summary>Question ${i}?</summary>Answer ${i}.</details>`).join('\n');
    const { cards } = read(src, 4096);
    expect(cards).toEqual(read(src).cards);
    expect(cards.map((card) => card.line)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
  });

  it('on a spread of Q:/A: pairs with no blank line, where a span runs over lines (the giant paragraph)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) {
      lines.push(`Q: Question ${i}${i % 50 === 3 ? ' costs $5' : ''}?`, `A: Answer ${i}${i % 50 === 9 ? ' and $10' : ''}${i % 41 === 0 ? ' `open' : ''}.`);
      if (i % 41 === 1) lines.push('close` tick');
    }
    const src = lines.join('\n');
    const expected = read(src);
    // The `$5 … $10` spans mask the questions between them, so fewer than 300 cards come out.
    expect(expected.cards.length).toBeGreaterThan(200);
    expect(expected.cards.length).toBeLessThan(300);
    expect(read(src, 100)).toEqual(expected);
  });
});
