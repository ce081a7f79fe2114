// The review screen: front, "Show answer", four grades with their intervals, undo, bury and
// suspend. The session logic is the pure reducer in core/review; this screen renders it and
// hands its write commands to the review writer (storage/reviewWriter.ts), journaling each grade
// in the same task that commits the next card, so none is lost if the tab dies before IndexedDB
// commits (the next start replays it). It reloads the queue when another tab changes the data,
// and when the tab comes back into view on a new study day.
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, type MouseEvent } from 'react';
import {
  canUndo,
  initialSession,
  restoreSavedSession,
  reviewReducer,
  savedSession,
  sessionCounts,
  TAP_GUARD_MS,
  type InputKind,
  type ReviewSession,
  type SavedSession,
} from '../../core/review/session.ts';
import { GRADES, outcomeIntervals, Rating, formatInterval, type Grade } from '../../core/scheduling/fsrs.ts';
import type { QueueState } from '../../core/scheduling/queue.ts';
import type { SchedulerSettings } from '../../core/scheduling/settings.ts';
import {
  cardWithState,
  listDecks,
  nextDueAfter,
  onDatabaseChange,
  FIRST_QUEUE_CONTENT,
  queueCardIds,
  queueContent,
  studyQueue,
  type RehearseDb,
  type StoredCard,
} from '../../storage/index.ts';
import { createReviewWriter, type ReviewWriter } from '../../storage/reviewWriter.ts';
import { currentTabId, localAnswerJournal, replayJournaledAnswers } from './answerJournal.ts';
import { CardContent, prerenderCardMarkdown } from '../render/CardContent.tsx';
import { CountsLine } from '../decks/DeckListScreen.tsx';
import { requestPersistentStorage } from '../persistence.ts';
import { markStart } from '../startMarks.ts';
import { refreshAppBadge } from '../../pwa/appBadge.ts';
import { failureMessage, reloadsByItself } from './messages.ts';
import { formatCustomSpec, type CustomSpec } from '../../core/study/customSession.ts';
import { CustomSessionEnd, CustomSessionLine, readCustomLeft, writeCustomLeft } from '../custom/customSessionParts.tsx';
import './study.css';

interface Props {
  db: RehearseDb;
  deckId: string;
  /** Study just this card, due or not ("Review it now" in the card browser). */
  cardId?: string;
  /** A custom study session (ui/custom): its spec and its name for the toolbar. */
  custom?: { spec: CustomSpec; title: string };
  onError(error: unknown): void;
}

