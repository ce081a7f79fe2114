// Saves a Blob as a file through a temporary link (works offline, no server round trip), and the
// backup download shared by Settings and the deck list's reminder.
import { backupFileName, exportBackup, recordBackup } from '../../storage/backup.ts';
import type { RehearseDb } from '../../storage/index.ts';

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

/** "3 decks, 1,204 cards and 5,310 reviews". */
export function countsText(c: { decks: number; cards: number; reviews: number }): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
  return `${n(c.decks, 'deck', 'decks')}, ${n(c.cards, 'card', 'cards')} and ${n(c.reviews, 'review', 'reviews')}`;
}

/** A date as people write it: "10 June 2024". */
export function dateText(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
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

/** What the user is told once the file was handed over. */
export function handedOverText(fileName: string, counts?: { decks: number; cards: number; reviews: number }): string {
  const what = counts ? ` (${countsText(counts)})` : '';
  return `Your browser was handed ${fileName}${what} to save, and this counts as your latest backup: keep the file somewhere other than this browser.`;
}
