/**
 * Lazily loaded math support: KaTeX, its stylesheet and fonts. Only imported
 * (via `import()`) for cards whose markdown contains math, so none of it is
 * in the first screen's JS or CSS.
 */
import 'katex/dist/katex.min.css';
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
