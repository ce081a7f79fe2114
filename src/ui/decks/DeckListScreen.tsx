// The deck list: new / learning / due for every deck and for all decks together, kept up to date
// by a live query, so a grade, import or restore in another tab shows here at once.
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { DeckCounts } from '../../core/scheduling/queue.ts';
import { deckTitle, setDeckHidden, watchDeckList, type DeckListData, type RehearseDb } from '../../storage/index.ts';
import { BackupReminder } from '../backup/BackupReminder.tsx';
import { routeHref } from '../useHashRoute.ts';
import './decks.css';

interface Props {
  db: RehearseDb;
  dataVersion: number;
  syncing: boolean;
  onError(error: unknown): void;
}

// Rename, export, delete: a separate chunk, loaded when a deck's "Manage" opens.
const DeckActions = lazy(() => import('./DeckActions.tsx'));
// A dated deck's readiness line: a separate chunk too, loaded only when a deck has an interview date.
const InterviewReadiness = lazy(() => import('./interviewReadiness.tsx'));
// Custom study (cram, review ahead…): its sheet is a chunk of its own too (ui/custom).
const CustomStudySheet = lazy(() => import('../custom/CustomStudySheet.tsx'));

export function DeckListScreen({ db, dataVersion, syncing, onError }: Props) {
  const [data, setData] = useState<DeckListData | null>(null);
  // Bumped by the deck actions (rename, hide, delete); the live query sees those writes too, this
  // only starts it afresh (and with it the day's counts).
  const [changes, setChanges] = useState(0);
  const [managing, setManaging] = useState<string | null>(null);
  const [customizing, setCustomizing] = useState<string | null>(null);
  const customFor = (id: string, title: string) => ({
    customizing: customizing === id,
    onCustom: () => setCustomizing((open) => (open === id ? null : id)),
    customSheet: customizing === id && (
      <Suspense fallback={<p className="muted">…</p>}>
        <CustomStudySheet db={db} deckId={id} deckName={title} onClose={() => setCustomizing(null)} onError={onError} />
      </Suspense>
    ),
  });
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => watchDeckList(db, setData, onError), [db, dataVersion, changes, onError]);

  const changed = (text: string) => {
    setMessage(text);
    setChanges((n) => n + 1);
  };

  if (!data) {
    return (
      <main className="screen" aria-busy="true">
        <p className="muted">Loading decks…</p>
      </main>
    );
  }
  if (data.decks.length === 0 && data.hidden.length === 0) {
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
      {message && (
        <p className="notice deck-message" role="status">
          {message}{' '}
          <button type="button" className="link" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </p>
      )}
      <ul className="deck-list" aria-label="Decks">
        <DeckRow id="all" title="All decks" counts={data.total} highlight {...customFor('all', 'All decks')} />
        {data.decks.map((deck) => (
          <DeckRow
            key={deck.id}
            id={deck.id}
            title={deckTitle(deck)}
            description={deck.description}
            cardCount={deck.cardCount}
            counts={data.byDeck[deck.id] ?? { new: 0, learning: 0, due: 0 }}
            readiness={deck.interview && (
              <Suspense fallback={null}>
                <InterviewReadiness db={db} deckId={deck.id} refresh={dataVersion + changes} />
              </Suspense>
            )}
            managing={managing === deck.id}
            onManage={() => setManaging((open) => (open === deck.id ? null : deck.id))}
            {...customFor(deck.id, deckTitle(deck))}
          >
            {managing === deck.id && (
              <Suspense fallback={<p className="muted">…</p>}>
                <DeckActions
                  db={db}
                  deck={deck}
                  onChanged={changed}
                  onClose={() => setManaging(null)}
                  onError={onError}
                />
              </Suspense>
            )}
          </DeckRow>
        ))}
      </ul>
      {data.hidden.length > 0 && (
        <details className="hidden-decks">
          <summary>Hidden decks ({data.hidden.length})</summary>
          <ul>
            {data.hidden.map((deck) => (
              <li key={deck.id}>
                {deckTitle(deck)}{' '}
                <button type="button" onClick={() => void setDeckHidden(db, deck.id, false).then(() => changed(`“${deckTitle(deck)}” is back in the list.`), onError)}>
                  Show again
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="deck-import-hint">
        <a className="button" href={routeHref({ name: 'add' })}>Add a card</a>{' '}
        <a href={routeHref({ name: 'import' })}>Import your own notes</a>
      </p>
    </main>
  );
}

function DeckRow(props: {
  id: string;
  title: string;
  description?: string | undefined;
  cardCount?: number;
  counts: DeckCounts;
  readiness?: ReactNode;
  highlight?: boolean;
  managing?: boolean;
  onManage?(): void;
  customizing?: boolean;
  onCustom?(): void;
  customSheet?: ReactNode;
  children?: ReactNode;
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
        {props.readiness}
      </div>
      {waiting > 0 ? (
        <button type="button" className="primary" aria-describedby={headingId}
          onClick={() => (location.hash = routeHref({ name: 'study', deckId: props.id }))}>
          Study
        </button>
      ) : (
        <span className="muted done-today">Done for today</span>
      )}
      {props.onCustom && (
        // Named "Custom" (its deck as description): a name holding "Study" would be taken for the Study button.
        <button type="button" className="deck-custom" aria-expanded={props.customizing ?? false} aria-describedby={headingId}
          title="Custom study: cram, review ahead, forgotten today, more new cards" onClick={props.onCustom}>
          Custom
        </button>
      )}
      {props.onManage && (
        <button type="button" className="deck-manage" aria-expanded={props.managing ?? false} aria-label={`Manage ${props.title}`}
          title="Rename, export, delete" onClick={props.onManage}>
          ⋯
        </button>
      )}
      {props.customSheet}
      {props.children}
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
