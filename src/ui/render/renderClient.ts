/**
 * The page's handle on the card renderer: sides are rendered in a Web Worker (one for the app,
 * started on first need) and remembered here, so a side shown again paints at once, and a side
 * the renderer failed on is not tried again. Where there is no Worker (server rendering in
 * tests), the same renderer runs in-process.
 */
import type { RenderRequest, RenderResponse } from '../../workers/renderProtocol.ts';
import type { RenderedSide } from './markdownToHtml.ts';
import { afterPaint } from '../afterPaint.ts';

/** Sides by markdown, oldest first; failures too, so a card that cannot be formatted never is again. */
const sides = new Map<string, RenderedSide>();
const sideLimit = 200;
/** Sides asked for and not yet answered, so asking twice waits for one answer. */
const inFlight = new Map<string, Promise<RenderedSide>>();

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve(side: RenderedSide): void; reject(error: Error): void }>();

/**
 * The side of `markdown` rendered earlier, if still remembered, so a component can paint it
 * synchronously.
 */
export function renderedSide(markdown: string): RenderedSide | undefined {
  return sides.get(markdown);
}

/**
 * Render one card side (see `renderCardSide`). Resolves with the side, or rejects only when the
 * renderer could not be loaded (offline on a stale deploy), which a later call retries.
 *
 * @param markdown card front or back, as written by the user
 */
export function renderSide(markdown: string): Promise<RenderedSide> {
  const known = sides.get(markdown);
  if (known) return Promise.resolve(known);
  let pending = inFlight.get(markdown);
  if (!pending) {
    pending = renderAndRemember(markdown).finally(() => inFlight.delete(markdown));
    inFlight.set(markdown, pending);
  }
  return pending;
}

async function renderAndRemember(markdown: string): Promise<RenderedSide> {
  const side = await (typeof Worker === 'undefined' ? renderInProcess(markdown) : renderInWorker(markdown));
  await stylesFor(side.html);
  remember(markdown, side);
  return side;
}

/** Start the renderer (the worker, and its first chunk) before the first card needs it. */
export function startRenderer(): void {
  if (typeof Worker !== 'undefined') void afterAPaint().then(rendererWorker);
}

/**
 * The stylesheets a side's HTML needs, loaded into the page before it is shown: the worker renders
 * KaTeX and highlighted code, but only the page can apply their CSS.
 */
function stylesFor(html: string): Promise<unknown> {
  return Promise.all([
    html.includes('class="katex') ? import('./mathStyles.ts') : undefined,
    html.includes('class="hljs') ? import('./highlightStyles.ts') : undefined,
  ]);
}

function remember(markdown: string, side: RenderedSide): void {
  if (sides.size >= sideLimit) {
    const oldest = sides.keys().next();
    if (!oldest.done) sides.delete(oldest.value);
  }
  sides.set(markdown, side);
}

async function renderInProcess(markdown: string): Promise<RenderedSide> {
  const { renderCardSide } = await import('./markdownToHtml.ts');
  return renderCardSide(markdown);
}

async function renderInWorker(markdown: string): Promise<RenderedSide> {
  // Starting a module worker costs the page's main thread tens of ms on a slow phone: asked for
  // by the first card's effect, it would hold back that card's paint. It starts after one.
  if (!worker) await afterAPaint();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    rendererWorker().postMessage({ id, markdown } satisfies RenderRequest);
  });
}

/** Longest wait for a painted frame (a hidden tab paints none). */
const PAINT_WAIT_MS = 500;
let painted: Promise<void> | undefined;

/** Resolves once a frame has painted after the first call (or PAINT_WAIT_MS); later calls at once. */
function afterAPaint(): Promise<void> {
  painted ??= afterPaint(1, PAINT_WAIT_MS);
  return painted;
}

function rendererWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('../../workers/renderWorker.ts', import.meta.url), { type: 'module', name: 'render' });
  started.addEventListener('message', (event: MessageEvent<RenderResponse>) => {
    const message = event.data;
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (message.ok) entry.resolve(message.side);
    else entry.reject(new Error(message.message));
  });
  started.addEventListener('error', (event) => {
    // A worker that fails to load (or dies) fails every waiting side; the next one starts a new worker.
    const error = new Error(event.message || 'The card renderer stopped.');
    for (const [id, entry] of waiting) {
      waiting.delete(id);
      entry.reject(error);
    }
    started.terminate();
    if (worker === started) worker = undefined;
  });
  worker = started;
  return started;
}
