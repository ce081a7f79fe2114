/**
 * CardContent without a DOM: the first paint (server-rendered in Node) is the
 * escaped plain-text placeholder; once the renderer has cached a side, the
 * first paint is its sanitized HTML.
 */
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { CardContent } from '../../../src/ui/render/CardContent.tsx';
import { renderSide } from '../../../src/ui/render/renderClient.ts';

describe('CardContent', () => {
  test('paints escaped plain text while the renderer loads', () => {
    const html = renderToString(<CardContent markdown={'**Heap** <img src=x onerror=alert(1)> a < b'} />);
    expect(html).toContain('class="card-content card-content--pending"');
    expect(html).toContain('Heap');
    expect(html).toContain('a &lt; b');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('**');
  });

  test('paints cached HTML on the first render', async () => {
    const markdown = 'A *cached* side';
    await renderSide(markdown);
    const html = renderToString(<CardContent markdown={markdown} className="front" />);
    expect(html).toBe('<div class="card-content front"><p>A <em>cached</em> side</p></div>');
  });

  test('paints only the start of a huge side while it renders', () => {
    const html = renderToString(<CardContent markdown={'word '.repeat(10_000_000)} />);
    expect(html).toContain('card-content--pending');
    expect(html.length).toBeLessThan(10_000);
  });

  test('a side nested too deep paints its formatted part, one sentence, and a page of the rest as plain text', async () => {
    const markdown = Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i % 100)}- item ${i} <b>x</b>`).join('\n');
    await renderSide(markdown);
    const html = renderToString(<CardContent markdown={markdown} />);
    expect(html).not.toContain('aria-busy');
    expect(html).toContain('<li>item 0 <b>x</b>');
    expect(html).toContain('The rest is nested too deeply to format, so it is shown as plain text.');
    // The plain rest is text (escaped), a page at a time.
    expect(html).toContain('- item 41 &lt;b&gt;x&lt;/b&gt;');
    // Indentation in the plain rest is capped, so lines 60 levels deep stay on the card.
    expect(html).toContain(`\n${' '.repeat(12)}- item 60 `);
    expect(html).not.toMatch(/ {13}- item/);
    expect(html).not.toContain('item 9999');
    expect(html).toMatch(/Show more \([\d,]+ characters left\)/);
  });

  test('a side the renderer fails on is remembered as plain text, not loading', async () => {
    const markdown = '<div>'.repeat(20_000) + 'x' + '</div>'.repeat(20_000);
    const side = await renderSide(markdown);
    expect(side).toEqual({ html: '', restStart: 0, reason: 'failed' });
    // Asked again, the same answer, without rendering again.
    expect(await renderSide(markdown)).toBe(side);
    const html = renderToString(<CardContent markdown={markdown} />);
    expect(html).not.toContain('aria-busy');
    expect(html).toContain('This side could not be formatted, so it is shown as plain text.');
  });
});
