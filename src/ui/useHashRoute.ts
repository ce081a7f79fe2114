// Routes live in the URL hash: they work from any sub-path and offline, and Back works.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'decks' }
  | { name: 'study'; deckId: string }
  | { name: 'browse' }
  | { name: 'card'; cardId: string }
  /** One card, answered now whatever its due date ("Review it now" in the card browser). */
  | { name: 'review-card'; cardId: string }
  | { name: 'settings' }
  /** `query`: what follows `?` (a share: `shared=1`, or `title`/`text`/`url`). */
  | { name: 'import'; query?: string }
  | { name: 'stats'; deckId: string }
  /** Write a card; `deckId` picks its deck, `query` may carry `front`/`back`/`tags` or a shared text. */
  | { name: 'add'; deckId?: string; query?: string }
  /** A custom study session; `spec` is `formatCustomSpec`'s text (core/study/customSession.ts), read by the screen. */
  | { name: 'custom'; spec: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'study') return { name: 'study', deckId: parts[1] || 'all' };
  // Card ids hold a '/', encoded in the URL; a hand-typed one still works.
  if (parts[0] === 'browse') return { name: 'browse' };
  if (parts[0] === 'card' && parts.length > 1) return { name: 'card', cardId: parts.slice(1).join('/') };
  if (parts[0] === 'review' && parts.length > 1) return { name: 'review-card', cardId: parts.slice(1).join('/') };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'import' || parts[0]?.startsWith('import?')) {
    const at = hash.indexOf('?');
    return { name: 'import', query: at < 0 ? '' : hash.slice(at + 1) };
  }
  // The spec keeps its own encoding: its values are decoded once, by parseCustomSpec.
  if (parts[0] === 'custom') return { name: 'custom', spec: hash.replace(/^#?\/?custom\/?/, '') };
  if (parts[0] === 'stats') return { name: 'stats', deckId: parts[1] || 'all' };
  if (parts[0] === 'add' || parts[0]?.startsWith('add?')) {
    const at = hash.indexOf('?');
    const path = (at < 0 ? hash : hash.slice(0, at)).replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    return { name: 'add', ...(path[1] ? { deckId: path[1] } : {}), ...(at >= 0 ? { query: hash.slice(at + 1) } : {}) };
  }
  return { name: 'decks' };
}

export function routeHref(route: Route): string {
  if (route.name === 'study') return `#/study/${encodeURIComponent(route.deckId)}`;
  if (route.name === 'browse') return '#/browse';
  if (route.name === 'card') return `#/card/${encodeURIComponent(route.cardId)}`;
  if (route.name === 'review-card') return `#/review/${encodeURIComponent(route.cardId)}`;
  if (route.name === 'settings') return '#/settings';
  if (route.name === 'import') return route.query ? `#/import?${route.query}` : '#/import';
  if (route.name === 'add') return `#/add${route.deckId ? `/${encodeURIComponent(route.deckId)}` : ''}${route.query ? `?${route.query}` : ''}`;
  if (route.name === 'custom') return `#/custom/${route.spec}`;
  if (route.name === 'stats') return route.deckId === 'all' ? '#/stats' : `#/stats/${encodeURIComponent(route.deckId)}`;
  return '#/';
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
