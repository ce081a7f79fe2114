/**
 * Test helper: parse renderer output back into hast (with parse5, through
 * rehype-raw, the same parser the renderer uses) so assertions look at what a
 * browser would build, not at substrings.
 */
import type { Element, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import { unified } from 'unified';

/** Parse an HTML fragment into a hast root. */
export async function parseHtml(html: string): Promise<Root> {
  const root: Root = { type: 'root', children: [{ type: 'raw', value: html }] };
  return (await unified().use(rehypeRaw).run(root)) as Root;
}

/** Every element, with its ancestors. */
export function elementsOf(tree: Root): Array<{ element: Element; ancestors: Element[] }> {
  const found: Array<{ element: Element; ancestors: Element[] }> = [];
  const walk = (nodes: RootContent[], ancestors: Element[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      found.push({ element: node, ancestors });
      walk(node.children, [...ancestors, node]);
      // parse5 puts <template> content in a separate fragment.
      if (node.content) walk(node.content.children, [...ancestors, node]);
    }
  };
  walk(tree.children, []);
  return found;
}

/** Class names of an element as strings. */
export function classesOf(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}
