// Work that can start before React renders: opening IndexedDB costs a few hundred ms on a slow
// phone, so main.tsx starts it first and the app shell picks up the same promise.
import { openRehearseDb, type RehearseDb } from '../storage/index.ts';
import { markStart } from './startMarks.ts';

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
