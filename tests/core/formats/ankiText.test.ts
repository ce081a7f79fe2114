import { readdirSync, readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deckFromNote } from '../../../src/core/deck/deckFromNote.ts';
import { ankiHtmlToMarkdown, ankiTextFormat, readDelimited } from '../../../src/core/formats/ankiText.ts';
import { rankFormats } from '../../../src/core/formats/registry.ts';

const fixtureDir = new URL('../../fixtures/notes/', import.meta.url);
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`anki/${name}`, fixtureDir)));
const deckOf = (name: string) => deckFromNote({ fileName: name, bytes: bytes(name) });
const brief = (name: string) => deckOf(name).cards.map((c) => [c.meta.line, c.kind, c.front, c.back, c.tags]);

describe('Anki "Notes in Plain Text" with every column (notes-html.txt)', () => {
  const deck = deckOf('notes-html.txt');

  it('is read by the Anki reader', () => {
    expect(deck.layouts).toEqual(['anki-text']);
  });

  it('fields become markdown; guid, note type, deck and tags columns are not card text', () => {
    expect(brief('notes-html.txt')).toEqual([
      [
        7,
        'basic',
        'What is a **closure**?',
        'A function plus the variables it captured.\n\nExample:\n```\nfunction f() {\n  let x = 1;\n  return () => x;\n}\n```',
        ['Interview::JavaScript', 'js::functions', 'interview'],
      ],
      [8, 'basic', 'What does `a?.b` return when *a* is null?', 'undefined\n(no TypeError)', ['Interview::JavaScript', 'js']],
      [9, 'basic', 'What is the softmax of $z_i$?', '$$\n\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}\n$$', ['Interview::ML', 'ml::math']],
      [
        10,
        'basic',
        'Name the three parts of a transformer block: attention, MLP, and?',
        '- Layer norm\n- Residual connections\n\nSee "Attention Is All You Need".',
        ['Interview::ML', 'ml'],
      ],
      [13, 'cloze', '{{c1::LEFT JOIN}} keeps every row of the left table.', 'Rows without a match get NULLs.', ['Interview::SQL', 'sql']],
      [
        14,
        'basic',
        'How do you escape a literal 100% in LIKE?',
        "Use `ESCAPE`: `LIKE '100\\%' ESCAPE '\\'` &amp; check the price is &lt; \\$5 \\* 2",
        ['Interview::SQL', 'sql'],
      ],
    ]);
  });

  it('a note without an answer is a warning with its line', () => {
    expect(deck.warnings).toEqual([{ line: 15, ruleId: 'no-answer', reason: 'This note has no answer; it was skipped.' }]);
  });
});

describe('other exports', () => {
  it('"Cards in Plain Text", html:false, CRLF: text is literal, quoted newlines kept', () => {
    expect(brief('cards-plain.txt')).toEqual([
      [3, 'basic', 'What is a mutex?', 'A lock that lets one thread at a time into a critical section.', []],
      [4, 'basic', 'What is \\*idempotent\\*?', 'Doing it twice has the same effect as doing it once (e.g. PUT, DELETE).', []],
      [5, 'basic', 'Big-O of a hash map lookup?', 'O(1) on average;\nO(n) in the worst case.', []],
    ]);
  });

  it('semicolons, #columns with Tags, #tags for every note, doubled quotes, comment lines, BOM', () => {
    expect(brief('semicolon.csv')).toEqual([
      [5, 'basic', 'TCP vs UDP?', 'TCP: ordered, reliable; UDP: neither, but fast', ['imported', 'networking']],
      [6, 'basic', 'What does "CAP" stand for?', 'Consistency, Availability, Partition tolerance', ['imported', 'distributed-systems', 'theory']],
      [8, 'basic', 'What is a B-tree?', 'A balanced search tree with many keys per node.', ['imported', 'databases']],
    ]);
  });

  it('an old export without header lines: tab-separated, HTML recognised', () => {
    expect(brief('legacy-no-headers.txt')).toEqual([
      [1, 'basic', 'What is a closure?', 'A function with the variables it captured.', []],
      [2, 'basic', 'What is hoisting?', 'Declarations move to the top of their scope.\nOnly **var** and functions.', []],
      [3, 'basic', 'What is the event loop?', 'It runs queued tasks when the call stack is empty.', []],
    ]);
  });

  it.each([
    ['comma', 'a?,b\nc?,d'],
    ['Pipe', 'a?|b\nc?|d'],
    ['space', 'a? b\nc? d'],
    [':', 'a?:b\nc?:d'],
  ])('#separator:%s', (sep, body) => {
    const { cards } = ankiTextFormat.parse(`#separator:${sep}\n${body}\n`);
    expect(cards.map((c) => [c.front, c.back])).toEqual([
      ['a?', 'b'],
      ['c?', 'd'],
    ]);
  });

  it('one-field lines and an unclosed quote are warnings', () => {
    const { cards, warnings } = ankiTextFormat.parse('#separator:tab\nonly one field\nq?\t"never closed\nmore');
    expect(cards.map((c) => [c.line, c.front, c.back])).toEqual([[3, 'q?', 'never closed\nmore']]);
    expect(warnings.map((w) => [w.line, w.ruleId])).toEqual([
      [3, 'unclosed-quote'],
      [2, 'one-field'],
    ]);
  });
});

