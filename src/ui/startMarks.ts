// The start's marks (performance.mark 'rehearse:…'): where the time to the first card goes.
// bench:pwa prints them; scripts/trace-start.ts lines them up with a performance trace.
// Also the signal that the first screen's content has painted, which the start's background
// work (the bundled-deck check, sync, the icon badge) waits for on the review screen.

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
  if (step === 'first-card') afterPaint(1, contentShown);
  else if (step === 'queue-read') afterPaint(2, contentShown);
}

/**
 * Resolves once the review screen's first content (the first card, or the message that nothing
 * is due) has painted; never resolves on other screens.
 */
export function firstContentPainted(): Promise<void> {
  return firstContent;
}

/** Calls `then` once `frames` more frames have painted (a task posted from an animation frame
 * runs after that frame is painted). Without animation frames (tests), on the next task. */
function afterPaint(frames: number, then: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
    setTimeout(then, 0);
    return;
  }
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (frames > 1) afterPaint(frames - 1, then);
      else then();
    };
    channel.port2.postMessage(null);
  });
}
