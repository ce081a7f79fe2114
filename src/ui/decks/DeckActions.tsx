// A deck's own actions, opened from its row: rename, export as a markdown note, and delete (an
// imported deck) or hide (a bundled deck: deleting it would not last, the next app update brings
// it back; hiding keeps its progress and lasts until the user shows it again). A lazy chunk.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { routeHref } from '../useHashRoute.ts';
import { InterviewSetting } from './interviewDate.tsx';
import { deckFootprint, deckTitle, deckWithCards, deleteDeck, renameDeck, setDeckHidden, type DeckFootprint, type RehearseDb, type StoredDeck } from '../../storage/index.ts';

interface Props {
  db: RehearseDb;
  deck: StoredDeck;
  /** Something changed: the list re-reads. */
  onChanged(message: string): void;
  onClose(): void;
  onError(error: unknown): void;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "Delete “X”? Its 120 cards and 348 reviews will be deleted. This cannot be undone." */
export function deleteQuestion(title: string, footprint: DeckFootprint): string {
  return `Delete “${title}”? Its ${count(footprint.cards, 'card', 'cards')} and ${count(footprint.reviews, 'review', 'reviews')} will be deleted. This cannot be undone.`;
}

export default function DeckActions({ db, deck, onChanged, onClose, onError }: Props) {
  const title = deckTitle(deck);
  const [name, setName] = useState(title);
  const [confirming, setConfirming] = useState<DeckFootprint | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  const imported = deck.origin === 'imported';

  useEffect(() => setName(title), [title]);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      onChanged(await work());
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const renamed = await renameDeck(db, deck.id, name);
      return `Renamed to “${deckTitle(renamed)}”.`;
    });
  };

  const exportMarkdown = () =>
    void run(async () => {
      const [{ deckToMarkdown, exportFileName }, { cards }] = await Promise.all([
        import('../../core/deck/deckToMarkdown.ts'),
        deckWithCards(db, deck.id),
      ]);
      const blob = new Blob([deckToMarkdown({ title, cards })], { type: 'text/markdown;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = exportFileName(deck.id);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return `Exported “${title}” as ${link.download} (${count(cards.length, 'card', 'cards')}).`;
    });

  return (
    <div className="deck-actions" role="group" aria-label={`Manage ${title}`}>
      <form className="deck-rename" onSubmit={rename}>
        <label htmlFor={nameId}>Deck name</label>
        <div className="deck-rename-row">
          <input id={nameId} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} disabled={busy} />
          <button type="submit" disabled={busy || name.trim() === title}>
            Rename
          </button>
        </div>
        {!imported && deck.userTitle && <p className="muted small">Leave it empty to go back to “{deck.title}”.</p>}
      </form>
      <InterviewSetting db={db} deck={deck} onChanged={onChanged} onError={onError} />
      <div className="deck-actions-row">
        <a className="button" href={routeHref({ name: 'add', deckId: deck.id })}>
          Add a card
        </a>
        <button type="button" onClick={exportMarkdown} disabled={busy}>
          Export as markdown
        </button>
        {imported ? (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void deckFootprint(db, deck.id).then(setConfirming, onError)}
          >
            Delete deck…
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(async () => (await setDeckHidden(db, deck.id, true), `“${title}” is hidden; its progress is kept. Show it again under Hidden decks.`))}
          >
            Hide deck
          </button>
        )}
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      {!imported && <p className="muted small">Bundled decks come with the app, so they are hidden rather than deleted.</p>}
      {confirming && (
        <div className="deck-confirm" role="alertdialog" aria-label="Delete deck" aria-describedby={`${nameId}-confirm`}>
          <p id={`${nameId}-confirm`}>{deleteQuestion(title, confirming)}</p>
          <div className="deck-actions-row">
            <button
              type="button"
              className="danger primary-danger"
              disabled={busy}
              autoFocus
              onClick={() =>
                void run(async () => {
                  const gone = await deleteDeck(db, deck.id);
                  return `Deleted “${title}” with ${count(gone.cards, 'card', 'cards')} and ${count(gone.reviews, 'review', 'reviews')}.`;
                })
              }
            >
              Delete
            </button>
            <button type="button" onClick={() => setConfirming(null)} disabled={busy}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
