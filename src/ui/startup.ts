// Work that can start before React renders: opening IndexedDB costs a few hundred ms on a slow
// phone, so main.tsx starts it first and the app shell picks up the same promise.
import { FIRST_QUEUE_CONTENT, openRehearseDb, studyQueue, type RehearseDb } from '../storage/index.ts';
import { markStart } from './startMarks.ts';
import { replayJournaledAnswers } from './study/answerJournal.ts';

const versionChangeListeners = new Set<() => void>();
let opening: Promise<RehearseDb> | undefined;

/** The app's database, opened once. */
export function openAppDatabase(): Promise<RehearseDb> {
  opening ??= openRehearseDb(undefined, {
    onVersionChange: () => versionChangeListeners.forEach((listener) => listener()),
  }).then((db) => {
    markStart('db-open');
    return db;
  });
  return opening;
}

/** Called when another tab upgrades the database (this connection then closes). */
export function onDatabaseVersionChange(listener: () => void): () => void {
  versionChangeListeners.add(listener);
  return () => versionChangeListeners.delete(listener);
}

type QueueRead = ReturnType<typeof studyQueue>;

/** An early queue older than this is not used: the review screen reads the queue itself. */
const EARLY_QUEUE_MS = 5000;
let earlyQueue: { scope: string; at: number; read: QueueRead } | undefined;

/**
 * A start on the review screen: today's queue is read as soon as the database is open (after the
 * grades a killed tab left are written), while React and the first render are still under way.
 */
export function startEarlyQueue(scope: string): void {
  const read: QueueRead = openAppDatabase().then(async (db) => {
    await replayJournaledAnswers(db);
    return studyQueue(db, scope, Date.now(), { contentFor: FIRST_QUEUE_CONTENT });
  });
  // Not reported here: the review screen reads the queue again if this read failed, and says why.
  read.catch(() => undefined);
  earlyQueue = { scope, at: Date.now(), read };
}

/** The early queue of `scope`, handed out once, if it was started in the last few seconds. */
export function takeEarlyQueue(scope: string): QueueRead | undefined {
  const early = earlyQueue;
  earlyQueue = undefined;
  if (!early || early.scope !== scope || Date.now() - early.at > EARLY_QUEUE_MS) return undefined;
  return early.read;
}
