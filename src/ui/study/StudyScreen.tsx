// The review screen: front, "Show answer", four grades with their intervals, undo, bury and
// suspend. The session logic is the pure reducer in core/review; this screen renders it and
// writes each effect to storage, one at a time and in order.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { initialSession, reviewReducer, canUndo, sessionCounts, type ReviewSession } from '../../core/review/session.ts';
import { GRADES, previewIntervals, Rating, formatInterval, type Grade } from '../../core/scheduling/fsrs.ts';
import type { QueueState } from '../../core/scheduling/queue.ts';
import type { SchedulerSettings } from '../../core/scheduling/settings.ts';
import {
  buryCard,
  nextDueAfter,
  recordReview,
  StorageError,
  studyQueue,
  suspendCard,
  undoLastReview,
  type RehearseDb,
  type StoredCard,
} from '../../storage/index.ts';
import { CardContent, prerenderCardMarkdown } from '../render/CardContent.tsx';
import { CountsLine } from '../decks/DeckListScreen.tsx';
import { requestPersistentStorage } from '../persistence.ts';
import { refreshAppBadge } from '../../pwa/appBadge.ts';
import './study.css';

interface Props {
  db: RehearseDb;
  deckId: string;
  /** Study just this card, due or not ("Review it now" in the card browser). */
  cardId?: string;
  onError(error: unknown): void;
}

