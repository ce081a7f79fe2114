/**
 * Raw HTML that names a tag the sanitizer would drop (`<script>`, `<iframe>`, `<style>`, `<svg>`,
 * `<form>`…) is shown as the text the user wrote instead of vanishing: a note about web security
 * that quotes `<script>` keeps its words, and nothing in it can run. HTML built only from allowed
 * tags (`<img>`, `<details>`, `<br>`…) still goes through rehype-raw and the sanitizer.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { cardSanitizeSchema } from './sanitizeSchema.ts';

const allowedTags = new Set((cardSanitizeSchema.tagNames ?? []).map((name) => name.toLowerCase()));
const TAG = /<\/?([a-zA-Z][\w:-]*)/g;

/** Whether a piece of raw HTML names any tag the sanitizer does not allow. */
export function namesUnsafeTag(html: string): boolean {
  for (const match of html.matchAll(TAG)) {
    if (!allowedTags.has(match[1]!.toLowerCase())) return true;
  }
  return false;
}

/** Remark plugin: raw HTML with a disallowed tag becomes literal text. */
export function remarkEscapeUnsafeHtml() {
  return (tree: Root): undefined => {
    visit(tree, 'html', (node, index, parent) => {
      if (parent === undefined || index === undefined || !namesUnsafeTag(node.value)) return;
      const text = { type: 'text' as const, value: node.value };
      // A block of HTML becomes a paragraph of its text; inline HTML stays inline.
      parent.children[index] = (parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem'
        ? { type: 'paragraph', children: [text] }
        : text) as (typeof parent.children)[number];
    });
  };
}
