/**
 * Cheap checks on raw markdown that decide which heavy renderer chunks a card
 * needs. False positives only cost a lazy chunk load; false negatives would
 * leave math or code unformatted, so the patterns are generous.
 */

/** Which optional parts of the renderer a card needs. */
export interface CardRenderFeatures {
  /** `$…$`, `$$…$$` or a ```` ```math ```` fence: load KaTeX. */
  readonly math: boolean;
  /** A fenced block with an info string (or raw `language-*` code): load highlighting. */
  readonly highlight: boolean;
}

// A fence opener with an info string, possibly inside list items or quotes.
const fenceWithLanguage = /^[ \t>*+\-\d.]*(?:`{3,}|~{3,})[ \t]*[^\s`~]/m;
const mathFence = /^[ \t>*+\-\d.]*(?:`{3,}|~{3,})[ \t]*math\b/m;

/**
 * Decide which optional renderer parts `markdown` needs, without parsing it.
 *
 * @param markdown card front or back, as written by the user
 */
export function detectCardFeatures(markdown: string): CardRenderFeatures {
  return {
    math: markdown.includes('$') || mathFence.test(markdown),
    highlight: fenceWithLanguage.test(markdown) || markdown.includes('language-'),
  };
}
