// The card browser's routes as they appear in the app shell: small wrappers that load the browser
// and the card screen on first use, so neither grows the first screen's JavaScript.
import type { RehearseDb } from '../../storage/index.ts';
import { lazyScreen } from '../lazyScreen.tsx';

const BrowseScreen = lazyScreen('card browser', () => import('./BrowseScreen.tsx').then((m) => m.default));
const CardScreen = lazyScreen('card screen', () => import('./CardScreen.tsx').then((m) => m.default));

/** Loads both screens' code, so a tap on Browse or a card renders them at once. */
export function preloadBrowseRoutes(): Promise<void> {
  return Promise.all([BrowseScreen.preload(), CardScreen.preload()]).then(() => undefined);
}

function Loading({ what }: { what: string }) {
  return (
    <main className="screen" aria-busy="true">
      <p className="muted">Loading {what}…</p>
    </main>
  );
}

/** `#/browse`: search, filter and sort every card. */
export function BrowseRoute(props: { db: RehearseDb; dataVersion: number; onError(error: unknown): void }) {
  return <BrowseScreen {...props} fallback={<Loading what="the card browser" />} />;
}

/** `#/card/<id>`: one card, its history and memory state, and what can be done with it. */
export function CardRoute(props: { db: RehearseDb; cardId: string; dataVersion: number; onError(error: unknown): void }) {
  return <CardScreen {...props} fallback={<Loading what="the card" />} />;
}
