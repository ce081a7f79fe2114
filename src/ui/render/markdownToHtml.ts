/**
 * Card markdown → sanitized HTML. This module is itself loaded lazily by
 * CardContent (unified, micromark and parse5 are too big for the first
 * screen), and it in turn loads KaTeX and highlighting only for cards that
 * need them.
 *
 * Pipeline: remark-parse + GFM + math (minus prose dollars) → remark-rehype (raw HTML kept) →
 * rehype-raw (parse the user's HTML) → rehype-sanitize (everything the user
 * wrote) → KaTeX → highlighting → media placeholders → polish → stringify. Math and highlighting
 * run after the sanitizer so their generated markup (KaTeX inline styles,
 * MathML, hljs classes) survives, while nothing the user typed skips it.
 */
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { PluggableList } from 'unified';
import { boundCardMarkdown, type PlainRestReason } from './boundMarkdown.ts';
import { detectCardFeatures } from './detect.ts';
import { remarkDollarProse } from './dollarMath.ts';
import { remarkEscapeUnsafeHtml } from './escapeUnsafeHtml.ts';
import type { CardRenderFeatures } from './detect.ts';
import { rehypeCardMedia } from './mediaPlaceholders.ts';
import { rehypeCardPolish } from './polish.ts';
import { cardSanitizeSchema } from './sanitizeSchema.ts';

type CardProcessor = ReturnType<typeof createProcessor>;

/** Rendered HTML by markdown, so flipping back to a card is instant. */
const htmlCache = new Map<string, string>();
const htmlCacheLimit = 200;

/** One processor per feature combination; building one is not free. */
const processors = new Map<string, Promise<CardProcessor>>();

/**
 * Render a card side's markdown to HTML that is safe to put in the DOM.
 *
 * Loads the math and highlighting chunks on first need. Never rejects for
 * bad math or unknown code languages (those render as text); rejects only if
 * a lazy chunk cannot be loaded.
 *
 * @param markdown card front or back, as written by the user
 * @returns sanitized HTML
 */
export async function renderCardMarkdown(markdown: string): Promise<string> {
  const cached = cachedCardHtml(markdown);
  if (cached !== undefined) return cached;
  const processor = await processorFor(detectCardFeatures(markdown));
  const html = String(await processor.process(markdown));
  remember(markdown, html);
  return html;
}

/** One card side as shown: the formatted HTML, and where the plain-text rest starts, if any. */
export interface RenderedSide {
  /** Sanitized HTML of the formatted part ('' when nothing could be formatted). */
  html: string;
  /** Offset in the side's markdown from which it is shown as plain text; absent: formatted to the end. */
  restStart?: number;
  /** Why the rest is plain: nested too deep, too long, or the renderer failed on this side. */
  reason?: PlainRestReason | 'failed';
}

/**
 * Render a card side within the renderer's bounds (see boundMarkdown.ts): the formatted part as
 * sanitized HTML, the rest left to be shown as plain text. A side the pipeline fails on (a stack
 * overflow from nesting the bounds do not see, say) resolves as all plain text, so the caller can
 * remember it and never try again; only a lazy chunk that cannot be loaded rejects.
 *
 * @param markdown card front or back, as written by the user
 */
export async function renderCardSide(markdown: string): Promise<RenderedSide> {
  const bounded = boundCardMarkdown(markdown);
  const processor = await processorFor(detectCardFeatures(bounded.markdown));
  try {
    const cached = cachedCardHtml(bounded.markdown);
    const html = cached ?? String(await processor.process(bounded.markdown));
    if (cached === undefined) remember(bounded.markdown, html);
    return bounded.restStart === undefined ? { html } : { html, restStart: bounded.restStart, reason: bounded.reason };
  } catch (error) {
    console.error('Could not format a card side; it is shown as plain text', error);
    return { html: '', restStart: 0, reason: 'failed' };
  }
}

/**
 * The HTML of an earlier `renderCardMarkdown(markdown)`, if still cached,
 * so a component can paint it synchronously.
 *
 * @param markdown card front or back
 */
export function cachedCardHtml(markdown: string): string | undefined {
  return htmlCache.get(markdown);
}

function remember(markdown: string, html: string): void {
  if (htmlCache.size >= htmlCacheLimit) {
    // Maps iterate in insertion order: drop the oldest.
    const oldest = htmlCache.keys().next();
    if (!oldest.done) htmlCache.delete(oldest.value);
  }
  htmlCache.set(markdown, html);
}

function processorFor(features: CardRenderFeatures): Promise<CardProcessor> {
  const key = `${features.math ? 'm' : ''}${features.highlight ? 'h' : ''}`;
  let processor = processors.get(key);
  if (processor === undefined) {
    processor = loadTrustedPlugins(features).then(createProcessor);
    // A failed chunk load (offline, stale deploy) must not poison later attempts.
    processor.catch(() => processors.delete(key));
    processors.set(key, processor);
  }
  return processor;
}

/** The post-sanitize plugins a card needs; `import()` makes each its own chunk. */
async function loadTrustedPlugins(features: CardRenderFeatures): Promise<PluggableList> {
  const [math, highlight] = await Promise.all([
    features.math ? import('./math.ts') : undefined,
    features.highlight ? import('./highlight.ts') : undefined,
  ]);
  const plugins: PluggableList = [];
  if (math) plugins.push(math.rehypeCardMath);
  if (highlight) plugins.push(highlight.rehypeCardHighlight);
  return plugins;
}

function createProcessor(trustedPlugins: PluggableList) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkMath)
    .use(remarkDollarProse)
    .use(remarkEscapeUnsafeHtml)
    // The sanitizer prefixes ids (against DOM clobbering); prefixing here too
    // would double it. rehypeCardPolish points `#fragment` links at the result.
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
    .use(rehypeRaw)
    .use(rehypeSanitize, cardSanitizeSchema)
    .use(trustedPlugins)
    .use(rehypeCardMedia)
    .use(rehypeCardPolish)
    .use(rehypeStringify)
    .freeze();
}
