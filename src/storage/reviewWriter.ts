// The review session's writer: the reducer in core/review hands it commands, each with an id,
// and it writes each one exactly once, strictly in order (an undo follows its grade), then hands
// back what storage did as a session action. A command seen again — React may run a reducer
// twice, or replay updates — is not written again. Each grade is journaled (synchronously, by
// the screen's journal) before its write starts and dropped once storage answered; the next
// start replays what a killed tab left there (`replayAnswers`).

import type { SessionAction, WriteCommand, WriteFailure } from '../core/review/session.ts';
import { StorageError } from './errors.ts';
import type { RehearseDb } from './db.ts';
import { buryCard, findReviewByCommand, recordReview, suspendCard, undoReview } from './reviews.ts';

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

/** Where grades wait until storage has them: must write synchronously (the screen uses localStorage). */
export interface AnswerJournal {
  add(command: RecordCommand): void;
  remove(commandId: string): void;
}

export type RecordCommand = Extract<WriteCommand, { kind: 'record' }>;

/** Options: `now` is injectable for tests. */
export interface ReviewWriterOptions {
  now?: () => number;
  journal?: AnswerJournal;
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

/**
 * Writes one command; never rejects (a failure is a `failed` result). An undo names its grade's
 * log row, or the grade's command id, which `logIds` (the rows this writer wrote) resolves.
 */
export async function writeCommand(
  db: RehearseDb,
  command: WriteCommand,
  now: () => number = Date.now,
  logIds: ReadonlyMap<string, string> = new Map(),
): Promise<WriteResult> {
  const commandId = command.id;
  try {
    switch (command.kind) {
      case 'record': {
        const stored = await recordReview(db, command);
        return { type: 'stored', commandId, logId: stored.logId, now: now() };
      }
      case 'undo': {
        // After a reload the grade's row id may be known to neither: its row names its command.
        const logId = command.logId ?? logIds.get(command.recordCommandId) ?? (await findReviewByCommand(db, command.recordCommandId));
        if (logId === undefined) return { type: 'failed', commandId, failure: 'gone', now: now() };
        await undoReview(db, logId);
        return { type: 'undone', commandId, now: now() };
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
  const logIds = new Map<string, string>();
  let chain: Promise<void> = Promise.resolve();
  let running = 0;
  return {
    submit(command) {
      if (seen.has(command.id)) return;
      seen.add(command.id);
      if (command.kind === 'record') options.journal?.add(command);
      running++;
      const step = async () => {
        try {
          const result = await writeCommand(db, command, options.now, logIds);
          if (result.type === 'stored') logIds.set(command.id, result.logId);
          // Written or refused, storage has answered: a replay would add nothing.
          if (command.kind === 'record') options.journal?.remove(command.id);
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

/**
 * Writes grades a tab journaled but never heard back about (it was closed or killed first), in
 * order. A grade that storage already has, or that another answer has overtaken since, is
 * refused by the version check and skipped, so a replay never writes a grade twice.
 */
export async function replayAnswers(db: RehearseDb, commands: readonly RecordCommand[]): Promise<{ written: number; skipped: number }> {
  let written = 0;
  let skipped = 0;
  for (const command of commands) {
    const result = await writeCommand(db, command);
    if (result.type === 'stored') written++;
    else skipped++;
  }
  return { written, skipped };
}
