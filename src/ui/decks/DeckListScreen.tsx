// The deck list: new / learning / due for every deck and for all decks together.
import { useEffect, useState } from 'react';
import type { DeckCounts } from '../../core/scheduling/queue.ts';
import { deckCounts, listDecks, type RehearseDb, type StoredDeck } from '../../storage/index.ts';
import { BackupReminder } from '../backup/BackupReminder.tsx';
import { routeHref } from '../useHashRoute.ts';
import './decks.css';

interface Props {
  db: RehearseDb;
  dataVersion: number;
  syncing: boolean;
  onError(error: unknown): void;
}

interface Loaded {
  decks: StoredDeck[];
  byDeck: Record<string, DeckCounts>;
  total: DeckCounts;
}

export function DeckListScreen({ db, dataVersion, syncing, onError }: Props) {
  const [data, setData] = useState<Loaded | null>(null);

  useEffect(() => {
    let cancelled = false;
    const now = Date.now();
    Promise.all([listDecks(db), deckCounts(db, now)])
      .then(([decks, counts]) => {
        if (!cancelled) setData({ decks, byDeck: counts.byDeck, total: counts.total });
      })
      .catch(onError);
    return () => {
      cancelled = true;
    };
  }, [db, dataVersion, onError]);

  if (!data) {
    return (
      <main className="screen" aria-busy="true">
        <p className="muted">Loading decks…</p>
      </main>
    );
  }
  if (data.decks.length === 0) {
    return (
      <main className="screen" aria-busy={syncing}>
        <h2>Decks</h2>
        <p className="muted">{syncing ? 'Preparing the bundled decks…' : 'No decks yet.'}</p>
      </main>
    );
  }
  return (
    <main className="screen">
      <h2 className="visually-hidden">Decks</h2>
      <BackupReminder db={db} onError={onError} />
      <ul className="deck-list" aria-label="Decks">
        <DeckRow id="all" title="All decks" counts={data.total} highlight />
        {data.decks.map((deck) => (
          <DeckRow
            key={deck.id}
            id={deck.id}
            title={deck.title}
            description={deck.description}
            cardCount={deck.cardCount}
            counts={data.byDeck[deck.id] ?? { new: 0, learning: 0, due: 0 }}
          />
        ))}
      </ul>
    </main>
  );
}

function DeckRow(props: {
  id: string;
  title: string;
  description?: string | undefined;
  cardCount?: number;
  counts: DeckCounts;
  highlight?: boolean;
}) {
  const { counts } = props;
  const waiting = counts.new + counts.learning + counts.due;
  const headingId = `deck-${props.id}`;
  return (
    <li className={`deck-row${props.highlight ? ' all' : ''}`} aria-labelledby={headingId} data-deck-id={props.id}>
      <div className="deck-info">
        <h3 id={headingId}>{props.title}</h3>
        {props.description && <p className="muted deck-description">{props.description}</p>}
        <CountsLine counts={counts} labelled />
        {props.cardCount !== undefined && <span className="muted deck-size">{props.cardCount} cards</span>}
      </div>
      {waiting > 0 ? (
        <button type="button" className="primary" aria-describedby={headingId}
          onClick={() => (location.hash = routeHref({ name: 'study', deckId: props.id }))}>
          Study
        </button>
      ) : (
        <span className="muted done-today">Done for today</span>
      )}
    </li>
  );
}

export function CountsLine({ counts, labelled = false }: { counts: DeckCounts; labelled?: boolean }) {
  const part = (kind: 'new' | 'learning' | 'due', className: string, value: number) => (
    <span className={className} title={kind[0]!.toUpperCase() + kind.slice(1)}>
      <span data-count={kind}>{value}</span>
      <span className={labelled ? 'count-label' : 'visually-hidden'}> {kind}</span>
    </span>
  );
  return (
    <span className="counts">
      {part('new', 'new', counts.new)}
      {part('learning', 'learn', counts.learning)}
      {part('due', 'due', counts.due)}
    </span>
  );
}
