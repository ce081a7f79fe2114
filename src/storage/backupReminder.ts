// When the last backup was made and whether to remind the user: what the deck list asks at every
// start, apart from making and restoring backups (backup.ts, backupFile.ts), which the first
// screen does not load.
import type { RehearseDb, StoredSetting } from './db.ts';
import { guarded } from './errors.ts';

/** Settings key: epoch ms of the last backup made on this device. */
export const LAST_BACKUP_KEY = 'lastBackupAt';
/** Settings key: epoch ms at which the user last dismissed the backup reminder. */
export const BACKUP_REMINDER_DISMISSED_KEY = 'backupReminderDismissedAt';

const DAY = 24 * 60 * 60 * 1000;

/** When this device last made a backup (epoch ms), if ever. */
export function lastBackupAt(db: RehearseDb): Promise<number | undefined> {
  return guarded(async () => numberSetting(await db.settings.get(LAST_BACKUP_KEY)));
}

/** Whether to remind the user to back up, and since when their reviews are unprotected. */
export interface BackupReminder {
  remind: boolean;
  lastBackupAt: number | undefined;
}

/** Days after the last backup (or, never backed up, after the first review) before reminding. */
export const BACKUP_REMINDER_DAYS = 30;
/** A dismissed reminder stays away this long. */
export const BACKUP_REMINDER_SNOOZE_DAYS = 7;

/**
 * Remind when there are reviews since the last backup and that backup is more than 30 days old.
 * Never backed up: the 30 days count from the first review, so a new user is not asked on day
 * one. A dismissed reminder comes back after 7 days.
 */
export function backupReminder(db: RehearseDb, now: number): Promise<BackupReminder> {
  return guarded(() =>
    db.transaction('r', [db.settings, db.reviews], async () => {
      const last = numberSetting(await db.settings.get(LAST_BACKUP_KEY));
      const dismissed = numberSetting(await db.settings.get(BACKUP_REMINDER_DISMISSED_KEY));
      const since = db.reviews.where('reviewedAt').above(last ?? -Infinity);
      const firstSince = await since.first();
      const from = last ?? firstSince?.reviewedAt;
      const remind =
        firstSince !== undefined &&
        from !== undefined &&
        now - from > BACKUP_REMINDER_DAYS * DAY &&
        (dismissed === undefined || now - dismissed > BACKUP_REMINDER_SNOOZE_DAYS * DAY);
      return { remind, lastBackupAt: last };
    }),
  );
}

/** Hides the backup reminder for a week. */
export function dismissBackupReminder(db: RehearseDb, now: number): Promise<void> {
  return guarded(async () => {
    await db.settings.put({ key: BACKUP_REMINDER_DISMISSED_KEY, value: now });
  });
}

function numberSetting(row: StoredSetting | undefined): number | undefined {
  return typeof row?.value === 'number' && Number.isFinite(row.value) ? row.value : undefined;
}
