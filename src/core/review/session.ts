// The review session as a pure reducer: question → answer shown → graded → next card, with undo
// of the last grade and bury/suspend of the current card. It computes the new scheduling state
// itself (so the next card appears at once) and leaves an `effect` telling the screen what to
// persist; storage recomputes and checks the same grade inside one transaction.

import { gradeCard, Rating, type Grade, type ScheduleState } from '../scheduling/fsrs.ts';
import {
  nextCard,
  queueCounts,
  removeFromQueue,
  requeueAfterAnswer,
  type DeckCounts,
  type QueueItem,
  type QueueState,
} from '../scheduling/queue.ts';
import type { SchedulerSettings } from '../scheduling/settings.ts';

/** `question`: front shown; `answer`: back revealed; `waiting`: only learning cards left, not yet due. */
export type SessionPhase = 'idle' | 'question' | 'answer' | 'waiting' | 'done';

/** The card on screen. */
export interface CurrentCard {
  item: QueueItem;
  source: 'learning' | 'main';
  /** When its front appeared (epoch ms), for the answer's duration. */
  shownAt: number;
}

/** What it takes to undo one grade completely. */
export interface UndoEntry {
  queueBefore: QueueState;
  current: CurrentCard;
  rating: Grade;
  after: ScheduleState;
  countsBefore: SessionTally;
}

/** Answers given in this session. */
export interface SessionTally {
  answered: number;
  again: number;
}

/** What the screen must do after a transition (write to storage); null when nothing. */
export type SessionEffect =
  | {
      kind: 'record';
      cardId: string;
      rating: Grade;
      now: number;
      durationMs: number;
      expectedStateVersion: number;
      /** The state the session computed; storage's result should be the same. */
      after: ScheduleState;
    }
  | { kind: 'undo'; cardId: string }
  | { kind: 'bury'; cardId: string; now: number }
  | { kind: 'suspend'; cardId: string; now: number };

/** The whole session state. Treat as immutable. */
export interface ReviewSession {
  phase: SessionPhase;
  queue: QueueState;
  current: CurrentCard | null;
  /** In `waiting`: when to look again (epoch ms). */
  waitUntil: number | null;
  undoStack: UndoEntry[];
  tally: SessionTally;
  effect: SessionEffect | null;
}

/** Everything the session reacts to. Each action carries `now`. */
export type SessionAction =
  | { type: 'start'; queue: QueueState; now: number }
  | { type: 'reveal'; now: number }
  | { type: 'grade'; rating: Grade; now: number; settings: SchedulerSettings }
  | { type: 'undo'; now: number }
  | { type: 'bury'; now: number }
  | { type: 'suspend'; now: number }
  /** Re-check the queue (a timer in `waiting`, or coming back to the tab). */
  | { type: 'tick'; now: number }
  /**
   * Storage's result for a recorded answer. It normally equals what the session computed; when
   * it does not (settings changed in another tab), storage wins.
   */
  | { type: 'stored'; cardId: string; schedule: ScheduleState; version: number; now: number };

/** How many undos are kept. */
export const UNDO_LIMIT = 50;

/** A session before its queue has loaded. */
export function initialSession(queue: QueueState): ReviewSession {
  return {
    phase: 'idle',
    queue,
    current: null,
    waitUntil: null,
    undoStack: [],
    tally: { answered: 0, again: 0 },
    effect: null,
  };
}

function advance(s: ReviewSession, now: number): ReviewSession {
  const next = nextCard(s.queue, now);
  if (next.kind === 'card') {
    return {
      ...s,
      phase: 'question',
      current: { item: next.item, source: next.source, shownAt: now },
      waitUntil: null,
    };
  }
  if (next.kind === 'wait') return { ...s, phase: 'waiting', current: null, waitUntil: next.until };
  return { ...s, phase: 'done', current: null, waitUntil: null };
}

/** The reducer. Invalid actions for the phase return the state unchanged (with no effect). */
export function reviewReducer(s: ReviewSession, action: SessionAction): ReviewSession {
  const base = s.effect ? { ...s, effect: null } : s;
  switch (action.type) {
    case 'start':
      return advance({ ...initialSession(action.queue) }, action.now);

    case 'reveal':
      return base.phase === 'question' ? { ...base, phase: 'answer' } : base;

    case 'grade': {
      if (base.phase !== 'answer' || !base.current) return base;
      const { item, shownAt } = base.current;
      const { state: after } = gradeCard(item.schedule, action.rating, action.now, action.settings);
      const answered: QueueItem = { ...item, schedule: after, version: item.version + 1 };
      const entry: UndoEntry = {
        queueBefore: base.queue,
        current: base.current,
        rating: action.rating,
        after,
        countsBefore: base.tally,
      };
      return advance(
        {
          ...base,
          queue: requeueAfterAnswer(base.queue, answered),
          undoStack: [...base.undoStack, entry].slice(-UNDO_LIMIT),
          tally: {
            answered: base.tally.answered + 1,
            again: base.tally.again + (action.rating === Rating.Again ? 1 : 0),
          },
          effect: {
            kind: 'record',
            cardId: item.cardId,
            rating: action.rating,
            now: action.now,
            durationMs: Math.max(0, action.now - shownAt),
            expectedStateVersion: item.version,
            after,
          },
        },
        action.now,
      );
    }

    case 'undo': {
      const entry = base.undoStack[base.undoStack.length - 1];
      if (!entry) return base;
      // The queue snapshot still holds the card in its place with its state and version from
      // before the grade, so restoring it takes the grade back completely.
      return {
        ...base,
        phase: 'question',
        queue: entry.queueBefore,
        current: { ...entry.current, shownAt: action.now },
        waitUntil: null,
        undoStack: base.undoStack.slice(0, -1),
        tally: entry.countsBefore,
        effect: { kind: 'undo', cardId: entry.current.item.cardId },
      };
    }

    case 'bury':
    case 'suspend': {
      if (!base.current || (base.phase !== 'question' && base.phase !== 'answer')) return base;
      const cardId = base.current.item.cardId;
      // Older grades' snapshots still contain this card; undoing one would bring it back, so
      // bury/suspend end the undo history (storage keeps its own record of both).
      return advance(
        {
          ...base,
          queue: removeFromQueue(base.queue, cardId),
          undoStack: [],
          effect: { kind: action.type, cardId, now: action.now },
        },
        action.now,
      );
    }

    case 'tick':
      return base.phase === 'waiting' || base.phase === 'done' ? advance(base, action.now) : base;

    case 'stored': {
      const known =
        [...base.queue.learning, ...base.queue.main].find((i) => i.cardId === action.cardId) ??
        base.undoStack.findLast((e) => e.current.item.cardId === action.cardId)?.current.item;
      if (!known) return base;
      const item: QueueItem = { ...known, schedule: action.schedule, version: action.version };
      const next = { ...base, queue: requeueAfterAnswer(base.queue, item) };
      if (base.current?.item.cardId !== action.cardId) {
        return base.phase === 'waiting' || base.phase === 'done' ? advance(next, action.now) : next;
      }
      // The card on screen is the one storage corrected: show the next card by the corrected queue.
      return advance(next, action.now);
    }
  }
}

/** Counts to show during the session (the current card included). */
export function sessionCounts(s: ReviewSession): DeckCounts {
  return queueCounts(s.queue);
}

/** Whether there is a grade to take back. */
export function canUndo(s: ReviewSession): boolean {
  return s.undoStack.length > 0;
}
