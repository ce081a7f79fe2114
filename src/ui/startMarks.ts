// The start's marks (performance.mark 'rehearse:…'): where the time to the first card goes.
// bench:pwa prints them; scripts/trace-start.ts lines them up with a performance trace.

/** The steps of a start, in the order they happen on the way to the first card. */
export type StartStep = 'main' | 'db-open' | 'queue-read' | 'first-card' | 'bundled-decks-checked';

const marked = new Set<StartStep>();

/** Marks the first time this page reaches `step` (later times are not the start any more). */
export function markStart(step: StartStep): void {
  if (marked.has(step)) return;
  marked.add(step);
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(`rehearse:${step}`);
}
