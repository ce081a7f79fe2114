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
    visit(tree, 'inlineMath', (node, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (parent === undefined || index === undefined || start === undefined || end === undefined) return;
      const written = source.slice(start, end);
      const inner = written.replace(/^\$+|\$+$/g, '');
      const prose = inner !== inner.trim() || /\d/.test(source.charAt(end));
      if (!prose) return;
      parent.children[index] = { type: 'text', value: written };
    });
  };
}
