/**
 * remark-math treats any `$…$` pair as math, so prose such as "costs $5 and
 * $10" or "set $PATH and $HOME" turns into italic KaTeX. This plugin applies
 * Pandoc's rule afterwards: inline math whose content starts or ends with
 * whitespace, or whose closing `$` is directly followed by a digit, is put
 * back as the text the user typed. `\$` escapes keep working as before.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** Remark plugin: revert dollar pairs that are prose, not math (see file comment). */
export function remarkDollarProse() {
  return (tree: Root, file: { value: unknown }): undefined => {
    const source = String(file.value);
    const displayParagraphs: Array<{ paragraph: { type: string }; value: string }> = [];
    visit(tree, 'inlineMath', (node, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (parent === undefined || index === undefined || start === undefined || end === undefined) return;
      const written = source.slice(start, end);
      const inner = written.replace(/^\$+|\$+$/g, '');
      const prose = inner !== inner.trim() || /\d/.test(source.charAt(end));
      if (!prose) {
        // `$$…$$` standing alone as a paragraph is display math written on one line (common in
        // notes and PDF extracts); remark-math reads it as inline, which KaTeX then wraps.
        if (written.startsWith('$$') && parent.type === 'paragraph' && parent.children.length === 1) {
          displayParagraphs.push({ paragraph: parent, value: node.value });
        }
        return;
      }
      parent.children[index] = { type: 'text', value: written };
    });
    // Changed after the walk: turning a visited paragraph into a leaf mid-walk breaks `visit`.
    for (const { paragraph, value } of displayParagraphs) {
      const node = paragraph as { type: string; value?: string; children?: unknown; data?: unknown };
      node.type = 'math';
      node.value = value;
      delete node.children;
      // What mdast-util-math gives a `$$` block, so remark-rehype and rehype-katex treat it alike.
      node.data = {
        hName: 'pre',
        hChildren: [
          {
            type: 'element',
            tagName: 'code',
            properties: { className: ['language-math', 'math-display'] },
            children: [{ type: 'text', value }],
          },
        ],
      };
    }
  };
}
