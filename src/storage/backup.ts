// Backup and restore of everything on the device. Export writes the file table by table in
// pages, so a large collection is never held twice in memory; restore is one transaction, so a
// failure (quota, a closed tab) leaves the database exactly as it was.

import type { Table } from 'dexie';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  BACKUP_VERSION,
  BackupError,
  missingReference,
  readBackup,
  referencesOutside,
  type Backup,
  type BackupTable,
} from './backupFile.ts';
import {
  LATEST_SCHEMA_VERSION,
  withIndexFields,
  type RehearseDb,
  type StoredCard,
  type StoredCardState,
  type StoredReviewLog,
  type StoredSetting,
} from './db.ts';
import { guarded, toStorageError } from './errors.ts';
import { reviewMonth } from '../core/sync/rows.ts';
import { ensureDeviceId, LOCAL_ONLY_SETTINGS, markFullReconcile } from './syncLog.ts';
import { mediaTables } from './media/schema.ts';
import { keepMediaOfDecks } from './media/deckMedia.ts';
import { BACKUP_REMINDER_DISMISSED_KEY, LAST_BACKUP_KEY } from './backupReminder.ts';

export * from './backupFile.ts';

export * from './backupReminder.ts';

/** Rows read (and serialized) at a time while exporting. */
const PAGE = 1000;

/**
 * Writes a backup of everything, with `now` as its last backup time inside the file (so a
 * restored database remembers when its data was backed up). One read transaction, so the file
 * is a consistent snapshot even with another tab studying. It records nothing on the device:
 * call `recordBackup` once the file was handed to the browser.
 */
export function exportBackup(db: RehearseDb, now: number): Promise<Blob> {
  return guarded(() =>
    db.transaction('r', [db.decks, db.cards, db.cardStates, db.reviews, db.settings], async () => {
      const header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: new Date(now).toISOString(),
        schemaVersion: LATEST_SCHEMA_VERSION,
        app: 'Rehearse',
      };
      const backedUp: StoredSetting = { key: LAST_BACKUP_KEY, value: now };
      // Each page becomes a Blob at once, so its strings can be collected before the next page.
      const parts: Blob[] = [new Blob([JSON.stringify(header).slice(0, -1)])];
      for (const name of BACKUP_TABLES) {
        parts.push(new Blob([`,\n${JSON.stringify(name)}: [`]));
        let first = true;
        let timeWritten = false;
        const write = (rows: object[]) => {
          const text = rows.map((row) => `\n${JSON.stringify(row)}`).join(',');
          parts.push(new Blob([first ? text : `,${text}`]));
          first = false;
        };
        for await (const rows of pages(tableOf(db, name))) {
          if (name === 'settings') {
            // This device's own keys (its id, its sync code, its clock) never leave it in a file.
            for (let i = rows.length - 1; i >= 0; i--) if (LOCAL_ONLY_SETTINGS.has((rows[i] as StoredSetting).key)) rows.splice(i, 1);
            rows.forEach((row, i) => {
              if ((row as StoredSetting).key !== LAST_BACKUP_KEY) return;
              rows[i] = backedUp;
              timeWritten = true;
            });
          }
          write(rows);
        }
        if (name === 'settings' && !timeWritten) write([backedUp]);
        parts.push(new Blob([first ? ']' : '\n]']));
      }
      parts.push(new Blob(['\n}\n']));
      return new Blob(parts, { type: 'application/json' });
    }),
  );
}

/** Records `now` as this device's last backup: call it once the backup file was handed to the browser. */
export function recordBackup(db: RehearseDb, now: number): Promise<void> {
  return guarded(async () => {
    await db.settings.put({ key: LAST_BACKUP_KEY, value: now });
  });
}

function tableOf(db: RehearseDb, name: BackupTable): Table<object, string | number> {
  // The file keeps its own name for the review log (the table became `reviews` in schema v3).
  return db.table(name === 'reviewLogs' ? 'reviews' : name);
}

/** Rows in primary-key order, `PAGE` at a time. */
async function* pages(table: Table<object, string | number>): AsyncGenerator<object[]> {
  let after: string | number | undefined;
  for (;;) {
    const collection = after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
    const keys = (await collection.limit(PAGE).primaryKeys()) as Array<string | number>;
    if (keys.length === 0) return;
    const rows = (await table.bulkGet(keys)).filter((row): row is object => row !== undefined);
    yield rows;
    if (keys.length < PAGE) return;
    after = keys[keys.length - 1];
  }
}

/** How a backup meets the data already here. */
export type RestoreMode = 'replace' | 'merge';

/** What a restore did. */
export interface RestoreReport {
  mode: RestoreMode;
  decksAdded: number;
  cardsAdded: number;
  /** Cards whose scheduling state came from the backup (newer there). */
  statesTaken: number;
  reviewsAdded: number;
  /** Reviews of the backup already on this device. */
  reviewsAlreadyHere: number;
}

