// The review session as a pure reducer: question → answer shown → graded → next card, with undo
// of this session's grades and bury/suspend of the current card. Every change to storage leaves
// the reducer as a `WriteCommand` with an id; the next card appears only when storage reports the
// command written (`stored`, `undone`, `flagged`), so a grade whose next card was shown is never
// lost, and a failed write (`failed`) stops the session instead of going on as if it had worked.

import { Rating, gradeOutcomes, type GradeResult, type Grade, type ScheduleState } from '../scheduling/fsrs.ts';
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

/**
 * `question`: front shown; `answer`: back revealed; `saving`: a write is under way (the screen
 * stays as it was and ignores input); `waiting`: only learning cards left, not yet due;
 * `stopped`: a write failed, nothing more is accepted until the queue is loaded again.
 */
export type SessionPhase = 'idle' | 'question' | 'answer' | 'saving' | 'waiting' | 'done' | 'stopped';

/** The card on screen. */
export interface CurrentCard {
  item: QueueItem;
  source: 'learning' | 'main';
  /** When its front appeared (epoch ms), for the answer's duration. */
  shownAt: number;
  /** When its answer was shown; absent on the question side. */
  revealedAt?: number;
  /**
   * Every grade's outcome, computed once when the answer was shown. The buttons show these
   * intervals and the grade chosen is written exactly as computed.
   */
  outcomes?: Record<Grade, GradeResult>;
}

/** One grade of this session that can be taken back: by its review-log id, never "the last row". */
export interface UndoEntry {
  logId: number;
  /** The card as it was in the queue before the grade. */
  item: QueueItem;
  source: 'learning' | 'main';
  rating: Grade;
}

/** Answers given in this session. */
export interface SessionTally {
  answered: number;
  again: number;
}

/** A write for storage to make, once: `id` is unique in the session, so a command seen twice is written once. */
export type WriteCommand =
  | {
      id: string;
      kind: 'record';
      cardId: string;
      rating: Grade;
      /** When the grade was given. */
      now: number;
      durationMs: number;
      expectedStateVersion: number;
      /** The outcome the button showed; storage writes it as it is. */
      outcome: GradeResult;
    }
  | { id: string; kind: 'undo'; cardId: string; logId: number }
  | { id: string; kind: 'bury'; cardId: string; now: number }
  | { id: string; kind: 'suspend'; cardId: string; now: number };

/** Why a write failed: `conflict` another tab changed the card, `gone` the answer to undo is no longer there, `storage` anything else. */
export type WriteFailure = 'conflict' | 'gone' | 'storage';

/** The session's state. Treat as immutable. */
export interface ReviewSession {
  phase: SessionPhase;
  queue: QueueState;
  current: CurrentCard | null;
  /** In `waiting`: when to look again (epoch ms). */
  waitUntil: number | null;
  /** This session's grades that can be taken back, oldest first (kept across reloads by the screen). */
  undo: UndoEntry[];
  tally: SessionTally;
  /** The write under way (phase `saving`), null when none. */
  pending: WriteCommand | null;
  /** Prefix of command ids: unique per session (across reloads). */
  sessionId: string;
  /** Commands issued so far. */
  commands: number;
  /** Set when a write failed (phase `stopped`). */
  failure: { kind: WriteFailure; command: WriteCommand['kind']; detail?: string } | null;
}

/** What a session keeps across a reload of the page (small: no queue). */
export interface SavedSession {
  undo: UndoEntry[];
  tally: SessionTally;
}

/** How the person acted: taps are ignored for a moment after the card changed (a double tap must not reveal or grade the next card). */
export type InputKind = 'pointer' | 'key';

/** Everything the session reacts to. Each action carries `now`. */
export type SessionAction =
  | { type: 'start'; queue: QueueState; now: number; sessionId: string; saved?: SavedSession }
  /** A fresh queue from storage while studying (another tab wrote, a new study day began). */
  | { type: 'refresh'; queue: QueueState; now: number }
  | { type: 'reveal'; now: number; settings: SchedulerSettings; input?: InputKind }
  | { type: 'grade'; rating: Grade; now: number; input?: InputKind }
  | { type: 'undo'; now: number }
  | { type: 'bury'; now: number }
  | { type: 'suspend'; now: number }
  /** Re-check the queue (a timer in `waiting`, or coming back to the tab). */
  | { type: 'tick'; now: number }
  /** Storage wrote a grade. */
  | { type: 'stored'; commandId: string; schedule: ScheduleState; version: number; logId: number; now: number }
  /** Storage took a grade back: the card's state and version from before it. */
  | { type: 'undone'; commandId: string; schedule: ScheduleState; version: number; now: number }
  /** Storage buried or suspended the card. */
  | { type: 'flagged'; commandId: string; now: number }
  /** Storage refused or failed a write: nothing of it was written. */
  | { type: 'failed'; commandId: string; failure: WriteFailure; detail?: string; now: number };

