// The one remark processor the inline-card reader parses with, and what the bounded parse shares.
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** remark with the syntaxes notes use: GFM (tables, footnotes, autolinks) and math. */
export const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

/** Inline nodes whose text the inline-card reader masks; the only children built paragraphs keep. */
export const MASKED_INLINE_TYPES: ReadonlySet<string> = new Set([
  'inlineCode',
  'inlineMath',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'html',
  'footnoteReference',
]);

/** A check of the bounded parse that should never fail did; the caller parses the whole text instead. */
export class PieceMismatch extends Error {}
