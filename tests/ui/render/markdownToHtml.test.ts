/**
 * What card markdown renders to: GFM, highlighted code, KaTeX, images,
 * <details>, footnotes; plus the cheap feature detection that decides which
 * lazy chunks load, and the plain-text placeholder.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { detectCardFeatures } from '../../../src/ui/render/detect.ts';
import { cachedCardHtml, renderCardMarkdown } from '../../../src/ui/render/markdownToHtml.ts';
import { markdownToPlainText } from '../../../src/ui/render/plainText.ts';
import { classesOf, elementsOf, parseHtml } from './htmlTree.ts';

async function elements(markdown: string) {
  return elementsOf(await parseHtml(await renderCardMarkdown(markdown)));
}

describe('renderCardMarkdown', () => {
  test('a GFM table becomes a <table> inside a horizontal scroll box', async () => {
    const found = await elements('| Op | Cost |\n|---|---:|\n| push | O(1) |\n| sort | O(n log n) |');
    const table = found.find(({ element }) => element.tagName === 'table');
    expect(table).toBeDefined();
    expect(classesOf(table!.ancestors.at(-1)!)).toEqual(['card-scroll']);
    expect(found.filter(({ element }) => element.tagName === 'th')).toHaveLength(2);
    expect(found.filter(({ element }) => element.tagName === 'td')).toHaveLength(4);
  });

  test('a ```python fence gets highlight.js classes', async () => {
    const html = await renderCardMarkdown('```python\ndef area(r):\n    return 3.14 * r ** 2  # circle\n```');
    expect(html).toContain('<code class="hljs language-python">');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain('<span class="hljs-comment"># circle</span>');
  });

  test.each([
    ['ts', 'const x: number = 1;'],
    ['js', 'let y = 2;'],
    ['sh', 'echo "$HOME"'],
    ['sql', 'SELECT id FROM cards;'],
    ['go', 'func main() {}'],
    ['rust', 'fn main() {}'],
    ['yaml', 'key: value'],
    ['json', '{"a": 1}'],
    ['cpp', 'int main() { return 0; }'],
    ['java', 'class A {}'],
  ])('```%s is highlighted', async (language, code) => {
    const html = await renderCardMarkdown(`\`\`\`${language}\n${code}\n\`\`\``);
    expect(html).toMatch(/<code class="hljs language-/);
    expect(html).toContain('<span class="hljs-');
  });

  test('an unregistered language stays plain, escaped code', async () => {
    const html = await renderCardMarkdown('```cobol\nDISPLAY "<b>".\n```');
    expect(html).toBe('<pre><code class="language-cobol">DISPLAY "&#x3C;b>".\n</code></pre>');
  });

  test('$x^2$ becomes inline KaTeX markup with MathML', async () => {
    const found = await elements('Area grows as $x^2$.');
    const katex = found.find(({ element }) => classesOf(element).includes('katex'));
    expect(katex).toBeDefined();
    expect(katex!.ancestors.at(-1)?.tagName).toBe('p');
    expect(found.some(({ element }) => element.tagName === 'math')).toBe(true);
    expect(found.some(({ element }) => classesOf(element).includes('katex-display'))).toBe(false);
  });

  test('$$…$$ and ```math become display KaTeX', async () => {
    for (const markdown of ['$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$', '```math\nE = mc^2\n```']) {
      const found = await elements(markdown);
      expect(found.some(({ element }) => classesOf(element).includes('katex-display'))).toBe(true);
      expect(found.some(({ element }) => element.tagName === 'pre')).toBe(false);
    }
  });

  test.each([
    ['prices', 'It costs $5 and $10 in total.', '<p>It costs $5 and $10 in total.</p>'],
    ['shell variables', 'Set $PATH and $HOME first.', '<p>Set $PATH and $HOME first.</p>'],
    ['escaped dollars', 'Escaped \\$5 and \\$x$.', '<p>Escaped $5 and $x$.</p>'],
  ])('dollars in prose stay text: %s', async (_name, markdown, expected) => {
    expect(await renderCardMarkdown(markdown)).toBe(expected);
  });

  test('tight dollar pairs are still math', async () => {
    const html = await renderCardMarkdown('Both $a$ and $b + c$ are math, $1 is not.');
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain(', $1 is not.');
  });

  test('broken math renders as a KaTeX error instead of throwing', async () => {
    const html = await renderCardMarkdown('Oops $\\frac{1}{$ here');
    expect(html).toContain('Oops');
    expect(html).toContain('here');
  });

  test('images keep alt and load lazily; images of other sites are only placeholders, their address kept', async () => {
    const found = await elements(
      '![Binary tree](img/tree.png "A tree")\n\n<img src="https://example.com/heap.png" alt="Heap" width="200">\n\n![Trie](//cdn.example/trie.png) ![](http://example.org/a.gif)',
    );
    const images = found.filter(({ element }) => element.tagName === 'img').map(({ element }) => element.properties);
    expect(images).toEqual([{ src: 'img/tree.png', alt: 'Binary tree', title: 'A tree', loading: 'lazy', decoding: 'async' }]);
    const held = found.filter(({ element }) => classesOf(element).includes('card-img-remote')).map(({ element }) => element.properties);
    expect(held).toEqual([
      { className: ['card-img-remote'], dataRemoteSrc: 'https://example.com/heap.png', dataAlt: 'Heap', role: 'img', ariaLabel: 'Heap' },
      { className: ['card-img-remote'], dataRemoteSrc: '//cdn.example/trie.png', dataAlt: 'Trie', role: 'img', ariaLabel: 'Trie' },
      { className: ['card-img-remote'], dataRemoteSrc: 'http://example.org/a.gif', dataAlt: '', role: 'img', ariaLabel: 'Image from another site' },
    ]);
    const html = await renderCardMarkdown('![Heap](https://example.com/heap.png)');
    expect(html).toBe('<p><span class="card-img-remote" data-remote-src="https://example.com/heap.png" data-alt="Heap" role="img" aria-label="Heap">Heap</span></p>');
  });

  test('<details><summary> survives, with markdown inside', async () => {
    const html = await renderCardMarkdown('<details open>\n<summary>Hint</summary>\n\nUse a **heap**.\n\n</details>');
    expect(html).toBe('<details open>\n<summary>Hint</summary>\n<p>Use a <strong>heap</strong>.</p>\n</details>');
  });

  test('lists, emphasis, strikethrough and task lists render', async () => {
    const html = await renderCardMarkdown('1. *first*\n2. **second**\n\n- ~~old~~ `new`\n- [x] done');
    expect(html).toContain('<ol>\n<li><em>first</em></li>\n<li><strong>second</strong></li>\n</ol>');
    expect(html).toContain('<del>old</del> <code>new</code>');
    expect(html).toContain('<input type="checkbox" checked disabled> done');
  });

  test('external links open outside the app; footnote links match their ids', async () => {
    const found = await elements('See [MDN](https://developer.mozilla.org)[^1].\n\n[^1]: A note.');
    const links = found.filter(({ element }) => element.tagName === 'a').map(({ element }) => element.properties);
    expect(links[0]).toMatchObject({ href: 'https://developer.mozilla.org', target: '_blank', rel: ['noopener', 'noreferrer'] });
    const ids = new Set(found.map(({ element }) => element.properties.id).filter((id) => id !== undefined));
    for (const link of links.slice(1)) {
      expect(ids.has(String(link.href).slice(1))).toBe(true);
    }
  });

  test('results are cached by markdown', async () => {
    const markdown = 'Cache me *once*.';
    expect(cachedCardHtml(markdown)).toBeUndefined();
    const html = await renderCardMarkdown(markdown);
    expect(cachedCardHtml(markdown)).toBe(html);
  });
});

describe('lazy chunks', () => {
  afterEach(() => {
    vi.doUnmock('../../../src/ui/render/math.ts');
    vi.doUnmock('../../../src/ui/render/highlight.ts');
    vi.resetModules();
  });

  async function freshRendererTrackingLoads() {
    vi.resetModules();
    const loaded: string[] = [];
    vi.doMock('../../../src/ui/render/math.ts', async (importOriginal) => {
      loaded.push('math');
      return importOriginal();
    });
    vi.doMock('../../../src/ui/render/highlight.ts', async (importOriginal) => {
      loaded.push('highlight');
      return importOriginal();
    });
    const module = await import('../../../src/ui/render/markdownToHtml.ts');
    return { render: module.renderCardMarkdown, loaded };
  }

  test('plain markdown loads neither KaTeX nor highlighting', async () => {
    const { render, loaded } = await freshRendererTrackingLoads();
    await render('# Title\n\nA *plain* card with `inline code`.\n\n    indented code');
    expect(loaded).toEqual([]);
  });

  test('math loads only KaTeX; a fence only highlighting', async () => {
    const { render, loaded } = await freshRendererTrackingLoads();
    await render('$a+b$');
    expect(loaded).toEqual(['math']);
    await render('```go\nfunc f() {}\n```');
    expect(loaded).toEqual(['math', 'highlight']);
  });
});

describe('detectCardFeatures', () => {
  test.each([
    ['plain text', 'Just words.', false, false],
    ['inline math', 'Cost is $O(n)$', true, false],
    ['math fence', '```math\nx\n```', true, true],
    ['fence with language', '```python\nx = 1\n```', false, true],
    ['tilde fence in a list', '- item\n\n  ~~~ts\n  let a\n  ~~~', false, true],
    ['fence in a blockquote', '> ```sql\n> SELECT 1\n> ```', false, true],
    ['fence without language', '```\nplain\n```', false, false],
    ['raw HTML code with language', '<pre><code class="language-js">x</code></pre>', false, true],
  ])('%s', (_name, markdown, math, highlight) => {
    expect(detectCardFeatures(markdown)).toEqual({ math, highlight });
  });
});

describe('markdownToPlainText', () => {
  test('keeps the words, drops the syntax', () => {
    const markdown = [
      '## Big-O',
      '',
      'A **heap** gives *O(log n)* push; see [docs](https://x.example).',
      '',
      '![a heap](heap.png) <img src="t.png" alt="tree">',
      '',
      '| a | b |',
      '|---|---|',
      '',
      '```python',
      'heapq.heappush(h, 1)',
      '```',
      '<script>alert(1)</script>',
    ].join('\n');
    expect(markdownToPlainText(markdown)).toBe(
      'Big-O\n\nA heap gives O(log n) push; see docs.\n\na heap tree\n\n| a | b |\n\nheapq.heappush(h, 1)',
    );
  });
});

describe('one-line display math', () => {
  test('renders a paragraph of only $$…$$ as display math, and $$ inside a sentence inline', async () => {
    const alone = await renderCardMarkdown('Formula:\n\n$$a^2 + b^2 = c^2$$\n\nDone.');
    expect(alone).toContain('katex-display');
    const inline = await renderCardMarkdown('The sum $$a+b$$ is inline here.');
    expect(inline).not.toContain('katex-display');
    expect(inline).toContain('katex');
  });
});

describe('raw HTML the sanitizer would drop', () => {
  test('shows as the text the user wrote, inert', async () => {
    const html = await renderCardMarkdown('What does <script>alert(1)</script> do?\n\n<iframe src="https://x.test"></iframe>');
    const found = elementsOf(await parseHtml(html));
    expect(found.some(({ element }) => element.tagName === 'script' || element.tagName === 'iframe')).toBe(false);
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(html).toContain('&#x3C;iframe src="https://x.test">');
  });

  test('allowed HTML still renders, without its event handlers', async () => {
    const html = await renderCardMarkdown('<details><summary>Why?</summary>Because.</details>\n\n<img src="a.png" alt="A" onerror="alert(1)">');
    const found = elementsOf(await parseHtml(html));
    expect(found.some(({ element }) => element.tagName === 'details')).toBe(true);
    expect(html).not.toMatch(/onerror/i);
  });
});
