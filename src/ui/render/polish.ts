/**
 * Rehype plugin run after sanitizing: adds only constant, trusted markup that
 * the layout needs (scroll boxes around tables, lazy images, external links
 * that leave the app in a new context).
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Must match the sanitizer's `clobberPrefix` (hast-util-sanitize's default). */
const idPrefix = 'user-content-';

/**
 * Wrap tables in `<div class="card-scroll">` so wide ones scroll inside their
 * own box; make images lazy, and hold back those of other sites; open absolute http(s) links outside the app
 * with `rel="noopener noreferrer"`; point `#fragment` links (footnotes) at
 * the prefixed ids the sanitizer produced; drop empty `class` attributes.
 */
export function rehypeCardPolish() {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'table' && parent && index !== undefined) {
        const wrapper: Element = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['card-scroll'] },
          children: [node],
        };
        // The walk still descends into `node`, so links and images in cells are seen.
        parent.children[index] = wrapper;
        return;
      }
      if (node.tagName === 'img') {
        node.properties.loading = 'lazy';
        node.properties.decoding = 'async';
        // Another site's image tells it who looks at the card, and when: it is not an <img> until
        // the user allows remote images for the deck (CardContent), just its alt text in a
        // placeholder that keeps the address; allowed, it is fetched without a Referer.
        const src = node.properties.src;
        if (typeof src === 'string' && /^(?:https?:)?\/\//i.test(src.trim()) && parent && index !== undefined) {
          const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
          const held: Element = {
            type: 'element',
            tagName: 'span',
            properties: {
              className: ['card-img-remote'],
              dataRemoteSrc: src,
              dataAlt: alt,
              ...(typeof node.properties.title === 'string' ? { title: node.properties.title } : {}),
              role: 'img',
              ariaLabel: alt || 'Image from another site',
            },
            children: [{ type: 'text', value: alt || 'Image from another site' }],
          };
          parent.children[index] = held;
          return;
        }
      }
      if (node.tagName === 'a' && typeof node.properties.href === 'string') {
        const href = node.properties.href;
        if (/^https?:/i.test(href)) {
          node.properties.target = '_blank';
          node.properties.rel = ['noopener', 'noreferrer'];
        } else if (href.startsWith('#') && !href.startsWith('#' + idPrefix)) {
          node.properties.href = '#' + idPrefix + href.slice(1);
        }
      }
      const className = node.properties.className;
      if (Array.isArray(className) && className.length === 0) delete node.properties.className;
    });
  };
}