const GRADE_NAMES: Record<Grade, string> = {
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

const EMPTY_QUEUE: QueueState = { learning: [], main: [], dayEnd: 0, learnAheadMs: 0 };

/**
 * The session's undo list lives in sessionStorage: it survives a reload of this tab, belongs to
 * this tab alone (another tab has its own session and its own list), and is gone with the tab.
 */
const SAVED_PREFIX = 'rehearse.study:';

function readSaved(key: string): SavedSession | undefined {
  try {
    const raw = sessionStorage.getItem(SAVED_PREFIX + key);
    return raw ? restoreSavedSession(JSON.parse(raw)) : undefined;
  } catch {
    return undefined; // Storage blocked or the entry unreadable: start with an empty undo list.
  }
}

function writeSaved(key: string, saved: SavedSession): void {
  try {
    sessionStorage.setItem(SAVED_PREFIX + key, JSON.stringify(saved));
  } catch {
    // Storage blocked or full: undo still works until the page is reloaded.
  }
}

function newSessionId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

/** A keyboard-activated click has `detail` 0; a tap or mouse click counts its clicks. */
const inputOf = (event: MouseEvent): InputKind => (event.detail === 0 ? 'key' : 'pointer');

export function StudyScreen({ db, deckId, cardId, custom, onError }: Props) {
  const scopeKey = cardId !== undefined ? `card:${cardId}` : custom ? `custom:${formatCustomSpec(custom.spec)}` : deckId;
  const [sessionId] = useState(newSessionId);
  const [session, dispatch] = useReducer(reviewReducer, EMPTY_QUEUE, (q) => initialSession(q, sessionId));
  const [cards, setCards] = useState<Record<string, StoredCard>>({});
  const [deckNames, setDeckNames] = useState<Record<string, string>>({});
  const [settings, setSettings] = useState<SchedulerSettings | null>(null);
  const [nextDue, setNextDue] = useState<number | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const showAnswerRef = useRef<HTMLButtonElement>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const answeredOnce = useRef(false);
  const [tabId] = useState(currentTabId);
  const [writer] = useState<ReviewWriter>(() =>
    createReviewWriter(db, dispatch, {
      journal: localAnswerJournal(tabId),
      onCommitted(command) {
        if (command.kind === 'record' && !answeredOnce.current) {
          answeredOnce.current = true;
          void requestPersistentStorage();
        }
        if (command.kind === 'record' || command.kind === 'undo') refreshAppBadge(db);
      },
    }),
  );

  // Loads the day's queue: `start` begins the session (with the undo list saved in this tab),
  // `refresh` hands the running session a newer queue. Only the newest load is applied, and it
  // reads after this tab's own writes have landed.
  const loads = useRef(0);
  // A start asked for and not yet applied stays a start when a newer load supersedes it.
  const startWanted = useRef(false);
  const load = useCallback(
    (asked: 'start' | 'refresh') => {
      // A custom session's queue is made once: read again, it would bring back cards already
      // practised (their state did not move). A reload resumes it from the cards it had left.
      if (custom && asked === 'refresh') return;
      const generation = ++loads.current;
      if (asked === 'start') startWanted.current = true;
      const first = sessionRef.current.phase === 'idle';
      writer
        .idle()
        // Grades a killed tab journaled but never wrote go in before the queue is read.
        .then(() => (first ? replayJournaledAnswers(db, tabId) : undefined))
        .then(() =>
          Promise.all([
            cardId !== undefined
              ? import('../../storage/browse.ts').then((m) => m.singleCardQueue(db, cardId, Date.now()))
              : custom
                ? import('../../storage/customStudy.ts').then((m) => m.customStudyQueue(db, custom.spec, Date.now(), readCustomLeft(scopeKey)))
                : studyQueue(db, deckId, Date.now(), { contentFor: FIRST_QUEUE_CONTENT }),
            listDecks(db),
          ]),
        )
        .then(([loaded, decks]) => {
          markStart('queue-read');
          if (generation !== loads.current) return;
          const mode = startWanted.current ? 'start' : 'refresh';
          startWanted.current = false;
          setDeckNames(Object.fromEntries(decks.map((d) => [d.id, d.userTitle ?? d.title])));
          setCards((known) => (mode === 'start' ? loaded.cards : { ...known, ...loaded.cards }));
          setSettings(loaded.settings);
          const now = Date.now();
          if (mode === 'refresh') dispatch({ type: 'refresh', queue: loaded.queue, now });
          else {
            const saved = sessionRef.current.phase === 'idle' ? readSaved(scopeKey) : savedSession(sessionRef.current);
            const practice = custom && !custom.spec.reschedule ? { practice: true } : {};
            dispatch({ type: 'start', queue: loaded.queue, now, sessionId, ...practice, ...(saved ? { saved } : {}) });
          }
          // The later cards' content, read once the first card is on its way to the screen.
          const later = queueCardIds(loaded.queue, now).filter((id) => !(id in loaded.cards));
          if (later.length) queueContent(db, later).then((found) => setCards((known) => ({ ...known, ...found })), onError);
        })
        .catch(onError);
    },
    [db, deckId, cardId, custom, scopeKey, sessionId, tabId, writer, onError],
  );

  // A layout effect: the queue's reads go out before the browser lays out and paints this empty
  // screen (a passive effect would run after that paint, and the reads would wait for it).
  useLayoutEffect(() => {
    // The markdown renderer (about 100 KB) is not preloaded here: its download and compile would
    // delay the first card. CardContent starts it after the card's plain text has painted.
    load('start');
    return () => {
      loads.current++;
    };
  }, [load]);

  // Each command is handed over in the commit that shows its result (a layout effect runs before
  // the browser paints, and before any other task): a grade is journaled before its next card is
  // seen. Commands come again with every render that holds them; the writer writes each id once.
  useLayoutEffect(() => {
    for (const command of session.pending) writer.submit(command);
  }, [session.pending, writer]);

  // The undo list and tally survive a reload of the tab (saved when either changes: they are all it keeps).
  const { undo: undoList, tally, phase } = session;
  useEffect(() => {
    if (phase !== 'idle') writeSaved(scopeKey, { undo: undoList, tally });
  }, [undoList, tally, phase, scopeKey]);

  // A custom session also keeps the cards it has left, in order, so a reload resumes it.
  const { queue: sessionQueue, current: shown } = session;
  useEffect(() => {
    if (!custom || phase === 'idle' || phase === 'stopped') return;
    const left = queueCardIds(sessionQueue, Date.now());
    writeCustomLeft(scopeKey, shown && !left.includes(shown.item.cardId) ? [shown.item.cardId, ...left] : left);
  }, [custom, sessionQueue, shown, phase, scopeKey]);

  // A failed write stops the session. When only this tab's view was out of date, the queue is
  // loaded again at once and the message says so; otherwise the person chooses to try again.
  useEffect(() => {
    const failure = session.failure;
    if (session.phase !== 'stopped' || !failure) return;
    setNotice(failureMessage(failure));
    if (reloadsByItself(failure)) load('start');
  }, [session.phase, session.failure, load]);

  // Another tab (or screen) changed cards, decks, settings or answers: read the queue again.
  // This tab's own writes also notify; those arrive while the writer is busy and are skipped.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onDatabaseChange(db, (tables) => {
      // The sync bookkeeping (its outbox, its clock stamps) changes nothing a queue shows.
      const relevant = [...tables].filter((t) => t !== 'syncOutbox' && t !== 'registerStamps');
      if (relevant.length === 0) return;
      const onlyAnswers = relevant.every((t) => t === 'cardStates' || t === 'reviews' || t === 'reviewVoids');
      if (onlyAnswers && writer.busy) return;
      clearTimeout(timer);
      // One read for a burst of changes (an import writes in many transactions).
      timer = setTimeout(() => load('refresh'), 50);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [db, writer, load]);

  // Timers stop while a phone sleeps: coming back to the tab reads the queue again (a new study
  // day, answers given elsewhere) and re-checks learning cards that came due meanwhile.
  useEffect(() => {
    const wake = () => {
      if (document.visibilityState !== 'visible') return;
      dispatch({ type: 'tick', now: Date.now() });
      load('refresh');
    };
    document.addEventListener('visibilitychange', wake);
    addEventListener('focus', wake);
    addEventListener('pageshow', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      removeEventListener('focus', wake);
      removeEventListener('pageshow', wake);
    };
  }, [load]);

  // Learning cards due in a few minutes come back by themselves.
  useEffect(() => {
    if (session.phase !== 'waiting' || session.waitUntil === null) return;
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), Math.max(0, session.waitUntil - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [session.phase, session.waitUntil]);

  // A session left open past the day's end gets the next day's queue.
  useEffect(() => {
    if (!session.queue.dayEnd) return;
    const timer = setTimeout(() => load('refresh'), Math.max(0, session.queue.dayEnd - Date.now()) + 1000);
    return () => clearTimeout(timer);
  }, [session.queue.dayEnd, load]);

  useEffect(() => {
    if (session.phase !== 'done') return;
    let cancelled = false;
    writer
      .idle()
      .then(() => nextDueAfter(db, deckId, Date.now()))
      .then((due) => !cancelled && setNextDue(due))
      .catch(onError);
    return () => {
      cancelled = true;
    };
  }, [session.phase, db, deckId, writer, onError]);

  const current = session.current;
  const card = current ? cards[current.item.cardId] : undefined;

  // A card brought back by undo after a reload may not be among the queue's cards: read it.
  const missingId = current && !card ? current.item.cardId : undefined;
  useEffect(() => {
    if (missingId === undefined) return;
    let cancelled = false;
    cardWithState(db, missingId)
      .then(({ card: found }) => !cancelled && found && setCards((known) => ({ ...known, [found.id]: found })))
      .catch(onError);
    return () => {
      cancelled = true;
    };
  }, [db, missingId, onError]);

  // Warm the renderer for the back, so "Show answer" paints at once.
  useEffect(() => {
    if (card) prerenderCardMarkdown(card.back);
  }, [card]);

  // Practice grades schedule nothing: the buttons show no intervals then.
  const previews =
    current?.outcomes && current.revealedAt !== undefined && !session.practice ? outcomeIntervals(current.outcomes, current.revealedAt) : null;

  const reveal = useCallback(
    (input: InputKind) => settings && dispatch({ type: 'reveal', now: Date.now(), settings, input }),
    [settings],
  );
  const grade = useCallback((rating: Grade, input: InputKind) => dispatch({ type: 'grade', rating, now: Date.now(), input }), []);
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
        reveal('key');
      } else if (session.phase === 'answer' && /^[1-4]$/.test(key)) {
        event.preventDefault();
        grade(Number(key) as Grade, 'key');
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [session.phase, reveal, grade, undo]);

  // Keep focus on the bottom bar so keyboard users can go on without hunting for it.
  useEffect(() => {
    if (session.phase === 'question') showAnswerRef.current?.focus({ preventScroll: true });
  }, [session.phase, current?.item.cardId]);

  // Taps are ignored for a moment after the card or its answer appears (see TAP_GUARD_MS); the
  // bar says so (aria-disabled, data-takes-taps) until it takes taps again. Keys always work.
  const guardFrom = current ? (current.revealedAt ?? current.shownAt) : undefined;
  const takesTaps = useTakesTaps(guardFrom);

  const counts = sessionCounts(session);
  const showing = current && card && (session.phase === 'question' || session.phase === 'answer');
  const answerSide = session.phase === 'answer';
  const saving = session.pending.length > 0;
  return (
    <main className="screen study" aria-label="Review">
      <div className="study-toolbar">
        <a href={cardId !== undefined ? `#/card/${encodeURIComponent(cardId)}` : '#/'} className="back-link">
          {cardId !== undefined ? '← Card' : '← Decks'}
        </a>
        <span className="session-left" aria-live="polite">
          {/* Stopped, the counts would include the answer that was not saved. */}
          {session.phase !== 'stopped' && (
            <>
              <span className="visually-hidden">Left in this session: </span>
              <CountsLine counts={counts} />
            </>
          )}
        </span>
        <button type="button" onClick={undo} disabled={!canUndo(session)} aria-keyshortcuts="z Control+z">
          Undo
        </button>
      </div>

      {custom && <CustomSessionLine title={custom.title} spec={custom.spec} left={session.phase === 'stopped' ? undefined : counts.new + counts.learning + counts.due} />}

      {notice && session.phase !== 'stopped' && (
        <div className="notice study-notice" role="status">
          <span>{notice}</span>
          <button type="button" className="link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}

      {session.phase === 'idle' && <p className="muted">Loading cards…</p>}
      {session.phase === 'stopped' && (
        <div className="session-end" role="alert">
          <h2>Reviewing stopped</h2>
          <p>{notice}</p>
          {session.failure && !reloadsByItself(session.failure) && (
            <p>
              <button type="button" className="primary" onClick={() => load('start')}>
                Try again
              </button>
            </p>
          )}
        </div>
      )}
      {session.phase === 'waiting' && session.waitUntil !== null && (
        <WaitingMessage until={session.waitUntil} />
      )}
      {session.phase === 'done' && (custom ? <CustomSessionEnd title={custom.title} spec={custom.spec} tally={session.tally} /> : <DoneMessage session={session} nextDue={nextDue} />)}

      {showing && (
        <>
          <article className="review-card" aria-label="Card" data-card-id={card.id}>
            <CardMetaLine card={card} deckName={deckNames[card.deckId]} />
            <div className="card-front">
              <CardContent markdown={card.kind === 'cloze' && !answerSide ? hideClozes(card.front) : card.front} />
            </div>
            {answerSide && (
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

          <div
            className="answer-bar"
            role="group"
            aria-label={answerSide ? 'Grade' : 'Reveal'}
            data-takes-taps={takesTaps ? 'true' : 'false'}
            // Said to assistive tech and to automation alike (Playwright waits for it before a click).
            aria-disabled={takesTaps ? undefined : true}
          >
            {!answerSide ? (
              <button ref={showAnswerRef} type="button" className="primary show-answer" onClick={(e) => reveal(inputOf(e))}
                aria-keyshortcuts="Space Enter" aria-label="Show answer">
                Show answer <kbd className="key-hint" aria-hidden="true">Space</kbd>
              </button>
            ) : (
              GRADES.map((rating) => (
                <button
                  key={rating}
                  type="button"
                  className={`grade grade-${GRADE_NAMES[rating].toLowerCase()}`}
                  onClick={(e) => grade(rating, inputOf(e))}
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
            {saving && <span className="saving-note" role="status">Saving…</span>}
          </div>
        </>
      )}
    </main>
  );
}

/** False for TAP_GUARD_MS after `since` (a card or its answer appeared), then true. */
function useTakesTaps(since: number | undefined): boolean {
  const [readyFor, setReadyFor] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (since === undefined) return;
    const timer = setTimeout(() => setReadyFor(since), Math.max(0, since + TAP_GUARD_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [since]);
  return since !== undefined && readyFor === since;
}

/** On the question side a cloze shows its gaps as […] (or its hint). */
function hideClozes(markdown: string): string {
  return markdown
    .replace(/\{\{c\d+::(.*?)(?:::(.*?))?\}\}/g, (_, _hidden: string, hint?: string) => `**[${hint ?? '…'}]**`)
    .replace(/==(?!=)(.+?)==/g, '**[…]**');
}

function CardMetaLine({ card, deckName }: { card: StoredCard; deckName: string | undefined }) {
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
  if (parts.length === 0 && !deckName) return null;
  return (
    <p className="card-meta">
      {deckName && <span className="card-deck">{deckName}</span>}
      {deckName && parts.length > 0 && ' · '}
      {parts.join(' · ')}
    </p>
  );
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
