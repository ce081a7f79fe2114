// The backup reminder counts from a file the browser was actually handed, never from one that
// failed on the way.
import { describe, expect, it } from 'vitest';
import { lastBackupAt, readBackup } from '../../../src/storage/backup.ts';
import { syncDecks } from '../../../src/storage/index.ts';
import { downloadBackup, handedOverText } from '../../../src/ui/backup/download.ts';
import { makeDeck, NOON, openTestDb, QA } from '../../storage/helpers.ts';

describe('downloadBackup', () => {
  it('records the backup only once the file was handed to the browser', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('js', QA)], NOON);
    const failing = () => {
      throw new Error('the browser refused the download');
    };
    await expect(downloadBackup(db, NOON, failing)).rejects.toThrow('refused');
    expect(await lastBackupAt(db)).toBeUndefined();

    const handed: Array<{ blob: Blob; name: string }> = [];
    const name = await downloadBackup(db, NOON + 1000, (blob, fileName) => handed.push({ blob, name: fileName }));
    expect(name).toMatch(/^rehearse-backup-\d{4}-\d\d-\d\d\.json$/);
    expect(handed.map((h) => h.name)).toEqual([name]);
    expect(await lastBackupAt(db)).toBe(NOON + 1000);
    // The file itself carries the same time, so a restored device remembers it.
    const backup = readBackup(await handed[0]!.blob.text());
    expect(backup.settings.find((s) => s.key === 'lastBackupAt')?.value).toBe(NOON + 1000);
    db.close();
  });

  it('says the file was handed to the browser', () => {
    expect(handedOverText('rehearse-backup-2024-06-10.json', { decks: 1, cards: 5, reviews: 0 })).toBe(
      'Your browser was handed rehearse-backup-2024-06-10.json (1 deck, 5 cards and 0 reviews) to save, and this counts as your latest backup: keep the file somewhere other than this browser.',
    );
  });
});
