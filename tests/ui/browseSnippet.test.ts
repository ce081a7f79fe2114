// The browser's row snippets: the same text as stripping the whole side, from a prefix of it.
import { describe, expect, it } from 'vitest';
import { snippet } from '../../src/ui/browse/BrowseScreen.tsx';
import { markdownToPlainText } from '../../src/ui/render/plainText.ts';

const whole = (markdown: string, max: number) => {
  const text = markdownToPlainText(markdown).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

describe('browse snippets', () => {
  it('match the whole side stripped, for short, long and markup-first sides', () => {
    const long = Array.from({ length: 400 }, (_, i) => `- **Point ${i}**: a [link](https://example.com/${i}) and \`code\``).join('\n');
    const markupFirst = `<svg>${'<path d="M0 0"/>\n'.repeat(200)}</svg>\nThe answer after a drawing.`;
    const codeFirst = '```\n' + 'x = 1\n'.repeat(300) + '```\nAfter the code.';
    for (const side of ['A **short** answer.', long, markupFirst, codeFirst, 'line\n'.repeat(2000), 'no line breaks '.repeat(500)]) {
      for (const max of [20, 140, 160]) expect(snippet(side, max)).toBe(whole(side, max));
    }
  });
});
