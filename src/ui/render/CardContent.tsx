/**
 * Shows one side of a card. Paints a plain-text version at once, then the
 * sanitized HTML from the lazily loaded renderer (cached, so revisiting a
 * card paints its HTML immediately).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import './cardContent.css';
import { markdownToPlainText } from './plainText.ts';

type Renderer = typeof import('./markdownToHtml.ts');

let renderer: Renderer | undefined;
let rendererLoad: Promise<Renderer> | undefined;

/**
 * Start loading the markdown renderer chunk (e.g. when the review screen
 * mounts, before the first card is shown). Safe to call repeatedly.
 */
export function preloadCardRenderer(): Promise<Renderer> {
  rendererLoad ??= import('./markdownToHtml.ts').then(
    (module) => (renderer = module),
    (error: unknown) => {
      rendererLoad = undefined; // let a later card retry
      throw error;
    },
  );
  return rendererLoad;
}

/**
 * Render `markdown` in the background so a later `<CardContent>` of it paints
 * its HTML at once (e.g. the back while the front is shown, or the next
 * card). Failures are ignored here; CardContent reports its own.
 */
export function prerenderCardMarkdown(markdown: string): void {
  preloadCardRenderer()
    .then((module) => module.renderCardMarkdown(markdown))
    .catch(() => undefined);
}

/** Props of {@link CardContent}. */
export interface CardContentProps {
  /** Markdown of one card side, as written by the user. */
  markdown: string;
  /** Extra classes for the wrapper (which always has `card-content`). */
  className?: string;
}

interface Rendered {
  markdown: string;
  html: string;
}

/**
 * Render a card side's markdown. The HTML set on the DOM is only ever the
 * sanitizer's output; images that fail to load are replaced by their alt text.
 */
export function CardContent({ markdown, className }: CardContentProps) {
  const [rendered, setRendered] = useState<Rendered | undefined>();
  const html =
    rendered?.markdown === markdown ? rendered.html : renderer?.cachedCardHtml(markdown);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (html !== undefined) return;
    let current = true;
    preloadCardRenderer()
      .then((module) => module.renderCardMarkdown(markdown))
      .then(
        (result) => {
          if (current) setRendered({ markdown, html: result });
        },
        (error: unknown) => {
          // The plain-text version stays up; it is readable, just unformatted.
          console.error('Could not render card markdown', error);
        },
      );
    return () => {
      current = false;
    };
  }, [markdown, html]);

  // A layout effect runs in the same task as the commit, before any image
  // `error` event can be dispatched, so no failure is missed.
  useLayoutEffect(() => {
    const container = ref.current;
    if (html === undefined || container === null) return;
    // `error` does not bubble, but it can be caught on the way down.
    container.addEventListener('error', replaceFailedImage, true);
    return () => container.removeEventListener('error', replaceFailedImage, true);
  }, [html]);

  const classes = className ? `card-content ${className}` : 'card-content';
  if (html === undefined) {
    return (
      <div key="pending" className={`${classes} card-content--pending`} aria-busy="true">
        {markdownToPlainText(markdown)}
      </div>
    );
  }
  return <div key="html" ref={ref} className={classes} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Swap a broken `<img>` for its alt text, so no broken-image icon shows. */
function replaceFailedImage(event: Event): void {
  const image = event.target;
  if (!(image instanceof HTMLImageElement)) return;
  const alt = image.alt.trim();
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