const GRADE_NAMES: Record<Grade, string> = {
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

const EMPTY_QUEUE: QueueState = { learning: [], main: [], dayEnd: 0, learnAheadMs: 0 };

export function StudyScreen({ db, deckId, cardId, onError }: Props) {
  const [session, dispatch] = useReducer(reviewReducer, EMPTY_QUEUE, initialSession);
  const [cards, setCards] = useState<Record<string, StoredCard>>({});
  const [settings, setSettings] = useState<SchedulerSettings | null>(null);
  const [nextDue, setNextDue] = useState<number | undefined>();
  const [reloadKey, setReloadKey] = useState(0);
  const writes = useRef(Promise.resolve());
  const showAnswerRef = useRef<HTMLButtonElement>(null);

  // Load (or reload, after a day rollover or a stale write) the day's queue.
  useEffect(() => {
    let cancelled = false;
    // The markdown renderer (about 100 KB) is not preloaded here: its download and compile would
    // delay the first card. CardContent starts it after the card's plain text has painted.
    (cardId !== undefined
      ? import('../../storage/browse.ts').then((m) => m.singleCardQueue(db, cardId, Date.now()))
      : studyQueue(db, deckId, Date.now())
    )
      .then((loaded) => {
        if (cancelled) return;
        setCards(loaded.cards);
        setSettings(loaded.settings);
        dispatch({ type: 'start', queue: loaded.queue, now: Date.now() });
      })
      .catch(onError);
    return () => {
      cancelled = true;
    };
  }, [db, deckId, cardId, reloadKey, onError]);

  // Persist what the reducer asks for, strictly in order (an undo must follow its grade).
  useEffect(() => {
    const effect = session.effect;
    if (!effect) return;
    writes.current = writes.current.then(async () => {
      try {
        if (effect.kind === 'record') {
          const stored = await recordReview(db, effect);
          dispatch({ type: 'stored', cardId: stored.cardId, schedule: stored.schedule, version: stored.version, now: Date.now() });
          if (session.tally.answered === 1) void requestPersistentStorage();
          refreshAppBadge(db);
        } else if (effect.kind === 'undo') {
          await undoLastReview(db, effect.cardId);
        } else if (effect.kind === 'bury') {
          await buryCard(db, effect.cardId, effect.now);
        } else {
          await suspendCard(db, effect.cardId, true);
        }
      } catch (error) {
        onError(error);
        if (error instanceof StorageError && error.code === 'stale-state') setReloadKey((k) => k + 1);
      }
    });
  }, [session.effect, session.tally.answered, db, onError]);

  // Learning cards due in a few minutes come back by themselves.
  useEffect(() => {
    if (session.phase !== 'waiting' || session.waitUntil === null) return;
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), Math.max(0, session.waitUntil - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [session.phase, session.waitUntil]);

  // A session left open past the day's end starts the next day's queue.
  useEffect(() => {
    if (!session.queue.dayEnd) return;
    const timer = setTimeout(() => setReloadKey((k) => k + 1), Math.max(0, session.queue.dayEnd - Date.now()) + 1000);
    return () => clearTimeout(timer);
  }, [session.queue.dayEnd]);

  useEffect(() => {
    if (session.phase !== 'done') return;
    let cancelled = false;
    writes.current
      .then(() => nextDueAfter(db, deckId, Date.now()))
      .then((due) => !cancelled && setNextDue(due))
      .catch(onError);
    return () => {
      cancelled = true;
    };
  }, [session.phase, db, deckId, onError]);

  const current = session.current;
  const card = current ? cards[current.item.cardId] : undefined;

  // Warm the renderer for the back, so "Show answer" paints at once.
  useEffect(() => {
    if (card) prerenderCardMarkdown(card.back);
  }, [card]);

  const previews = useMemo(
    () => (current && settings ? previewIntervals(current.item.schedule, Date.now(), settings) : null),
    [current, settings],
  );

  const reveal = useCallback(() => dispatch({ type: 'reveal', now: Date.now() }), []);
  const grade = useCallback(
    (rating: Grade) => settings && dispatch({ type: 'grade', rating, now: Date.now(), settings }),
    [settings],
  );
  const undo = useCallback(() => dispatch({ type: 'undo', now: Date.now() }), []);

  // Keys: Space/Enter show the answer, 1–4 grade, z or Ctrl+Z undo.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.altKey || event.metaKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo();
        return;
      }
      if (event.ctrlKey) return;
      if (session.phase === 'question' && (key === ' ' || key === 'enter')) {
        // Enter on a focused button is that button's own click.
        if (key === 'enter' && target instanceof HTMLButtonElement && target !== showAnswerRef.current) return;
        event.preventDefault();
        reveal();
      } else if (session.phase === 'answer' && /^[1-4]$/.test(key)) {
        event.preventDefault();
        grade(Number(key) as Grade);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [session.phase, reveal, grade, undo]);

  // Keep focus on the bottom bar so keyboard users can go on without hunting for it.
  useEffect(() => {
    if (session.phase === 'question') showAnswerRef.current?.focus({ preventScroll: true });
  }, [session.phase, current?.item.cardId]);

  const counts = sessionCounts(session);
  return (
    <main className="screen study" aria-label="Review">
      <div className="study-toolbar">
        <a href={cardId !== undefined ? `#/card/${encodeURIComponent(cardId)}` : '#/'} className="back-link">
          {cardId !== undefined ? '← Card' : '← Decks'}
        </a>
        <span className="session-left" aria-live="polite">
          <span className="visually-hidden">Left in this session: </span>
          <CountsLine counts={counts} />
        </span>
        <button type="button" onClick={undo} disabled={!canUndo(session)} aria-keyshortcuts="z Control+z">
          Undo
        </button>
      </div>

      {session.phase === 'idle' && <p className="muted">Loading cards…</p>}
      {session.phase === 'waiting' && session.waitUntil !== null && (
        <WaitingMessage until={session.waitUntil} />
      )}
      {session.phase === 'done' && <DoneMessage session={session} nextDue={nextDue} />}

      {current && card && (session.phase === 'question' || session.phase === 'answer') && (
        <>
          <article className="review-card" aria-label="Card" data-card-id={card.id}>
            <CardMetaLine card={card} />
            <div className="card-front">
              <CardContent markdown={card.kind === 'cloze' && session.phase === 'question' ? hideClozes(card.front) : card.front} />
            </div>
            {session.phase === 'answer' && (
              <>
                <hr className="answer-rule" />
                <section className="card-back" aria-label="Answer">
                  <CardContent markdown={card.back} />
                </section>
              </>
            )}
            <div className="card-actions">
              <button type="button" className="link" onClick={() => dispatch({ type: 'bury', now: Date.now() })}>
                Bury
              </button>
              <button type="button" className="link" onClick={() => dispatch({ type: 'suspend', now: Date.now() })}>
                Suspend
              </button>
            </div>
          </article>

          <div className="answer-bar" role="group" aria-label={session.phase === 'question' ? 'Reveal' : 'Grade'}>
            {session.phase === 'question' ? (
              <button ref={showAnswerRef} type="button" className="primary show-answer" onClick={reveal}
                aria-keyshortcuts="Space Enter" aria-label="Show answer">
                Show answer <kbd className="key-hint" aria-hidden="true">Space</kbd>
              </button>
            ) : (
              GRADES.map((rating) => (
                <button
                  key={rating}
                  type="button"
                  className={`grade grade-${GRADE_NAMES[rating].toLowerCase()}`}
                  onClick={() => grade(rating)}
                  aria-keyshortcuts={String(rating)}
                  aria-label={GRADE_NAMES[rating]}
                  aria-describedby={`interval-${rating}`}
                >
                  <span className="grade-interval" id={`interval-${rating}`}>{previews?.[rating].label ?? ''}</span>
                  <span className="grade-name">
                    {GRADE_NAMES[rating]} <kbd className="key-hint" aria-hidden="true">{rating}</kbd>
                  </span>
                </button>
              ))
            )}
          </div>
        </>
      )}
    </main>
  );
}

/** On the question side a cloze shows its gaps as […] (or its hint). */
function hideClozes(markdown: string): string {
  return markdown
    .replace(/\{\{c\d+::(.*?)(?:::(.*?))?\}\}/g, (_, _hidden: string, hint?: string) => `**[${hint ?? '…'}]**`)
    .replace(/==(?!=)(.+?)==/g, '**[…]**');
}

function CardMetaLine({ card }: { card: StoredCard }) {
  const meta = card.meta;
  const section = meta.section ?? [];
  const inSection = (text: string) => section.some((name) => name.toLowerCase().includes(text.toLowerCase()));
  const parts: string[] = [];
  if (section.length) parts.push(section.join(' › '));
  // Scored pairs put tier and candidate in the section too: say each fact once.
  if (meta.tier && !inSection(meta.tier)) parts.push(meta.tier);
  if (meta.candidate && !inSection(meta.candidate)) parts.push(meta.role ? `${meta.candidate}, ${meta.role}` : meta.candidate);
  if (meta.score !== undefined) parts.push(`relevance score ${meta.score}`);
  if (meta.frontInferred) parts.push('question inferred from the answer');
  if (parts.length === 0) return null;
  return <p className="card-meta">{parts.join(' · ')}</p>;
}

function WaitingMessage({ until }: { until: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="session-end" role="status">
      <h2>Nothing due right now</h2>
      <p>The next learning card comes back in {formatInterval(Math.max(0, until - now))}. Keep this screen open, or come back later.</p>
    </div>
  );
}

function DoneMessage({ session, nextDue }: { session: ReviewSession; nextDue: number | undefined }) {
  return (
    <div className="session-end" role="status">
      <h2>Done for now</h2>
      <p>
        {session.tally.answered > 0
          ? `You reviewed ${session.tally.answered} card${session.tally.answered === 1 ? '' : 's'} in this session.`
          : 'Nothing is due in this deck right now.'}
      </p>
      <p>
        {nextDue === undefined
          ? 'New cards arrive with the next study day.'
          : `The next card is due ${describeWhen(nextDue)}.`}
      </p>
      <p>
        <a href="#/">Back to decks</a>
      </p>
    </div>
  );
}

function describeWhen(due: number): string {
  const ms = due - Date.now();
  const at = new Date(due);
  if (ms < 60_000) return 'in under a minute';
  if (ms < 24 * 3600_000) return `in ${formatInterval(ms)}, at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  return `in ${formatInterval(ms)}, on ${at.toLocaleDateString([], { weekday: 'long', month: 'short', day: 'numeric' })}`;
}
