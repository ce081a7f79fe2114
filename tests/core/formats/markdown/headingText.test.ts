import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHeadingLines, withoutClosingHashes } from '../../../../src/core/formats/markdown/headingText.ts';

describe('withoutClosingHashes', () => {
  it('drops a closing run of # after a space, as /[ \\t]+#+[ \\t]*$/ does, without its backtracking', () => {
    const pieces = fc.constantFrom('a', ' ', '\t', '#', 'b#', '  ', '##');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(withoutClosingHashes(text)).toBe(text.replace(/[ \t]+#+[ \t]*$/, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a # that is part of the words', () => {
    expect(withoutClosingHashes('What is C#')).toBe('What is C#');
    expect(withoutClosingHashes('Title ## ')).toBe('Title');
  });
});

describe('readHeadingLines', () => {
  it('reads the same text for a heading whether it is alone or among a thousand others', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `## Question ${i}: what is \`x${i}\`? ##`);
    const all = readHeadingLines(lines);
    expect(all[617]).toEqual(readHeadingLines([lines[617]!])[0]);
    expect(all[617]).toEqual({ plain: 'Question 617: what is x617?', markdown: 'Question 617: what is `x617`?' });
  });
});
