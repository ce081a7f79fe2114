// The start's marks (performance.mark 'rehearse:…'): where the time to the first card goes.
// bench:pwa prints them; scripts/trace-start.ts lines them up with a performance trace.
// Also the signal that the first screen's content has painted, which the start's background
// work (the bundled-deck check, sync, the icon badge) waits for on the review screen.
import { afterPaint } from './afterPaint.ts';

/** The steps of a start, in the order they happen on the way to the first card. */
export type StartStep = 'main' | 'db-open' | 'queue-read' | 'first-card' | 'bundled-decks-checked';

const marked = new Set<StartStep>();

let contentShown: () => void = () => undefined;
const firstContent = new Promise<void>((resolve) => (contentShown = resolve));

/** Marks the first time this page reaches `step` (later times are not the start any more). */
export function markStart(step: StartStep): void {
  if (marked.has(step)) return;
  marked.add(step);
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(`rehearse:${step}`);
  // The card is in the DOM: shown with the next frame. An empty queue shows its message instead,
  // committed right after the queue is read: a frame more.
  if (step === 'first-card') void afterPaint(1).then(contentShown);
  else if (step === 'queue-read') void afterPaint(2).then(contentShown);
}

/**
 * Resolves once the review screen's first content (the first card, or the message that nothing
 * is due) has painted; never resolves on other screens.
 */
export function firstContentPainted(): Promise<void> {
  return firstContent;
}
