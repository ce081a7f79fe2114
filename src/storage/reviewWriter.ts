// The review session's writer: the reducer in core/review hands it commands, each with an id,
// and it writes each one exactly once, strictly in order (an undo follows its grade), then hands
// back what storage did as a session action. A command seen again — React may run a reducer
// twice, or replay updates — is not written again.

import type { SessionAction, WriteCommand, WriteFailure } from '../core/review/session.ts';
import { StorageError } from './errors.ts';
import type { RehearseDb } from './db.ts';
import { buryCard, recordReview, suspendCard, undoReview } from './reviews.ts';

/** What the writer hands back: one of the session's storage results. */
export type WriteResult = Extract<SessionAction, { type: 'stored' | 'undone' | 'flagged' | 'failed' }>;

export interface ReviewWriter {
  /** Queues `command` unless a command with its id was already queued. */
  submit(command: WriteCommand): void;
  /** True while a command is being written (its own change notifications are then not news). */
  readonly busy: boolean;
  /** Settles once every command queued so far is written (or failed). */
  idle(): Promise<void>;
}

/** Options: `now` is injectable for tests. */
export interface ReviewWriterOptions {
  now?: () => number;
  /** After each write that committed (the screen refreshes the app badge, asks for persistence…). */
  onCommitted?(command: WriteCommand): void;
}

function failureOf(error: unknown, command: WriteCommand): WriteFailure {
  if (!(error instanceof StorageError)) return 'storage';
  if (error.code === 'stale-state') return 'conflict';
  if (command.kind === 'undo' && error.code === 'nothing-to-undo') return 'gone';
  if (error.code === 'not-found') return 'conflict';
  return 'storage';
}

/** Writes one command; never rejects (a failure is a `failed` result). */
export async function writeCommand(db: RehearseDb, command: WriteCommand, now: () => number = Date.now): Promise<WriteResult> {
  const commandId = command.id;
  try {
    switch (command.kind) {
      case 'record': {
        const stored = await recordReview(db, command);
        return { type: 'stored', commandId, schedule: stored.schedule, version: stored.version, logId: stored.logId, now: now() };
      }
      case 'undo': {
        const restored = await undoReview(db, command.logId);
        return { type: 'undone', commandId, schedule: restored.schedule, version: restored.version, now: now() };
      }
      case 'bury':
        await buryCard(db, command.cardId, command.now);
        return { type: 'flagged', commandId, now: now() };
      case 'suspend':
        await suspendCard(db, command.cardId, true);
        return { type: 'flagged', commandId, now: now() };
    }
  } catch (error) {
    const failure = failureOf(error, command);
    const result: WriteResult = { type: 'failed', commandId, failure, now: now() };
    // The code, not the message: the screen words it (raw messages may carry internal details).
    if (failure === 'storage') result.detail = error instanceof StorageError ? error.code : 'unknown';
    return result;
  }
}

/** A writer for one review screen; `deliver` receives each result, in the order the commands came. */
export function createReviewWriter(db: RehearseDb, deliver: (result: WriteResult) => void, options: ReviewWriterOptions = {}): ReviewWriter {
  const seen = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let running = 0;
  return {
    submit(command) {
      if (seen.has(command.id)) return;
      seen.add(command.id);
      running++;
      const step = async () => {
        try {
          const result = await writeCommand(db, command, options.now);
          if (result.type !== 'failed') options.onCommitted?.(command);
          deliver(result);
        } finally {
          running--;
        }
      };
      // The next command runs even if handing back the previous result threw.
      chain = chain.then(step, step);
    },
    get busy() {
      return running > 0;
    },
    idle: () => chain,
  };
}
