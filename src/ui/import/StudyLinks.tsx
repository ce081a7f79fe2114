// After an import: a way to study each deck it wrote, and back to the deck list.
import { routeHref } from '../useHashRoute.ts';

export function StudyLinks({ decks }: { decks: ReadonlyArray<{ id: string; title: string }> }) {
  return (
    <div className="import-actions">
      {decks.map((deck) => (
        <a key={deck.id} className="button primary" href={routeHref({ name: 'study', deckId: deck.id })}>
          {decks.length === 1 ? 'Study now' : `Study “${deck.title}”`}
        </a>
      ))}
      <a className="button" href={routeHref({ name: 'decks' })}>
        See decks
      </a>
    </div>
  );
}