/**
 * Restores a backup (its text, or one already read with `readBackup`), in one transaction:
 * - `replace`: everything on the device is replaced by the backup, exactly as it was exported.
 * - `merge`: the backup is added to what is here. Decks and cards missing here are added (a card
 *   missing from a deck this device also has comes in hidden, with its history, as if it had
 *   left the deck); for a card on both sides the state reviewed most recently wins; review-log
 *   rows are the same review when card, time and rating agree, and are added once; settings
 *   already here are kept.
 * Throws `BackupError` for a file that is not a usable backup, `StorageError` when the browser
 * refuses the write; either way nothing is written.
 */
export async function restoreBackup(
  db: RehearseDb,
  file: string | Backup,
  options: { mode: RestoreMode },
): Promise<RestoreReport> {
  const backup = typeof file === 'string' ? readBackup(file) : file;
  try {
    return await db.transaction('rw', [db.decks, db.cards, db.cardStates, db.reviews, db.reviewVoids, db.registerStamps, db.settings, db.syncOutbox, ...Object.values(mediaTables(db))], async () => {
      // Before any write: a card's deck and a review's card must be in the backup, or (merge) here.
      const problem = missingReference(backup, options.mode === 'merge' ? await rowsHere(db, backup) : null);
      if (problem) throw problem;
      const report = await (options.mode === 'replace' ? replaceAll(db, backup) : mergeInto(db, backup));
      await voidsFromRows(db, backup.reviewLogs);
      // While sync is set up, the next sync pushes everything the restore brought.
      await markFullReconcile(db);
      return report;
    });
  } catch (e) {
    throw e instanceof BackupError ? e : toStorageError(e);
  }
}

/**
 * The first card or review of `backup` whose deck or card is neither in it nor on this device:
 * such a backup cannot be restored either way, so the screen says so before asking how.
 */
export function unresolvedReference(db: RehearseDb, backup: Backup): Promise<BackupError | null> {
  return guarded(() => db.transaction('r', [db.decks, db.cards], async () => missingReference(backup, await rowsHere(db, backup))));
}

/** Which of the decks and cards the backup names but does not hold are on this device. */
async function rowsHere(db: RehearseDb, backup: Backup): Promise<{ deckIds: Set<string>; cardIds: Set<string> }> {
  const outside = referencesOutside(backup);
  const [decks, cards] = await Promise.all([db.decks.bulkGet(outside.deckIds), db.cards.bulkGet(outside.cardIds)]);
  return {
    deckIds: new Set(decks.flatMap((d) => (d ? [d.id] : []))),
    cardIds: new Set(cards.flatMap((c) => (c ? [c.id] : []))),
  };
}

/** Voids for the voided rows a restore wrote (a backup carries the mark on the row). */
async function voidsFromRows(db: RehearseDb, logs: readonly StoredReviewLog[]): Promise<void> {
  const voided = logs.filter((l) => l.voided === 1);
  if (voided.length === 0) return;
  const device = await ensureDeviceId(db);
  const known = await db.reviewVoids.bulkGet(voided.map((l) => l.id));
  await db.reviewVoids.bulkPut(
    voided.filter((_, i) => !known[i]).map((l) => ({ id: l.id, month: reviewMonth(l.reviewedAt), voidedAt: l.reviewedAt, device })),
  );
}

async function replaceAll(db: RehearseDb, backup: Backup): Promise<RestoreReport> {
  const kept = (await db.settings.bulkGet([...LOCAL_ONLY_SETTINGS])).filter((s): s is StoredSetting => s !== undefined);
  await Promise.all([
    db.decks.clear(),
    db.cards.clear(),
    db.cardStates.clear(),
    db.reviews.clear(),
    db.reviewVoids.clear(),
    db.registerStamps.clear(),
    db.settings.clear(),
  ]);
  await db.decks.bulkAdd(backup.decks);
  // Backups hold no media: the files of decks it brings back stay, those of the others go.
  await keepMediaOfDecks(db, new Set(backup.decks.map((d) => d.id)));
  await db.cards.bulkAdd(backup.cards);
  await db.cardStates.bulkAdd(backup.cardStates.map(withIndexFields));
  await db.reviews.bulkAdd(backup.reviewLogs);
  await db.settings.bulkAdd([...backup.settings.filter((s) => !LOCAL_ONLY_SETTINGS.has(s.key)), ...kept]);
  return {
    mode: 'replace',
    decksAdded: backup.decks.length,
    cardsAdded: backup.cards.length,
    statesTaken: backup.cardStates.length,
    reviewsAdded: backup.reviewLogs.length,
    reviewsAlreadyHere: 0,
  };
}

/** The identity of a review across devices: the autoincrement id is only unique on one device. */
export function reviewKey(log: Pick<StoredReviewLog, 'cardId' | 'reviewedAt' | 'rating'>): string {
  return `${log.reviewedAt}\u0000${log.rating}\u0000${log.cardId}`;
}

