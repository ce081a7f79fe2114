// The review session as a pure reducer: question → answer shown → graded → next card, with undo
// of this session's grades and bury/suspend of the current card. Every change to storage leaves
// the reducer as a `WriteCommand` with an id, in `pending` until storage reports it written
// (`stored`, `undone`, `flagged`). The next card shows at once (key → next card within a frame);
// the screen journals each grade synchronously before that card is painted, and the next start
// replays what never reached storage, so a grade whose next card was shown is never lost. A
// failed write (`failed`) stops the session instead of going on as if it had worked.

import { Rating, gradeOutcomes, type GradeResult, type Grade } from '../scheduling/fsrs.ts';
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
import { capOutcomesForInterview } from '../planning/interviewQuota.ts';

/**
 * `question`: front shown; `answer`: back revealed; `waiting`: only learning cards left, not yet
 * due; `stopped`: a write failed, nothing more is accepted until the queue is loaded again.
 */
export type SessionPhase = 'idle' | 'question' | 'answer' | 'waiting' | 'done' | 'stopped';

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
  /** The record command that wrote the grade. */
  commandId: string;
  /** Its review-log row, once storage has written it. */
  logId?: string;
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
      /** A custom session that does not reschedule: a practice row, the card's state stays. */
      practice?: true;
    }
  /** Takes back the row `recordCommandId` wrote (`logId` when already known). */
  | { id: string; kind: 'undo'; cardId: string; recordCommandId: string; logId?: string }
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
  /** Writes handed to storage and not yet reported back, oldest first. */
  pending: WriteCommand[];
  /** Prefix of command ids: unique per session (across reloads). */
  sessionId: string;
  /** Commands issued so far. */
  commands: number;
  /** Set when a write failed (phase `stopped`). */
  failure: { kind: WriteFailure; command: WriteCommand['kind']; detail?: string } | null;
  /**
   * A custom session that does not reschedule: grades are practice (the card keeps its state);
   * a card graded Again comes back at the end of the session, others leave it.
   */
  practice?: boolean;
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
  | { type: 'start'; queue: QueueState; now: number; sessionId: string; saved?: SavedSession; practice?: boolean }
  /** A fresh queue from storage while studying (another tab wrote, a new study day began). */
  | { type: 'refresh'; queue: QueueState; now: number }
  | { type: 'reveal'; now: number; settings: SchedulerSettings; input?: InputKind }
  | { type: 'grade'; rating: Grade; now: number; input?: InputKind }
  | { type: 'undo'; now: number }
  | { type: 'bury'; now: number }
  | { type: 'suspend'; now: number }
  /** Re-check the queue (a timer in `waiting`, or coming back to the tab). */
  | { type: 'tick'; now: number }
  /** Storage wrote a grade (exactly the outcome the command carried), as review-log row `logId`. */
  | { type: 'stored'; commandId: string; logId: string; now: number }
  /** Storage took a grade back: the card is in its state and version from before it. */
  | { type: 'undone'; commandId: string; now: number }
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
    pending: [],
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

/** The command with the session's next id (see `SessionAction` results for how it comes back). */
function command(s: ReviewSession, c: DistributiveOmit<WriteCommand, 'id'>): WriteCommand {
  return { ...c, id: `${s.sessionId}:${s.commands + 1}` } as WriteCommand;
}

