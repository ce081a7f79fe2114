// Work the converter shares between detection, the parse and the cut choices (bench:convert):
// each shortcut must give exactly what the long way gives.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasInlineCardLine, inlineCardDensity } from '../../../src/core/formats/inlineCards.ts';
import { readHeadingLines } from '../../../src/core/formats/markdown/headingText.ts';
import { scanNoteStructure } from '../../../src/core/formats/markdown/noteStructure.ts';
import { findPromptLines } from '../../../src/core/formats/structure/promptLines.ts';
import { generateNote, NOTE_SHAPES } from '../../../scripts/bench-convert/notes.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/notes');

function fixtureTexts(dir = fixtures): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureTexts(path);
    return /\.(md|txt|csv|tsv)$/.test(name) ? [readFileSync(path, 'utf8').replace(/\r\n?/g, '\n')] : [];
  });
}

const notes = [...fixtureTexts(), ...NOTE_SHAPES.map((shape) => generateNote(shape, 20_000))];

describe('prompt lines read once per note', () => {
  it('a range read after the whole note gives what a fresh read of that range gives', () => {
    for (const text of notes) {
      const { lines, fenced } = scanNoteStructure(text);
      findPromptLines(lines, fenced, 0, lines.length);
      // Ranges that start on a line right under text: a question line there counts only at the range's start.
      for (let from = 0; from < lines.length; from += 7) {
        const to = Math.min(lines.length, from + 23);
        expect(findPromptLines(lines, fenced, from, to)).toEqual(findPromptLines([...lines], [...fenced], from, to));
      }
    }
  });

  it('a question line under a text line counts at the start of a range and not inside one', () => {
    const lines = ['Some words', 'Is this a question?', 'Yes.', ''];
    const fenced = lines.map(() => false);
    expect(findPromptLines(lines, fenced, 0, 4).map((p) => p.index)).toEqual([]);
    expect(findPromptLines(lines, fenced, 1, 4).map((p) => p.index)).toEqual([1]);
    expect(findPromptLines(lines, fenced, 0, 4).map((p) => p.index)).toEqual([]);
  });

  it('a plain line is a prompt only when it ends asking; labelled, bold and list prompts need no question mark', () => {
    const lines = ['Explain the CAP theorem', '', 'What is a mutex?', '', 'Q: Explain a mutex', '', '**Explain locks**', '', '- Explain a semaphore', '1. Describe a queue'];
    const prompts = findPromptLines(lines, lines.map(() => false), 0, lines.length);
    expect(prompts.map((p) => [p.index, p.shape])).toEqual([[2, 'question-line'], [4, 'label'], [6, 'bold'], [8, 'bullet'], [9, 'numbered']]);
  });

  it('a line read with other skipped lines is read again', () => {
    const lines = ['**What is X?**', 'It is Y.'];
    expect(findPromptLines(lines, [false, false], 0, 2)).toHaveLength(1);
    expect(findPromptLines(lines, [true, false], 0, 2)).toHaveLength(0);
  });
});

describe('the note structure is scanned once per note', () => {
  it('scanning the same text again gives the same structure; another text its own', () => {
    const first = scanNoteStructure('# A\n\ntext');
    expect(scanNoteStructure('# A\n\ntext')).toBe(first);
    const other = scanNoteStructure('## B\n---');
    expect(other.marks).toEqual([{ kind: 'heading', index: 0, level: 2 }, { kind: 'separator', index: 1 }]);
    expect(scanNoteStructure('# A\n\ntext')).toEqual(first);
  });
});

describe('heading lines of plain words are not parsed', () => {
  it('read as remark reads them, on every heading of the fixtures and generated notes', () => {
    const headings = notes.flatMap((text) => {
      const structure = scanNoteStructure(text);
      return structure.marks.filter((mark) => mark.kind === 'heading').map((mark) => structure.lines[mark.index]!);
    });
    expect(headings.length).toBeGreaterThan(200);
    expect(readHeadingLines(headings)).toEqual(readHeadingLines(headings, { everyLineByRemark: true }));
  });

  it('read as remark reads them, on generated heading lines', () => {
    const piece = fc.constantFrom('a', 'Why', ' ', '\t', '\u00a0', '?', '#', '*', '_', '`', '[x](y)', '<b>', '&amp;', '\\', '$x$', '~~', 'C#', ':', '.', '(', ')', '题', '–', '\u0000', '|', 'www.x.com', 'WWW.', 'http://a.b', 'x@y.z', 'mailto:', '3.', '-', 'Q:', '"', "'", '1)', '+', '=', '\u2003', '\r');
    fc.assert(
      fc.property(fc.constantFrom('# ', '## ', '   ### ', '#\t', '######  ', '#'), fc.array(piece, { maxLength: 12 }), (hashes, parts) => {
        const line = hashes + parts.join('');
        expect(readHeadingLines([line])).toEqual(readHeadingLines([line], { everyLineByRemark: true }));
      }),
      { numRuns: 600 },
    );
  });
});

describe('inlineCardDensity reads lines without splitting the text', () => {
  it('counts the same lines whatever the line ends (LF, CRLF, CR), with or without a final line end', () => {
    for (const text of notes) {
      const density = inlineCardDensity(text);
      expect(inlineCardDensity(text.replace(/\n/g, '\r\n'))).toBe(density);
      expect(inlineCardDensity(text.replace(/\n/g, '\r'))).toBe(density);
      expect(inlineCardDensity(`\uFEFF${text}\n\n`)).toBe(density);
    }
    expect(inlineCardDensity('Q: a\r\nA: b\rplain\n')).toBeCloseTo(2 / 3);
  });
});

describe('a density scan stopped at enough hits', () => {
  it('gives markdown detection the same capped score as the whole scan', () => {
    for (const text of notes) {
      const lines = text.split('\n').length;
      const enough = Math.floor((0.6 / 1.5) * lines) + 1;
      const capped = (density: number) => Math.min(0.6, density * 1.5);
      expect(capped(inlineCardDensity(text, enough))).toBe(capped(inlineCardDensity(text)));
    }
    // Two of three lines hit: the scan stops at the second, and the capped score is the ceiling.
    expect(inlineCardDensity('Q: a\nA: b\nplain', 2)).toBe(1);
    expect(inlineCardDensity('Q: a\nA: b\nplain')).toBeCloseTo(2 / 3);
  });
});

describe('hasInlineCardLine', () => {
  it('is inlineCardDensity(text) > 0, on every fixture and generated note and on stretches of them', () => {
    for (const text of notes) {
      expect(hasInlineCardLine(text)).toBe(inlineCardDensity(text) > 0);
      const lines = text.split('\n');
      for (let from = 0; from < lines.length; from += 11) {
        const part = lines.slice(from, from + 5).join('\n');
        expect(hasInlineCardLine(part)).toBe(inlineCardDensity(part) > 0);
      }
    }
  });
});
