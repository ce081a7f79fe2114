// Saves a Blob as a file through a temporary link (works offline, no server round trip), and the
// backup download shared by Settings and the deck list's reminder.
import { backupFileName, exportBackup, recordBackup } from '../../storage/backup.ts';
import type { RehearseDb } from '../../storage/index.ts';

export { countsText, dateText, handedOverText } from './backupText.ts';

/** Starts the browser's download of `blob` as `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; let them finish first.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Makes the backup file and hands it to the browser's downloads; only then is it recorded as
 * this device's last backup (a file that was never handed over does not silence the reminder).
 * Returns the file's name.
 */
export async function downloadBackup(db: RehearseDb, now: number, download: typeof downloadBlob = downloadBlob): Promise<string> {
  const fileName = backupFileName(now);
  download(await exportBackup(db, now), fileName);
  await recordBackup(db, now);
  return fileName;
}