describe('readDelimited', () => {
  it('follows Anki CSV quoting and counts lines across quoted newlines', () => {
    const { records } = readDelimited('"a\nb"\t"say ""hi"""\n# comment\n\nx\ty"z\n', '\t');
    expect(records).toEqual([
      { line: 1, fields: ['a\nb', 'say "hi"'] },
      { line: 5, fields: ['x', 'y"z'] },
    ]);
  });
});

describe('ankiHtmlToMarkdown', () => {
  it.each([
    ['a<br>b<br/>c', 'a\nb\nc'],
    ['<div>one</div><div>two</div>', 'one\ntwo'],
    ['<b>bold</b> and <i>it</i>', '**bold** and *it*'],
    ['<ol><li>first</li><li>second</li></ol>', '1. first\n2. second'],
    ['<span style="color:red">red</span>&nbsp;text', 'red text'],
    ['x <img src="diagram.png"> y', 'x <img src="diagram.png"> y'],
    ['# not a heading', '\\# not a heading'],
    ['<code>a &lt; b</code>', '`a < b`'],
  ])('%s', (html, markdown) => {
    expect(ankiHtmlToMarkdown(html)).toBe(markdown);
  });
});

describe('detect', () => {
  it('says yes to header lines and to tab-separated pairs', () => {
    expect(ankiTextFormat.detect('#separator:tab\n#html:true\na\tb\n')).toBeGreaterThan(0.9);
    expect(ankiTextFormat.detect('#separator:Comma\na,b\n')).toBeGreaterThan(0.9);
    expect(ankiTextFormat.detect(new TextDecoder().decode(bytes('legacy-no-headers.txt')))).toBeGreaterThan(0.5);
  });

  it('leaves every other fixture note to its own reader', () => {
    const files: string[] = [];
    for (const dir of readdirSync(fixtureDir)) {
      if (dir === 'anki' || !statSync(new URL(dir, fixtureDir)).isDirectory()) continue;
      for (const name of readdirSync(new URL(`${dir}/`, fixtureDir))) files.push(`${dir}/${name}`);
    }
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(new URL(file, fixtureDir), 'utf8');
      expect([file, ankiTextFormat.detect(text)]).toEqual([file, 0]);
      expect(rankFormats(text)[0]?.name).not.toBe('anki-text');
    }
  });

  it('a markdown note with a few tab-indented or tabbed lines is not taken', () => {
    const note = '# Notes\n\n### Q: What is X?\nX\tis a thing.\n\n```\n\tcode\n```\n\nSome prose.\nMore prose.\n';
    expect(ankiTextFormat.detect(note)).toBe(0);
  });
});

describe('never throws', () => {
  it('on random text with separators, quotes and headers', () => {
    const pieces = fc.constantFrom('\t', '"', '""', '\n', '#separator:tab\n', '#html:true\n', '#tags column:3\n', '<b>', '</ul>', '\\(', 'a', ' ', ';', '{{c1::x}}');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const result = ankiTextFormat.parse(parts.join(''));
        expect(Array.isArray(result.cards)).toBe(true);
        for (const card of result.cards) expect(card.front.trim()).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
