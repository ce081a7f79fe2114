import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fencedLines } from '../../../src/core/text/codeFences.ts';

/** The scan as it was before unclosed fences were remembered: one search to the end per fence. */
function fencedLinesOneSearchEach(lines: readonly string[]): boolean[] {
  const fenced = new Array<boolean>(lines.length).fill(false);
  let i = 0;
  while (i < lines.length) {
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!open || (open[1]![0] === '`' && open[2]!.includes('`'))) {
      i++;
      continue;
    }
    const marker = open[1]!;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end]!)) end++;
    if (end >= lines.length) {
      fenced[i] = true;
      i++;
      continue;
    }
    for (let k = i; k <= end; k++) fenced[k] = true;
    i = end + 1;
  }
  return fenced;
}

describe('fencedLines', () => {
  it('marks closed fences whole and an unclosed fence only on its own line', () => {
    // `~~~` cannot close `~~~~`: both are fences that never close.
    expect(fencedLines(['a', '```js', '# not a heading', '```', '~~~~', 'b', '~~~'])).toEqual([false, true, true, true, true, false, true]);
  });

  it('gives what one search per fence gives, on notes full of fences that never close', () => {
    const line = fc.constantFrom('```', '```js', '````', '~~~', '~~~~ x', '`` a ``', 'text', '', '   ```', '```a`b', '~~~~~~');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        expect(fencedLines(lines)).toEqual(fencedLinesOneSearchEach(lines));
      }),
      { numRuns: 2000 },
    );
  });
});
