/**
 * CardContent without a DOM: the first paint (server-rendered in Node) is the
 * escaped plain-text placeholder; once the renderer has cached a side, the
 * first paint is its sanitized HTML.
 */
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { CardContent, preloadCardRenderer } from '../../../src/ui/render/CardContent.tsx';

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
    const renderer = await preloadCardRenderer();
    await renderer.renderCardMarkdown(markdown);
    const html = renderToString(<CardContent markdown={markdown} className="front" />);
    expect(html).toBe('<div class="card-content front"><p>A <em>cached</em> side</p></div>');
  });
});
