// Inside the app's own write transactions: what a local change means for sync. Every register
// write gets a clock stamp (kept whether or not sync is set up, so a later first sync knows which
// side wrote last); while sync is set up, every changed row is also queued in the outbox, in the
// same transaction as the change, so nothing written here can miss the server.

import { HlcClock } from '../core/sync/hlc.ts';
import type { SyncRow } from '../core/sync/rows.ts';
import { DEVICE_ID_KEY, newRowId, type RehearseDb } from './db.ts';

/** Local-only settings keys (never synced). */
export const SYNC_CONFIG_KEY = 'syncConfig';
/** The clock's newest stamp lives among the stamps (a grade or bury then changes no setting). */
export const CLOCK_STAMP_ID = '\u0000clock';
/** Set when every local row must be pushed (sync just set up, a backup restored). */
export const FULL_RECONCILE_KEY = 'syncFullReconcile';

/** Settings that belong to this device: never synced, never in a backup, kept by a restore. */
export const LOCAL_ONLY_SETTINGS: ReadonlySet<string> = new Set([DEVICE_ID_KEY, SYNC_CONFIG_KEY, FULL_RECONCILE_KEY]);

/** Asks the bridge for a full reconcile at its next start. Inside a transaction with `settings`. */
export async function markFullReconcile(db: RehearseDb): Promise<void> {
  if (await db.settings.get(SYNC_CONFIG_KEY)) await db.settings.put({ key: FULL_RECONCILE_KEY, value: true });
}

/** The tables a write must include in its transaction to call `noteChanges`. */
export function syncTables(db: RehearseDb) {
  return [db.settings, db.syncOutbox, db.registerStamps] as const;
}

/** A changed row: a review or void by id, or a register by key. */
export interface ChangedRow {
  t: SyncRow['t'];
  id: string;
}

/** This device's id; made (and saved) on first use. Call inside a transaction with `settings`. */
export async function ensureDeviceId(db: RehearseDb): Promise<string> {
  const known = (await db.settings.get(DEVICE_ID_KEY))?.value;
  if (typeof known === 'string' && known) return known;
  const id = newRowId();
  await db.settings.put({ key: DEVICE_ID_KEY, value: id });
  return id;
}

/** The device's clock, as last saved. */
export async function loadClock(db: RehearseDb): Promise<HlcClock> {
  const device = await ensureDeviceId(db);
  return new HlcClock(device, (await db.registerStamps.get(CLOCK_STAMP_ID))?.hlc);
}

export async function saveClock(db: RehearseDb, clock: HlcClock): Promise<void> {
  await db.registerStamps.put({ id: CLOCK_STAMP_ID, hlc: clock.latest });
}

/**
 * Records local changes: stamps each register at `now`, and queues every row for the server
 * while sync is set up. Call inside the write's transaction (with `syncTables`).
 */
export async function noteChanges(db: RehearseDb, rows: readonly ChangedRow[], now: number): Promise<void> {
  if (rows.length === 0) return;
  const registers = rows.filter((r) => r.t === 'register');
  if (registers.length) {
    const clock = await loadClock(db);
    // A chunk at a time: 20,000 stamps read or written in one call held the page for 0.2–0.3 s.
    for (let from = 0; from < registers.length; from += STAMP_CHUNK) {
      const chunk = registers.slice(from, from + STAMP_CHUNK);
      // A value kept beside its stamp (a takeover, a removed card) stays; a pending remote one gives way.
      const known = await db.registerStamps.bulkGet(chunk.map((r) => r.id));
      await db.registerStamps.bulkPut(
        chunk.map((r, i) => {
          const value = known[i]?.pending ? undefined : known[i]?.value;
          return { id: r.id, hlc: clock.tick(now), ...(value !== undefined ? { value } : {}) };
        }),
      );
    }
    await saveClock(db, clock);
  }
  if (await db.settings.get(SYNC_CONFIG_KEY)) {
    for (let from = 0; from < rows.length; from += STAMP_CHUNK) await db.syncOutbox.bulkAdd(rows.slice(from, from + STAMP_CHUNK).map((r) => ({ t: r.t, id: r.id })));
  }
}

/** Rows per bulk call in `noteChanges`. */
const STAMP_CHUNK = 2000;
