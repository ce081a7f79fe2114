/**
 * Shows one side of a card. Paints a plain-text version at once, then the sanitized HTML that the
 * renderer worker sends back (remembered, so revisiting a card paints its HTML immediately, and a
 * side that cannot be formatted is shown as plain text without trying again). The main thread
 * never parses markdown: it only sets HTML of bounded size (see boundMarkdown.ts).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import './cardContent.css';
import { groupedNumber } from '../../core/text/groupedNumber.ts';
import type { RenderedSide } from './markdownToHtml.ts';
import { markdownToPlainText } from './plainText.ts';
import { renderedSide, renderSide, startRenderer } from './renderClient.ts';
import { RemoteImages } from './RemoteImages.tsx';
import { hasMediaPlaceholders } from './mediaClass.ts';
import { useCardMedia } from './useCardMedia.ts';
import { markStart } from '../startMarks.ts';

/** Characters of the quick plain-text version painted while a side renders. */
const PLACEHOLDER_CHARS = 4_000;
/** Characters of plain-text rest shown at a time ("Show more" adds as many again): laying out
 * 20,000 characters of wrapped monospace took 120 ms on a loaded machine, so a page is 8,000. */
const PLAIN_PAGE_CHARS = 8_000;

/**
 * Start the card renderer (its worker and first chunk) before the first card is shown, e.g.
 * when the review screen mounts. Safe to call repeatedly.
 */
export function preloadCardRenderer(): Promise<void> {
  startRenderer();
  return Promise.resolve();
}

/**
 * Render `markdown` in the background so a later `<CardContent>` of it paints its HTML at once
 * (e.g. the back while the front is shown, or the next card). Failures are ignored here;
 * CardContent reports its own.
 */
export function prerenderCardMarkdown(markdown: string): void {
  renderSide(markdown).catch(() => undefined);
}

/** Props of {@link CardContent}. */
export interface CardContentProps {
  /** Markdown of one card side, as written by the user. */
  markdown: string;
  /** Extra classes for the wrapper (which always has `card-content`). */
  className?: string;
  /**
   * The deck the card belongs to, for the remote-images permission and its stored media; without it, the deck is
   * read from the enclosing `[data-card-id]` (card ids start with their deck's id).
   */
  deckId?: string;
}

/**
 * Render a card side's markdown. The HTML set on the DOM is only ever the sanitizer's output
 * (with the deck's own media filled in by blob: URLs, see cardMedia.ts); images that fail to load
 * are replaced by their alt text; images of other sites wait for the user's permission for the deck.
 */
export function CardContent({ markdown, className, deckId }: CardContentProps) {
  const [rendered, setRendered] = useState<{ markdown: string; side: RenderedSide } | undefined>();
  const side = rendered?.markdown === markdown ? rendered.side : renderedSide(markdown);
  const ref = useRef<HTMLDivElement>(null);
  const media = useCardMedia(side !== undefined && hasMediaPlaceholders(side.html) ? side.html : undefined, deckId, ref);

  useEffect(() => {
    if (side !== undefined) return;
    let current = true;
    renderSide(markdown).then(
      (result) => {
        if (current) setRendered({ markdown, side: result });
      },
      (error: unknown) => {
        // The renderer could not be loaded: show the side as plain text (a later visit retries).
        console.error('Could not load the card renderer', error);
        if (current) setRendered({ markdown, side: { html: '', restStart: 0, reason: 'failed' } });
      },
    );
    return () => {
      current = false;
    };
  }, [markdown, side]);

  // The start's mark: the first card side is in the DOM (this commit).
  useLayoutEffect(() => markStart('first-card'), []);

  // A layout effect runs in the same task as the commit, before any image
  // `error` event can be dispatched, so no failure is missed.
  useLayoutEffect(() => {
    const container = ref.current;
    if (side === undefined || container === null) return;
    // `error` does not bubble, but it can be caught on the way down.
    container.addEventListener('error', replaceFailedImage, true);
    return () => container.removeEventListener('error', replaceFailedImage, true);
  }, [side]);

  const classes = className ? `card-content ${className}` : 'card-content';
  if (side === undefined) {
    return (
      <div key="pending" className={`${classes} card-content--pending`} aria-busy="true">
        {placeholderText(markdown)}
      </div>
    );
  }
  const html = media.html ?? side.html;
  const remote = html.includes('class="card-img-remote"');
  if (side.restStart === undefined && !remote) {
    return <div key="html" ref={ref} className={classes} onClick={media.onClick} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return (
    <div key="parts" ref={ref} className={classes} onClick={media.onClick}>
      {remote && <RemoteImages container={ref} html={html} deckId={deckId} />}
      {html !== '' && <div className="card-content-html" dangerouslySetInnerHTML={{ __html: html }} />}
      {side.restStart !== undefined && <PlainRest markdown={markdown} start={side.restStart} reason={side.reason} />}
    </div>
  );
}

/** The quick plain text: only the side's start, so a huge side costs no more than a small one. */
function placeholderText(markdown: string): string {
  if (markdown.length <= PLACEHOLDER_CHARS) return markdownToPlainText(markdown);
  return `${markdownToPlainText(markdown.slice(0, PLACEHOLDER_CHARS))}…`;
}

const REST_SENTENCES: Record<NonNullable<RenderedSide['reason']>, string> = {
  nesting: 'The rest is nested too deeply to format, so it is shown as plain text.',
  length: 'The rest of this side is too long to format, so it is shown as plain text.',
  failed: 'This side could not be formatted, so it is shown as plain text.',
};

/** The side from `start` on, as the text written, a page at a time. */
function PlainRest({ markdown, start, reason }: { markdown: string; start: number; reason: RenderedSide['reason'] }) {
  const [shown, setShown] = useState(PLAIN_PAGE_CHARS);
  const end = Math.min(markdown.length, start + shown);
  const left = markdown.length - end;
  return (
    <div className="card-plain-rest">
      <p className="card-plain-note" role="note">
        {REST_SENTENCES[reason ?? 'failed']}
      </p>
      <div className="card-plain-text">{capIndent(markdown.slice(start, end))}</div>
      {left > 0 && (
        <button type="button" className="card-plain-more" onClick={() => setShown((n) => n + PLAIN_PAGE_CHARS)}>
          {`Show more (${groupedNumber(left)} characters left)`}
        </button>
      )}
    </div>
  );
}

/** Indentation shown at most, so lines nested hundreds of levels deep stay on the card. */
const MAX_SHOWN_INDENT = 12;

/** The text with each line's leading spaces and tabs capped at {@link MAX_SHOWN_INDENT} columns. */
function capIndent(text: string): string {
  return text.replace(/^[ \t]{13,}/gm, ' '.repeat(MAX_SHOWN_INDENT));
}

/** Swap a broken `<img>` for its alt text (a stored file that does not decode: its name), so no broken-image icon shows. */
function replaceFailedImage(event: Event): void {
  const image = event.target;
  if (!(image instanceof HTMLImageElement)) return;
  const alt = image.alt.trim() || (image.dataset.mediaName ?? '');
  if (alt === '') {
    image.remove();
    return;
  }
  const placeholder = document.createElement('span');
  placeholder.className = 'card-img-missing';
  placeholder.textContent = alt;
  placeholder.setAttribute('role', 'img');
  placeholder.setAttribute('aria-label', alt);
  image.replaceWith(placeholder);
}
