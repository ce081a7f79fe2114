// Grades waiting for storage, kept in localStorage: written synchronously before the next card is
// painted, dropped once storage has answered. A tab killed in between leaves its grades here,
// and the next start (of this tab after a reload, or of any tab a little later) replays them.

import type { RehearseDb } from '../../storage/db.ts';
import { replayAnswers, type AnswerJournal, type RecordCommand } from '../../storage/reviewWriter.ts';

const PREFIX = 'rehearse.pending:';
const TAB_KEY = 'rehearse.tab';
/** Another tab's grades this old cannot be waiting for a live write any more (those take milliseconds). */
export const ORPHAN_AFTER_MS = 30_000;

interface Entry {
  at: number;
  command: RecordCommand;
}

/** This tab's id: kept in sessionStorage, so a reload of the tab finds its own journal again. */
export function currentTabId(): string {
  try {
    const known = sessionStorage.getItem(TAB_KEY);
    if (known) return known;
    const id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
    sessionStorage.setItem(TAB_KEY, id);
    return id;
  } catch {
    return 'tab';
  }
}

function read(key: string): Entry[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? (value as Entry[]).filter((e) => e && typeof e.at === 'number' && e.command?.kind === 'record') : [];
  } catch {
    return [];
  }
}

function write(key: string, entries: Entry[]): void {
  try {
    if (entries.length) localStorage.setItem(key, JSON.stringify(entries));
    else localStorage.removeItem(key);
  } catch {
    // Storage blocked or full: the grade is still written to IndexedDB, only without this net.
  }
}

/** The journal of one tab. */
export function localAnswerJournal(tabId: string, now: () => number = Date.now): AnswerJournal {
  const key = PREFIX + tabId;
  return {
    add(command) {
      write(key, [...read(key), { at: now(), command }]);
    },
    remove(commandId) {
      write(key, read(key).filter((e) => e.command.id !== commandId));
    },
  };
}

/**
 * Takes the grades to replay out of the journals: all of this tab's (a reload ended its writes)
 * and other tabs' older than ORPHAN_AFTER_MS. Oldest answer first.
 */
export function takeOrphanedAnswers(tabId: string, now: number = Date.now()): RecordCommand[] {
  const taken: Entry[] = [];
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const entries = read(key);
      const own = key === PREFIX + tabId;
      const old = entries.filter((e) => own || now - e.at > ORPHAN_AFTER_MS);
      if (!old.length) continue;
      taken.push(...old);
      write(key, entries.filter((e) => !old.includes(e)));
    }
  } catch {
    return [];
  }
  return taken.sort((a, b) => a.command.now - b.command.now).map((e) => e.command);
}

/**
 * At the app's start: writes the grades a killed tab left in the journals (this tab's, and other
 * tabs' old enough to be orphaned). Never rejects: a replay that fails leaves nothing worse than
 * before, and the grades it could not write are put back for the next start.
 */
export async function replayJournaledAnswers(db: RehearseDb, tabId: string = currentTabId()): Promise<void> {
  const orphaned = takeOrphanedAnswers(tabId);
  if (!orphaned.length) return;
  try {
    await replayAnswers(db, orphaned);
  } catch {
    const journal = localAnswerJournal(tabId);
    orphaned.forEach((command) => journal.add(command));
  }
}