/** True when `a` was reviewed more recently than `b` (more reviews breaks a tie). */
function isNewer(a: StoredCardState, b: StoredCardState): boolean {
  const la = a.schedule.lastReview ?? -Infinity;
  const lb = b.schedule.lastReview ?? -Infinity;
  return la !== lb ? la > lb : a.schedule.reps > b.schedule.reps;
}

/** Settings that describe this device, not the data: never taken from another device's backup. */
const DEVICE_SETTINGS = new Set([LAST_BACKUP_KEY, BACKUP_REMINDER_DISMISSED_KEY]);

async function mergeInto(db: RehearseDb, backup: Backup): Promise<RestoreReport> {
  const report: RestoreReport = { mode: 'merge', decksAdded: 0, cardsAdded: 0, statesTaken: 0, reviewsAdded: 0, reviewsAlreadyHere: 0 };

  const localDecks = new Map((await db.decks.toArray()).map((d) => [d.id, d]));
  let order = Math.max(-1, ...[...localDecks.values()].map((d) => d.order));
  const newDecks = backup.decks.filter((d) => !localDecks.has(d.id)).sort((a, b) => a.order - b.order);
  await db.decks.bulkAdd(newDecks.map((d) => ({ ...d, order: ++order })));
  report.decksAdded = newDecks.length;

  // Cards: missing ones come in; in a deck this device also has, they come in hidden (this
  // device's deck decides which cards it shows). An edit made in the app travels.
  const localCards = await db.cards.bulkGet(backup.cards.map((c) => c.id));
  const cardPuts: StoredCard[] = [];
  const hiddenHere = new Set<string>();
  for (const [i, card] of backup.cards.entries()) {
    const local = localCards[i];
    if (!local) {
      const hide = localDecks.has(card.deckId) && !card.hidden;
      if (hide) hiddenHere.add(card.id);
      cardPuts.push(hide ? { ...card, hidden: true } : card);
      report.cardsAdded++;
    } else if (card.userEdited && !local.userEdited) {
      // The edit travels whole: question, answer and the tags the user gave the card; this
      // device's note version stays beside it for Revert.
      const original = { front: local.front, back: local.back, tags: local.tags };
      cardPuts.push({ ...local, front: card.front, back: card.back, tags: card.tags, userEdited: true, original });
    }
  }
  await db.cards.bulkPut(cardPuts);

  // Reviews: add those not here yet (by id, and by content for rows of an older backup that
  // got new ids on reading), oldest first.
  const seen = new Set<string>();
  const ids = new Set<string>();
  await db.reviews.each((log) => {
    seen.add(reviewKey(log));
    ids.add(log.id);
  });
  const newLogs: StoredReviewLog[] = [];
  for (const log of [...backup.reviewLogs].sort((a, b) => a.reviewedAt - b.reviewedAt)) {
    const key = reviewKey(log);
    if (ids.has(log.id) || seen.has(key)) {
      report.reviewsAlreadyHere++;
      continue;
    }
    seen.add(key);
    ids.add(log.id);
    newLogs.push(log);
  }
  await db.reviews.bulkAdd(newLogs);
  report.reviewsAdded = newLogs.length;
  const gotReviews = new Set(newLogs.map((l) => l.cardId));

  // States: the most recently reviewed wins. A state that changed here, or a card that got
  // reviews, moves past every version either side has seen, so no undo or open tab can
  // apply an answer computed from the other history.
  const localStates = await db.cardStates.bulkGet(backup.cardStates.map((s) => s.cardId));
  const statePuts: StoredCardState[] = [];
  for (const [i, incoming] of backup.cardStates.entries()) {
    const local = localStates[i];
    if (!local) {
      statePuts.push(withIndexFields(hiddenHere.has(incoming.cardId) ? { ...incoming, hidden: true } : incoming));
      continue;
    }
    const version = Math.max(local.version, incoming.version) + 1;
    if (isNewer(incoming, local)) {
      report.statesTaken++;
      statePuts.push(
        withIndexFields({ ...local, schedule: incoming.schedule, suspended: incoming.suspended, buriedUntil: incoming.buriedUntil, version }),
      );
    } else if (gotReviews.has(local.cardId)) {
      statePuts.push({ ...local, version });
    }
  }
  await db.cardStates.bulkPut(statePuts);

  const localKeys = new Set((await db.settings.toCollection().primaryKeys()) as string[]);
  const newSettings: StoredSetting[] = backup.settings.filter(
    (s) => !localKeys.has(s.key) && !DEVICE_SETTINGS.has(s.key) && !LOCAL_ONLY_SETTINGS.has(s.key),
  );
  await db.settings.bulkAdd(newSettings);
  return report;
}

/** Counts of what is on this device now, for the restore confirmation. */
export function deviceSummary(db: RehearseDb): Promise<{ decks: number; cards: number; reviews: number }> {
  return guarded(() =>
    db.transaction('r', [db.decks, db.cards, db.reviews], async () => ({
      decks: await db.decks.filter((d) => !d.hidden).count(),
      cards: await db.cards.filter((c) => !c.hidden).count(),
      reviews: await db.reviews.count(),
    })),
  );
}