/** How many undos are kept. */
export const UNDO_LIMIT = 50;

/** For this long after a card (or its answer) appears, taps on it are ignored, as native apps do. */
export const TAP_GUARD_MS = 350;

/** A session before its queue has loaded. */
export function initialSession(queue: QueueState, sessionId = 's'): ReviewSession {
  return {
    phase: 'idle',
    queue,
    current: null,
    waitUntil: null,
    undo: [],
    tally: { answered: 0, again: 0 },
    pending: null,
    sessionId,
    commands: 0,
    failure: null,
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

/** Hands storage one command; the screen shows the same card until storage answers. */
function issue(s: ReviewSession, command: DistributiveOmit<WriteCommand, 'id'>): ReviewSession {
  const id = `${s.sessionId}:${s.commands + 1}`;
  return { ...s, phase: 'saving', pending: { ...command, id } as WriteCommand, commands: s.commands + 1 };
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

function tapTooSoon(action: { now: number; input?: InputKind }, since: number | undefined): boolean {
  return action.input === 'pointer' && since !== undefined && action.now - since < TAP_GUARD_MS;
}

function findItem(queue: QueueState, cardId: string): QueueItem | undefined {
  return queue.learning.find((i) => i.cardId === cardId) ?? queue.main.find((i) => i.cardId === cardId);
}

/** The reducer. Actions that do not fit the phase return the state unchanged. Pure: running it twice gives equal results. */
export function reviewReducer(s: ReviewSession, action: SessionAction): ReviewSession {
  switch (action.type) {
    case 'start': {
      const fresh = initialSession(action.queue, action.sessionId);
      // Started again in the same session (after a failed write): command ids go on counting, so
      // a new command never reuses the id of one already written.
      const commands = action.sessionId === s.sessionId ? s.commands : 0;
      return advance({ ...fresh, commands, undo: action.saved?.undo ?? [], tally: action.saved?.tally ?? fresh.tally }, action.now);
    }

    case 'refresh': {
      const next = { ...s, queue: action.queue };
      if (s.phase === 'idle' || s.phase === 'stopped') return s;
      // A write under way finishes against the new queue (requeueing an answer is idempotent).
      if (s.phase === 'saving') return next;
      const current = s.current && findItem(action.queue, s.current.item.cardId);
      // The card on screen is unchanged: keep it, and its answer side if shown.
      if (s.current && current && current.version === s.current.item.version) return next;
      return advance(next, action.now);
    }

    case 'reveal': {
      if (s.phase !== 'question' || !s.current || tapTooSoon(action, s.current.shownAt)) return s;
      const outcomes = gradeOutcomes(s.current.item.schedule, action.now, action.settings);
      return { ...s, phase: 'answer', current: { ...s.current, revealedAt: action.now, outcomes } };
    }

    case 'grade': {
      if (s.phase !== 'answer' || !s.current?.outcomes || tapTooSoon(action, s.current.revealedAt)) return s;
      const { item, shownAt, outcomes } = s.current;
      return issue(s, {
        kind: 'record',
        cardId: item.cardId,
        rating: action.rating,
        now: action.now,
        durationMs: Math.max(0, action.now - shownAt),
        expectedStateVersion: item.version,
        outcome: outcomes[action.rating],
      });
    }

    case 'undo': {
      const entry = s.undo[s.undo.length - 1];
      if (!entry || s.phase === 'saving' || s.phase === 'idle' || s.phase === 'stopped') return s;
      return issue(s, { kind: 'undo', cardId: entry.item.cardId, logId: entry.logId });
    }

    case 'bury':
    case 'suspend': {
      if (!s.current || (s.phase !== 'question' && s.phase !== 'answer')) return s;
      return issue(s, { kind: action.type, cardId: s.current.item.cardId, now: action.now });
    }

    case 'tick':
      return s.phase === 'waiting' || s.phase === 'done' ? advance(s, action.now) : s;

    case 'stored': {
      const command = s.pending;
      if (command?.id !== action.commandId || command.kind !== 'record' || !s.current) return s;
      const before = s.current;
      const answered: QueueItem = { ...before.item, schedule: action.schedule, version: action.version };
      const entry: UndoEntry = { logId: action.logId, item: before.item, source: before.source, rating: command.rating };
      return advance(
        {
          ...s,
          pending: null,
          queue: requeueAfterAnswer(s.queue, answered),
          undo: [...s.undo, entry].slice(-UNDO_LIMIT),
          tally: {
            answered: s.tally.answered + 1,
            again: s.tally.again + (command.rating === Rating.Again ? 1 : 0),
          },
        },
        action.now,
      );
    }

    case 'undone': {
      const command = s.pending;
      const entry = s.undo[s.undo.length - 1];
      if (command?.id !== action.commandId || command.kind !== 'undo' || entry?.logId !== command.logId) return s;
      // The card comes back in front of its list, in its state and version from before the grade.
      const item: QueueItem = { ...entry.item, schedule: action.schedule, version: action.version };
      const rest = removeFromQueue(s.queue, item.cardId);
      const queue =
        entry.source === 'learning' ? { ...rest, learning: [item, ...rest.learning] } : { ...rest, main: [item, ...rest.main] };
      return {
        ...s,
        phase: 'question',
        pending: null,
        queue,
        current: { item, source: entry.source, shownAt: action.now },
        waitUntil: null,
        undo: s.undo.slice(0, -1),
        tally: {
          answered: Math.max(0, s.tally.answered - 1),
          again: Math.max(0, s.tally.again - (entry.rating === Rating.Again ? 1 : 0)),
        },
      };
    }

    case 'flagged': {
      const command = s.pending;
      if (command?.id !== action.commandId || (command.kind !== 'bury' && command.kind !== 'suspend')) return s;
      // Older grades of this card could be taken back only by bringing a buried or suspended card
      // back into the session: bury and suspend end the undo history (storage keeps both).
      return advance({ ...s, pending: null, queue: removeFromQueue(s.queue, command.cardId), undo: [] }, action.now);
    }

    case 'failed': {
      const command = s.pending;
      if (command?.id !== action.commandId) return s;
      // An undo that can never succeed (its answer is gone, or the card was answered again since)
      // leaves the list; anything else stays as it was, for when the queue is loaded again.
      const dropUndo = command.kind === 'undo' && action.failure !== 'storage';
      const failure: ReviewSession['failure'] = { kind: action.failure, command: command.kind };
      if (action.detail !== undefined) failure.detail = action.detail;
      return {
        ...s,
        phase: 'stopped',
        pending: null,
        current: null,
        waitUntil: null,
        undo: dropUndo ? s.undo.slice(0, -1) : s.undo,
        failure,
      };
    }
  }
}

/** What to keep across a reload of the page. */
export function savedSession(s: ReviewSession): SavedSession {
  return { undo: s.undo, tally: s.tally };
}

/** Reads a saved session back; anything malformed is dropped (it only ever held undo entries). */
export function restoreSavedSession(value: unknown): SavedSession | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<SavedSession>;
  const tally = v.tally;
  if (!Array.isArray(v.undo) || !tally || !Number.isFinite(tally.answered) || !Number.isFinite(tally.again)) return undefined;
  const undo = v.undo.filter(
    (e): e is UndoEntry =>
      !!e &&
      Number.isInteger(e.logId) &&
      !!e.item &&
      typeof e.item.cardId === 'string' &&
      typeof e.item.version === 'number' &&
      (e.source === 'learning' || e.source === 'main'),
  );
  return { undo: undo.slice(-UNDO_LIMIT), tally: { answered: tally.answered, again: tally.again } };
}

/** Counts to show during the session (the current card included). */
export function sessionCounts(s: ReviewSession): DeckCounts {
  return queueCounts(s.queue);
}

/** Whether there is a grade to take back now. */
export function canUndo(s: ReviewSession): boolean {
  return s.undo.length > 0 && s.phase !== 'saving' && s.phase !== 'idle' && s.phase !== 'stopped';
}
