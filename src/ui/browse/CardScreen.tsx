// One card from the browser: rendered as in review, its memory state now (stability, difficulty,
// retrievability today), every answer it was given, and what can be done with it: edit (kept as
// the user's own through deck rebuilds), revert, suspend or unsuspend, reset, review it now.
import { useCallback, useEffect, useId, useState } from 'react';
import { formatInterval, State } from '../../core/scheduling/fsrs.ts';
import { loadCardDetail, memoryNow, type CardDetail } from '../../storage/browse.ts';
import { editCard, resetCard, revertCardEdit } from '../../storage/cardEdits.ts';
import { suspendCard, type RehearseDb } from '../../storage/index.ts';
import { CardContent } from '../render/CardContent.tsx';
import { daysLabel, parseTagList, plural, RATING_NAMES, STATE_NAMES } from './lib.ts';
import './browse.css';

interface Props {
  db: RehearseDb;
  cardId: string;
  dataVersion: number;
  onError(error: unknown): void;
}

const DAY = 24 * 3600_000;

const thisYear = (ms: number) => new Date(ms).getFullYear() === new Date().getFullYear();

/** "Mar 4, 21:10", with the year when it is not this one. */
function dateTime(ms: number): string {
  return new Date(ms).toLocaleString([], { ...(thisYear(ms) ? {} : { year: 'numeric' }), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A due date: the time when it is within a day, else the date. */
function when(ms: number, now: number): string {
  if (ms - now < DAY) return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return new Date(ms).toLocaleDateString([], { ...(thisYear(ms) ? {} : { year: 'numeric' }), month: 'short', day: 'numeric' });
}

export default function CardScreen({ db, cardId, dataVersion, onError }: Props) {
  const [detail, setDetail] = useState<CardDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [status, setStatus] = useState('');

  const reload = useCallback(
    () =>
      loadCardDetail(db, cardId).then(
        // The search index follows the card's writes by itself (storage/search/middleware.ts).
        (d) => setDetail(d),
        (error: unknown) => {
          if ((error as { code?: string }).code === 'not-found') setMissing(true);
          else onError(error);
        },
      ),
    [db, cardId, onError],
  );

  useEffect(() => {
    void reload();
  }, [reload, dataVersion]);

  const act = (work: () => Promise<unknown>, done: string) =>
    work().then(
      () => {
        setStatus(done);
        return reload();
      },
      onError,
    );

  if (missing) {
    return (
      <main className="screen card-screen">
        <p><a href="#/browse" className="back-link">← Browse</a></p>
        <p className="notice" role="alert">This card is not in your collection any more.</p>
      </main>
    );
  }
  if (!detail) return <main className="screen" aria-busy="true"><p className="muted">Loading the card…</p></main>;

  const { card, state, deck, reviews, settings } = detail;
  const now = Date.now();
  const schedule = state?.schedule;
  const memory = schedule ? memoryNow(schedule, now, settings) : null;
  const suspended = state?.suspended === true;

  return (
    <main className="screen card-screen" aria-label="Card">
      <div className="card-screen-top">
        <a href="#/browse" className="back-link">← Browse</a>
        <span className="muted">{deck ? (deck.userTitle ?? deck.title) : card.deckId}</span>
      </div>
      <p className="muted" role="status" aria-live="polite">{status}</p>

      <div className="card-flags">
        {card.userEdited && <span className="flag flag-edited" data-testid="edited-flag">Edited by you</span>}
        {suspended && <span className="flag flag-suspended">Suspended</span>}
        {card.hidden && <span className="flag flag-removed">Removed from its note</span>}
      </div>

      {editing ? (
        <CardEditor
          detail={detail}
          onCancel={() => setEditing(false)}
          onSave={(text) =>
            act(() => editCard(db, card.id, text), 'Saved. Your version stays when the decks are rebuilt.').then(() => setEditing(false))
          }
        />
      ) : (
        <article className="review-card" aria-label="Card content" data-card-id={card.id}>
          <div className="card-front">
            <CardContent markdown={card.front} />
          </div>
          <hr className="answer-rule" />
          <section className="card-back" aria-label="Answer">
            <CardContent markdown={card.back} />
          </section>
          {card.tags.length > 0 && (
            <ul className="card-tags" aria-label="Tags">
              {card.tags.map((t) => <li key={t}>{t}</li>)}
            </ul>
          )}
        </article>
      )}

      {!editing && (
        <div className="card-screen-actions">
          <a className="button primary" href={`#/review/${encodeURIComponent(card.id)}`}>Review it now</a>
          <button type="button" onClick={() => setEditing(true)}>Edit</button>
          <button type="button" onClick={() => act(() => suspendCard(db, card.id, !suspended), suspended ? 'Unsuspended: the card is back in its deck’s queue.' : 'Suspended: the card stays out of every queue until you unsuspend it.')}>
            {suspended ? 'Unsuspend' : 'Suspend'}
          </button>
          {schedule && schedule.state !== State.New && (
            <button type="button" onClick={() => setConfirmReset(true)} aria-expanded={confirmReset}>Reset progress…</button>
          )}
          {card.userEdited && card.original && (
            <button type="button" className="link" onClick={() => act(() => revertCardEdit(db, card.id), 'Back to the note’s version.')}>
              Revert to the note’s version
            </button>
          )}
        </div>
      )}

      {confirmReset && (
        <div className="notice confirm" role="group" aria-label="Reset progress">
          <p>
            The card becomes new again and comes back with the new cards of its deck. Its{' '}
            {plural(reviews.length, 'review')} stay in the history.
          </p>
          <button type="button" className="danger" onClick={() => act(() => resetCard(db, card.id, Date.now()), 'Progress reset: the card is new again.').then(() => setConfirmReset(false))}>
            Reset progress
          </button>{' '}
          <button type="button" onClick={() => setConfirmReset(false)}>Cancel</button>
        </div>
      )}

      <section className="card-section" aria-labelledby="memory-heading">
        <h3 id="memory-heading">Memory now</h3>
        {!schedule || schedule.state === State.New ? (
          <p className="muted">Not studied yet{reviews.length > 0 ? ' (progress was reset)' : ''}.</p>
        ) : (
          <dl className="memory-facts">
            <div><dt>State</dt><dd>{STATE_NAMES[schedule.state]}</dd></div>
            <div><dt>Due</dt><dd>{schedule.due <= now ? `now (since ${formatInterval(now - schedule.due)})` : `${when(schedule.due, now)} (in ${formatInterval(schedule.due - now)})`}</dd></div>
            {memory && (
              <>
                <div><dt>Retrievability today</dt><dd data-testid="retrievability">{(memory.retrievability * 100).toFixed(memory.retrievability > 0.995 ? 1 : 0)}%</dd></div>
                <div><dt>Stability</dt><dd>{daysLabel(memory.stability)}</dd></div>
                <div><dt>Difficulty</dt><dd>{memory.difficulty.toFixed(1)} / 10</dd></div>
                <div><dt>Last answered</dt><dd>{memory.elapsedDays < 1 ? 'today' : `${daysLabel(memory.elapsedDays)} ago`}</dd></div>
              </>
            )}
            <div><dt>Reviews</dt><dd>{schedule.reps}</dd></div>
            <div><dt>Lapses</dt><dd>{schedule.lapses}</dd></div>
          </dl>
        )}
      </section>

      <section className="card-section" aria-labelledby="history-heading">
        <h3 id="history-heading">History</h3>
        {reviews.length === 0 ? (
          <p className="muted">No answers yet.</p>
        ) : (
          <div className="history-scroll" tabIndex={0} role="region" aria-label="Review history">
            <table className="history">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Answer</th>
                  <th scope="col">After</th>
                  <th scope="col">Next in</th>
                  <th scope="col">Took</th>
                </tr>
              </thead>
              <tbody>
                {[...reviews].reverse().map((r, i, all) => {
                  const previous = all[i + 1];
                  const gap = previous ? r.reviewedAt - previous.reviewedAt : null;
                  const reset = r.stateBefore.state === State.New && i < all.length - 1;
                  return (
                    <tr key={r.id ?? `${r.reviewedAt}`}>
                      <td>{dateTime(r.reviewedAt)}{reset && <span className="muted"> (after reset)</span>}</td>
                      <td className={`rating rating-${r.rating}`}>{RATING_NAMES[r.rating] ?? r.rating}</td>
                      <td>{gap === null || reset ? 'first' : gap < DAY ? formatInterval(gap) : daysLabel(gap / DAY)}</td>
                      <td>{formatInterval(r.stateAfter.due - r.reviewedAt)}</td>
                      <td>{r.durationMs >= 1000 ? `${Math.round(r.durationMs / 1000)}s` : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}

function CardEditor({ detail, onSave, onCancel }: {
  detail: CardDetail;
  onSave(text: { front: string; back: string; tags: string[] }): void;
  onCancel(): void;
}) {
  const { card } = detail;
  const [front, setFront] = useState(card.front);
  const [back, setBack] = useState(card.back);
  const [tags, setTags] = useState(card.tags.join(' '));
  const id = useId();
  return (
    <form className="card-editor" onSubmit={(e) => {
      e.preventDefault();
      if (front.trim()) onSave({ front, back, tags: parseTagList(tags) });
    }}>
      <p className="muted">Markdown, as in your notes. Your version is kept when the decks are rebuilt; you can revert to the note’s version later.</p>
      <label htmlFor={`${id}-front`}>Question</label>
      <textarea id={`${id}-front`} value={front} onChange={(e) => setFront(e.target.value)} rows={3} required />
      <label htmlFor={`${id}-back`}>Answer</label>
      <textarea id={`${id}-back`} value={back} onChange={(e) => setBack(e.target.value)} rows={10} />
      <label htmlFor={`${id}-tags`}>Tags</label>
      <input id={`${id}-tags`} type="text" value={tags} onChange={(e) => setTags(e.target.value)} spellCheck={false} />
      <p className="muted hint">Separated by spaces or commas.</p>
      <div className="card-screen-actions">
        <button type="submit" className="primary" disabled={!front.trim()}>Save</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
