// When the bridge wakes to push: after a write to the database (debounced, so a burst of grades
// is one push), when the network comes back, and when the page is shown again.

import { onDatabaseChange, type RehearseDb } from '../storage/db.ts';

/** Debounce of database changes before the outbox is drained. */
export const WAKE_DEBOUNCE_MS = 300;

/** Calls `wake` `debounceMs` after the last of a burst of calls; returns it and a cancel. */
export function debounced(wake: () => void, debounceMs = WAKE_DEBOUNCE_MS): { call(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call() {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        wake();
      }, debounceMs);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The bridge's `watch` in the browser: database changes (debounced), `online`, the page shown again. */
export function browserTriggers(db: RehearseDb, debounceMs = WAKE_DEBOUNCE_MS): (wake: () => void) => () => void {
  return (wake) => {
    const soon = debounced(wake, debounceMs);
    const stopDb = onDatabaseChange(db, () => soon.call());
    const onOnline = () => wake();
    const onVisible = () => {
      if (document.visibilityState === 'visible') wake();
    };
    const hasWindow = typeof window !== 'undefined';
    if (hasWindow) window.addEventListener('online', onOnline);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
    return () => {
      soon.cancel();
      stopDb();
      if (hasWindow) window.removeEventListener('online', onOnline);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
    };
  };
}
