/**
 * Lazily loaded math support: KaTeX, for the renderer worker. Only imported (via `import()`)
 * for cards whose markdown contains math. Its stylesheet and fonts are the page's, loaded by
 * mathStyles.ts: imported here too, they were built into a second copy of the stylesheet.
 */
import rehypeKatex from 'rehype-katex';
import type { Options as KatexOptions } from 'rehype-katex';
import type { Pluggable } from 'unified';

/**
 * KaTeX settings for user-written math. `trust: false` keeps `\href`,
 * `\url`, `\includegraphics` and `\html*` from producing links, images or
 * arbitrary attributes; the size limits stop a card from freezing the tab.
 */
export const cardKatexOptions: Readonly<KatexOptions> = {
  trust: false,
  strict: 'ignore',
  maxSize: 20,
  maxExpand: 500,
  output: 'htmlAndMathml',
};

/** The rehype plugin, configured, ready for `processor.use()`. Runs after sanitizing. */
export const rehypeCardMath: Pluggable = [rehypeKatex, cardKatexOptions];
