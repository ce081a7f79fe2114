// The card browser's routes as they appear in the app shell: small wrappers that load the browser
// and the card screen on first use, so neither grows the first screen's JavaScript.
import { lazy, Suspense } from 'react';
import type { RehearseDb } from '../../storage/index.ts';

const BrowseScreen = lazy(() => import('./BrowseScreen.tsx'));
const CardScreen = lazy(() => import('./CardScreen.tsx'));

function Loading({ what }: { what: string }) {
  return (
    <main className="screen" aria-busy="true">
      <p className="muted">Loading {what}…</p>
    </main>
  );
}

/** `#/browse`: search, filter and sort every card. */
export function BrowseRoute(props: { db: RehearseDb; dataVersion: number; onError(error: unknown): void }) {
  return (
    <Suspense fallback={<Loading what="the card browser" />}>
      <BrowseScreen {...props} />
    </Suspense>
  );
}

/** `#/card/<id>`: one card, its history and memory state, and what can be done with it. */
export function CardRoute(props: { db: RehearseDb; cardId: string; dataVersion: number; onError(error: unknown): void }) {
  return (
    <Suspense fallback={<Loading what="the card" />}>
      <CardScreen {...props} />
    </Suspense>
  );
}
