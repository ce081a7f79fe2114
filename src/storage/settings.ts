// Scheduler settings in the key/value table, normalized on the way in and out.

import { normalizeSettings, type SchedulerSettings } from '../core/scheduling/settings.ts';
import type { RehearseDb } from './db.ts';
import { guarded } from './errors.ts';
import { SCHEDULER_REGISTER } from './registers.ts';
import { cardsToReplayForSettings, replayCards, writeReplayed } from './replayCards.ts';
import { noteChanges, syncTables } from './syncLog.ts';

const SCHEDULER_KEY = 'scheduler';

/** The scheduler settings (defaults for anything never saved). */
export function loadSettings(db: RehearseDb): Promise<SchedulerSettings> {
  return guarded(async () => normalizeSettings((await db.settings.get(SCHEDULER_KEY))?.value as Partial<SchedulerSettings>));
}

/** Merges `changes` into the saved settings, normalizes, saves and returns the result. */
export function saveSettings(db: RehearseDb, changes: Partial<SchedulerSettings>, now = Date.now()): Promise<SchedulerSettings> {
  return guarded(() =>
    db.transaction('rw', [db.cardStates, db.reviews, ...syncTables(db)], async () => {
      const current = normalizeSettings((await db.settings.get(SCHEDULER_KEY))?.value as Partial<SchedulerSettings>);
      const next = normalizeSettings({ ...current, ...changes });
      await db.settings.put({ key: SCHEDULER_KEY, value: next });
      // Answers of another device's history are graded again with the settings: replay them (as every device does).
      await writeReplayed(db, await replayCards(db, await cardsToReplayForSettings(db, current, next)));
      await noteChanges(db, [{ t: 'register', id: SCHEDULER_REGISTER }], now);
      return next;
    }),
  );
}

/** A device-local setting's stored value (undefined if never saved); the caller normalizes it. */
export function readSetting(db: RehearseDb, key: string): Promise<unknown> {
  return guarded(async () => (await db.settings.get(key))?.value);
}

/**
 * Replaces a device-local setting with `update(current)` in one transaction. Not noted for sync:
 * for options that belong to this device (such as its speech voice), not to the collection.
 */
export function writeSetting(db: RehearseDb, key: string, update: (current: unknown) => unknown): Promise<void> {
  return guarded(() =>
    db.transaction('rw', db.settings, async () => {
      await db.settings.put({ key, value: update((await db.settings.get(key))?.value) });
    }),
  );
}
