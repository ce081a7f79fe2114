/**
 * Hostile and huge card sides: nesting the renderer would recurse through until the stack
 * overflows, and sides too long to format in one go. Each is formatted in part and the rest is
 * left as plain text, so no side can crash or hang the renderer.
 */
import { describe, expect, test } from 'vitest';
import { boundCardMarkdown, MAX_FORMATTED_CHARS, MAX_NESTING } from '../../../src/ui/render/boundMarkdown.ts';
import { renderCardSide } from '../../../src/ui/render/markdownToHtml.ts';

/** A list whose item n is nested n levels deep. */
const staircase = (items: number, indent = '  ') => Array.from({ length: items }, (_, i) => `${indent.repeat(i)}- item ${i}`).join('\n');

describe('boundCardMarkdown', () => {
  test('leaves a real note whole', () => {
    const note = '## Heaps\n\n- a tree\n  - complete\n    - stored in an array\n\n> quoted\n> > twice\n\n```python\n' + ' '.repeat(120) + 'deep = code\n```\n';
    expect(boundCardMarkdown(note)).toEqual({ markdown: note });
  });

  test('cuts a list 1,000 deep before its first line deeper than the limit', () => {
    const side = staircase(1000);
    const bounded = boundCardMarkdown(side);
    expect(bounded.reason).toBe('nesting');
    expect(bounded.markdown).toBe(side.slice(0, bounded.restStart));
    const lines = bounded.markdown.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(MAX_NESTING / 2 - 2);
    expect(lines.length).toBeLessThanOrEqual(MAX_NESTING);
  });

  test('cuts quotes 5,000 deep, and markers on one line, at once', () => {
    expect(boundCardMarkdown('>'.repeat(5000) + ' deep')).toEqual({ markdown: '', restStart: 0, reason: 'nesting' });
    expect(boundCardMarkdown('Intro\n' + '- '.repeat(1000) + 'x')).toEqual({ markdown: 'Intro\n', restStart: 6, reason: 'nesting' });
    expect(boundCardMarkdown('1. '.repeat(100) + 'x').reason).toBe('nesting');
  });

  test('does not look into fenced code', () => {
    const side = '```\n' + '>'.repeat(5000) + '\n```\nafter';
    expect(boundCardMarkdown(side)).toEqual({ markdown: side });
  });

  test('formats a 50 MB side up to the limit, cut at a line break', () => {
    const side = 'Some **bold** words and `code` here.\n\n'.repeat(1_400_000);
    expect(side.length).toBeGreaterThan(50_000_000);
    const bounded = boundCardMarkdown(side);
    expect(bounded.reason).toBe('length');
    expect(bounded.markdown.length).toBeLessThanOrEqual(MAX_FORMATTED_CHARS);
    expect(bounded.markdown.length).toBeGreaterThan(MAX_FORMATTED_CHARS - 100);
    expect(bounded.markdown.endsWith('\n')).toBe(true);
    expect(bounded.restStart).toBe(bounded.markdown.length);
  });
});

describe('renderCardSide', () => {
  test('a list 1,000 deep renders its first levels, the rest left as plain text', async () => {
    const side = staircase(1000);
    const rendered = await renderCardSide(side);
    expect(rendered.reason).toBe('nesting');
    expect(rendered.html).toContain('<li>item 0');
    expect(rendered.html).not.toContain('item 999');
    expect(side.slice(rendered.restStart)).toContain('- item 999');
  });

  test('quotes 5,000 deep and a line of 1,000 list markers do not overflow the stack', async () => {
    const quotes = await renderCardSide('Before\n\n' + '>'.repeat(5000) + ' deep');
    expect(quotes).toMatchObject({ html: '<p>Before</p>', reason: 'nesting' });
    const markers = await renderCardSide('- '.repeat(1000) + 'x');
    expect(markers).toMatchObject({ html: '', restStart: 0, reason: 'nesting' });
  });

  test('ten thousand list items nested in steps of 100 levels render in part', async () => {
    const side = Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i % 100)}- item ${i}`).join('\n');
    const rendered = await renderCardSide(side);
    expect(rendered.reason).toBe('nesting');
    expect(rendered.html).toContain('item 0');
  });

  test('a 50 MB side renders a bounded prefix', async () => {
    const side = 'Some **bold** words.\n\n'.repeat(2_400_000);
    expect(side.length).toBeGreaterThan(50_000_000);
    const rendered = await renderCardSide(side);
    expect(rendered.reason).toBe('length');
    expect(rendered.html.startsWith('<p>Some <strong>bold</strong> words.</p>')).toBe(true);
    expect(rendered.html.length).toBeLessThan(3 * MAX_FORMATTED_CHARS);
  });

  test('raw HTML nested 5,000 deep is shown as plain text, not thrown', async () => {
    const rendered = await renderCardSide('<div>'.repeat(5000) + 'x' + '</div>'.repeat(5000));
    // Either formatted (the tree walkers coped) or plain, but settled either way.
    expect(rendered.reason === undefined || rendered.reason === 'failed').toBe(true);
    if (rendered.reason === 'failed') expect(rendered).toEqual({ html: '', restStart: 0, reason: 'failed' });
  });
});
