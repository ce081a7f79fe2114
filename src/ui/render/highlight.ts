/**
 * Lazily loaded syntax highlighting for fenced code: highlight.js through
 * lowlight (which yields hast, so no HTML re-parsing), with a short list of
 * languages instead of highlight.js's bundled "common" set. Imported via
 * `import()` only for cards that have a fence with a language.
 *
 * rehype-highlight is not used: it imports lowlight's `common` grammars
 * unconditionally, which would put ~37 languages in this chunk.
 */
import './highlight.css';
import type { Element, ElementContent, Root } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';
import { visit } from 'unist-util-visit';

const lowlight = createLowlight({
  bash,
  c,
  cpp,
  go,
  java,
  javascript,
  json,
  plaintext,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
});
// Grammars bring their own aliases (py, js, ts, sh, yml, rs, golang, html…);
// these are the ones notes use that highlight.js does not know.
lowlight.registerAlias({ bash: ['shell', 'console', 'terminal'], plaintext: ['plain', 'none'] });

/** Names and aliases that get highlighted; anything else stays plain `<code>`. */
export function highlightedLanguages(): string[] {
  return lowlight.listLanguages();
}

/**
 * Rehype plugin: highlight `<pre><code class="language-x">` blocks whose
 * language is registered. Runs after sanitizing; it only adds `<span
 * class="hljs-…">` around text the sanitizer already let through.
 */
export function rehypeCardHighlight() {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node, _index, parent) => {
      if (node.tagName !== 'code' || parent?.type !== 'element' || parent.tagName !== 'pre') {
        return;
      }
      const language = languageOf(node);
      if (language === undefined || !lowlight.registered(language)) return;
      const result = lowlight.highlight(language, textOf(node), { prefix: 'hljs-' });
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties.className = ['hljs', ...classes];
      node.children = result.children as ElementContent[];
    });
  };
}

function languageOf(node: Element): string | undefined {
  const classes = node.properties.className;
  if (!Array.isArray(classes)) return undefined;
  for (const value of classes) {
    const name = String(value);
    if (name.startsWith('language-')) return name.slice('language-'.length).toLowerCase();
  }
  return undefined;
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