/** The queue with the pending writes applied (a queue read may predate them). */
function withPending(queue: QueueState, pending: readonly WriteCommand[]): QueueState {
  let q = queue;
  for (const c of pending) {
    if (c.kind === 'bury' || c.kind === 'suspend') q = removeFromQueue(q, c.cardId);
    if (c.kind !== 'record' || c.practice) continue;
    const item = findItem(q, c.cardId);
    if (item && item.version === c.expectedStateVersion) {
      q = requeueAfterAnswer(q, { ...item, schedule: c.outcome.state, version: item.version + 1 });
    }
  }
  return q;
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

function tapTooSoon(action: { now: number; input?: InputKind }, since: number | undefined): boolean {
  return action.input === 'pointer' && since !== undefined && action.now - since < TAP_GUARD_MS;
}

function findItem(queue: QueueState, cardId: string): QueueItem | undefined {
  return queue.learning.find((i) => i.cardId === cardId) ?? queue.main.find((i) => i.cardId === cardId);
}

/** A practice grade: the card leaves the session, or comes back at its end unchanged after Again. */
function practiceRequeue(queue: QueueState, item: QueueItem, rating: Grade): QueueState {
  const rest = removeFromQueue(queue, item.cardId);
  return rating === Rating.Again ? { ...rest, main: [...rest.main, item] } : rest;
}

/** The reducer. Actions that do not fit the phase return the state unchanged. Pure: running it twice gives equal results. */
export function reviewReducer(s: ReviewSession, action: SessionAction): ReviewSession {
  switch (action.type) {
    case 'start': {
      const fresh = initialSession(action.queue, action.sessionId);
      // Started again in the same session (after a failed write): command ids go on counting, so
      // a new command never reuses the id of one already written.
      const commands = action.sessionId === s.sessionId ? s.commands : 0;
      const practice = action.practice ? { practice: true } : {};
      return advance({ ...fresh, ...practice, commands, undo: action.saved?.undo ?? [], tally: action.saved?.tally ?? fresh.tally }, action.now);
    }

    case 'refresh': {
      if (s.phase === 'idle' || s.phase === 'stopped') return s;
      const next = { ...s, queue: withPending(action.queue, s.pending) };
      const current = s.current && findItem(next.queue, s.current.item.cardId);
      // The card on screen is unchanged: keep it, and its answer side if shown.
      if (s.current && current && current.version === s.current.item.version) return next;
      return advance(next, action.now);
    }

    case 'reveal': {
      if (s.phase !== 'question' || !s.current || tapTooSoon(action, s.current.shownAt)) return s;
      const item = s.current.item;
      // A deck with an interview ahead: each outcome comes back before the date if it must.
      const outcomes = capOutcomesForInterview(
        gradeOutcomes(item.schedule, action.now, action.settings),
        action.now,
        s.queue.interviews?.[item.deckId],
        action.settings,
      );
      return { ...s, phase: 'answer', current: { ...s.current, revealedAt: action.now, outcomes } };
    }

    case 'grade': {
      if (s.phase !== 'answer' || !s.current?.outcomes || tapTooSoon(action, s.current.revealedAt)) return s;
      const { item, shownAt, outcomes, source } = s.current;
      const outcome = outcomes[action.rating];
      const record = command(s, {
        kind: 'record',
        cardId: item.cardId,
        rating: action.rating,
        now: action.now,
        durationMs: Math.max(0, action.now - shownAt),
        expectedStateVersion: item.version,
        outcome,
        ...(s.practice ? { practice: true as const } : {}),
      });
      const answered: QueueItem = { ...item, schedule: outcome.state, version: item.version + 1 };
      const queue = s.practice ? practiceRequeue(s.queue, item, action.rating) : requeueAfterAnswer(s.queue, answered);
      const entry: UndoEntry = { commandId: record.id, item, source, rating: action.rating };
      return advance(
        {
          ...s,
          queue,
          undo: [...s.undo, entry].slice(-UNDO_LIMIT),
          tally: {
            answered: s.tally.answered + 1,
            again: s.tally.again + (action.rating === Rating.Again ? 1 : 0),
          },
          pending: [...s.pending, record],
          commands: s.commands + 1,
        },
        action.now,
      );
    }

    case 'undo': {
      const entry = s.undo[s.undo.length - 1];
      if (!entry || s.phase === 'idle' || s.phase === 'stopped') return s;
      const undo = command(s, {
        kind: 'undo',
        cardId: entry.item.cardId,
        recordCommandId: entry.commandId,
        ...(entry.logId !== undefined ? { logId: entry.logId } : {}),
      });
      // The card comes back in front of its list, in its state and version from before the grade.
      const item = entry.item;
      const rest = removeFromQueue(s.queue, item.cardId);
      const queue =
        entry.source === 'learning' ? { ...rest, learning: [item, ...rest.learning] } : { ...rest, main: [item, ...rest.main] };
      return {
        ...s,
        phase: 'question',
        queue,
        current: { item, source: entry.source, shownAt: action.now },
        waitUntil: null,
        undo: s.undo.slice(0, -1),
        tally: {
          answered: Math.max(0, s.tally.answered - 1),
          again: Math.max(0, s.tally.again - (entry.rating === Rating.Again ? 1 : 0)),
        },
        pending: [...s.pending, undo],
        commands: s.commands + 1,
      };
    }

    case 'bury':
    case 'suspend': {
      if (!s.current || (s.phase !== 'question' && s.phase !== 'answer')) return s;
      const flag = command(s, { kind: action.type, cardId: s.current.item.cardId, now: action.now });
      // Older grades of this card could be taken back only by bringing a buried or suspended card
      // back into the session: bury and suspend end the undo history (storage keeps both).
      return advance(
        {
          ...s,
          queue: removeFromQueue(s.queue, flag.cardId),
          undo: [],
          pending: [...s.pending, flag],
          commands: s.commands + 1,
        },
        action.now,
      );
    }

    case 'tick':
      return s.phase === 'waiting' || s.phase === 'done' ? advance(s, action.now) : s;

    case 'stored':
    case 'undone':
    case 'flagged': {
      if (!s.pending.some((c) => c.id === action.commandId)) return s;
      const pending = s.pending.filter((c) => c.id !== action.commandId);
      if (action.type !== 'stored') return { ...s, pending };
      const logId = action.logId;
      return { ...s, pending, undo: s.undo.map((e) => (e.commandId === action.commandId ? { ...e, logId } : e)) };
    }

    case 'failed': {
      const failed = s.pending.find((c) => c.id === action.commandId);
      if (!failed) return s;
      // The grade that was not written leaves the undo list; the rest waits for the queue to be
      // loaded again (the screen does that at once when only this tab's view was out of date).
      const failure: ReviewSession['failure'] = { kind: action.failure, command: failed.kind };
      if (action.detail !== undefined) failure.detail = action.detail;
      return {
        ...s,
        phase: 'stopped',
        pending: s.pending.filter((c) => c.id !== action.commandId),
        current: null,
        waitUntil: null,
        undo: s.undo.filter((e) => e.commandId !== action.commandId),
        failure: s.failure ?? failure,
      };
    }
  }
}

/** What to keep across a reload of the page. */
export function savedSession(s: ReviewSession): SavedSession {
  // A grade whose row id is not known yet is kept too: storage finds its row by the command id.
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
      typeof e.commandId === 'string' &&
      (e.logId === undefined || typeof e.logId === "string") &&
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
  return s.undo.length > 0 && s.phase !== 'idle' && s.phase !== 'stopped';
}
