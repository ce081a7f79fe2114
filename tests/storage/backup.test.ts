// Backup and restore: the round trip gives back identical data, a merge of two devices keeps
// every review once and the newer state, and a bad file writes nothing.
import { describe, expect, it } from 'vitest';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import { LATEST_SCHEMA_VERSION } from '../../src/storage/db.ts';
import {
  backupFileName,
  backupReminder,
  dismissBackupReminder,
  exportBackup,
  readBackup,
  restoreBackup,
  BackupError,
  LAST_BACKUP_KEY,
  recordBackup,
} from '../../src/storage/backup.ts';
import {
  recordReview,
  saveSettings,
  suspendCard,
  buryCard,
  deleteDeck,
  syncDecks,
  undoLastReview,
  type RehearseDb,
} from '../../src/storage/index.ts';
import { dump, review } from './backupSupport.ts';
import { DAY, freshFactory, HOUR, makeDeck, NOON, openTestDb, QA } from './helpers.ts';


/** A device with two decks, reviews, a suspended and a buried card, custom settings. */
async function seed(db: RehearseDb, start = NOON) {
  await syncDecks(db, [makeDeck('js', QA), makeDeck('ml', [['What is LoRA?', 'Low-rank adapters. $W + BA$'], ['Explain **batch norm**.', '- normalize\n- scale']])], start);
  await syncDecks(db, [makeDeck('mine', [['Imported?', 'Yes.']])], start, { origin: 'imported' });
  const ids = (await db.cards.toArray()).map((c) => c.id);
  await review(db, ids[0]!, Rating.Good, start + HOUR);
  await review(db, ids[1]!, Rating.Again, start + 2 * HOUR);
  await review(db, ids[1]!, Rating.Good, start + 3 * HOUR);
  await review(db, ids[0]!, Rating.Easy, start + 2 * DAY);
  await suspendCard(db, ids[2]!);
  await buryCard(db, ids[3]!, start + 2 * DAY);
  await saveSettings(db, { newCardsPerDay: 7, desiredRetention: 0.85 });
  return ids;
}

describe('backup round trip', () => {
  it('export → wipe → restore gives back every table exactly', async () => {
    const factory = freshFactory();
    const db = await openTestDb(factory, 'device');
    await seed(db);
    const now = NOON + 3 * DAY;
    const text = await (await exportBackup(db, now)).text();
    // Making the file records nothing: only a file handed to the browser counts as a backup.
    expect(await db.settings.get(LAST_BACKUP_KEY)).toBeUndefined();
    await recordBackup(db, now);
    const before = await dump(db);
    expect(before.settings.find((s) => s.key === LAST_BACKUP_KEY)?.value).toBe(now);
    await db.delete();

    const fresh = await openTestDb(factory, 'device');
    await fresh.settings.clear();
    const report = await restoreBackup(fresh, text, { mode: 'replace' });
    expect(report).toMatchObject({ mode: 'replace', reviewsAdded: 4, cardsAdded: 8, decksAdded: 3 });
    expect(await dump(fresh)).toEqual(before);
    // The restored history still works: undo takes back the last answer.
    await undoLastReview(fresh);
    expect((await fresh.reviews.toArray()).filter((r) => !r.voided)).toHaveLength(3);
    fresh.close();
  });

  it('writes a versioned file, one row per line, that readBackup accepts', async () => {
    const db = await openTestDb();
    await seed(db);
    const text = await (await exportBackup(db, NOON + 3 * DAY)).text();
    const parsed = JSON.parse(text);
    expect(parsed).toMatchObject({ format: 'rehearse-backup', version: 2, schemaVersion: LATEST_SCHEMA_VERSION, exportedAt: '2024-06-13T12:00:00.000Z' });
    // This device's own keys stay on it.
    expect(parsed.settings.map((s: { key: string }) => s.key)).not.toContain('deviceId');
    expect(text.split('\n').length).toBeGreaterThan(20);
    const backup = readBackup(text);
    expect(backup.cards).toHaveLength(8);
    expect(new Set(backup.reviewLogs.map((l) => l.id)).size).toBe(4);
    expect(backup.reviewLogs.every((l) => typeof l.id === 'string' && l.id.length >= 16)).toBe(true);
    db.close();
  });

  it('pages through a collection larger than one page', async () => {
    const db = await openTestDb();
    const pairs = Array.from({ length: 2500 }, (_, i): [string, string] => [`Question ${i}?`, `Answer ${i}.`]);
    await syncDecks(db, [makeDeck('big', pairs)], NOON);
    const backup = readBackup(await (await exportBackup(db, NOON)).text());
    expect(backup.cards).toHaveLength(2500);
    expect(new Set(backup.cardStates.map((s) => s.cardId)).size).toBe(2500);
    db.close();
  });

  it('replace into a database that has other data leaves only the backup', async () => {
    const a = await openTestDb(freshFactory(), 'a');
    await seed(a);
    const text = await (await exportBackup(a, NOON + 3 * DAY)).text();
    await recordBackup(a, NOON + 3 * DAY);
    const b = await openTestDb(freshFactory(), 'b');
    await syncDecks(b, [makeDeck('other', [['Other?', 'Yes.']])], NOON);
    await restoreBackup(b, text, { mode: 'replace' });
    expect(await dump(b)).toEqual(await dump(a));
  });

  it('a backup taken after deleting a deck restores, the deleted deck\'s voided answers with it', async () => {
    const a = await openTestDb(freshFactory(), 'a');
    await seed(a);
    // The imported deck's answers stay as voided rows (so the deletion travels to other devices).
    const [mine] = (await a.cards.toArray()).filter((c) => c.deckId === 'mine');
    await review(a, mine!.id, Rating.Good, NOON + 2 * HOUR);
    await deleteDeck(a, 'mine', NOON + 3 * HOUR);
    const text = await (await exportBackup(a, NOON + 3 * DAY)).text();
    for (const mode of ['replace', 'merge'] as const) {
      const b = await openTestDb(freshFactory(), `b-${mode}`);
      await restoreBackup(b, text, { mode });
      const [here, there] = [await dump(b), await dump(a)];
      expect({ ...here, settings: [] }).toEqual({ ...there, settings: [] });
      expect((await b.reviews.toArray()).filter((r) => r.cardId === mine!.id).map((r) => r.voided)).toEqual([1]);
    }
  });

  it('file name carries the local date', () => {
    expect(backupFileName(new Date(2024, 0, 5, 10).getTime())).toBe('rehearse-backup-2024-01-05.json');
  });
});

describe('merge', () => {
  it('two devices: every review once, the more recently reviewed state wins, settings here kept', async () => {
    // Device A and B start from the same backup, then each studies on its own.
    const a = await openTestDb(freshFactory(), 'a');
    const ids = await seed(a);
    const common = await (await exportBackup(a, NOON + 3 * DAY)).text();
    await recordBackup(a, NOON + 3 * DAY);
    const b = await openTestDb(freshFactory(), 'b');
    await restoreBackup(b, common, { mode: 'replace' });

    const t = NOON + 10 * DAY;
    await review(a, ids[4]!, Rating.Good, t); // only A
    await review(b, ids[5]!, Rating.Hard, t + HOUR); // only B
    await review(a, ids[0]!, Rating.Good, t + 2 * HOUR); // both; B later
    await review(b, ids[0]!, Rating.Again, t + 5 * HOUR);
    await review(a, ids[1]!, Rating.Good, t + 9 * HOUR); // both; A later
    await review(b, ids[1]!, Rating.Hard, t + 3 * HOUR);
    await syncDecks(b, [makeDeck('b-only', [['Only on B?', 'Yes.']])], t, { origin: 'imported' });
    await saveSettings(b, { newCardsPerDay: 50 });
    await b.settings.put({ key: 'onlyOnB', value: true });

    const fromB = await (await exportBackup(b, t + DAY)).text();
    const aStateBefore = await a.cardStates.get(ids[1]!);
    const report = await restoreBackup(a, fromB, { mode: 'merge' });
    expect(report).toMatchObject({ mode: 'merge', decksAdded: 1, cardsAdded: 1, reviewsAdded: 3, reviewsAlreadyHere: 4 });

    const logs = await a.reviews.toArray();
    expect(logs).toHaveLength(4 + 3 + 3);
    const keys = logs.map((l) => `${l.cardId}@${l.reviewedAt}`);
    expect(new Set(keys).size).toBe(keys.length);
    // B reviewed ids[0] last: its state wins. A reviewed ids[1] last: A's stays.
    const s0 = await a.cardStates.get(ids[0]!);
    const bs0 = await b.cardStates.get(ids[0]!);
    expect(s0!.schedule).toEqual(bs0!.schedule);
    expect(s0!.version).toBeGreaterThan(Math.max(bs0!.version, 0));
    expect((await a.cardStates.get(ids[1]!))!.schedule).toEqual(aStateBefore!.schedule);
    // B's only review and new deck came over.
    expect((await a.cardStates.get(ids[5]!))!.schedule.state).not.toBe(State.New);
    expect(await a.decks.get('b-only')).toMatchObject({ hidden: false, origin: 'imported' });
    expect((await a.cardStates.toArray()).some((s) => s.deckId === 'b-only' && s.newRank !== undefined)).toBe(true);
    // A's own settings stay; B's extra key comes along; the backup time stays A's.
    expect((await a.settings.get('scheduler'))!.value).toMatchObject({ newCardsPerDay: 7 });
    expect((await a.settings.get('onlyOnB'))!.value).toBe(true);
    expect((await a.settings.get(LAST_BACKUP_KEY))!.value).toBe(NOON + 3 * DAY);
    // Undo cannot take back an answer merged from the other device.
    await expect(undoLastReview(a)).rejects.toMatchObject({ code: 'stale-state' });

    // Merging the same file again adds nothing.
    const again = await restoreBackup(a, fromB, { mode: 'merge' });
    expect(again).toMatchObject({ decksAdded: 0, cardsAdded: 0, reviewsAdded: 0, statesTaken: 0 });
    expect(await a.reviews.count()).toBe(10);
  });

  it('a card this device’s deck no longer has comes in hidden, with its history', async () => {
    const a = await openTestDb(freshFactory(), 'a');
    await syncDecks(a, [makeDeck('js', QA)], NOON);
    const ids = [(await a.cards.filter((c) => c.position === 0).first())!.id];
    await review(a, ids[0]!, Rating.Good, NOON + HOUR);
    const text = await (await exportBackup(a, NOON + DAY)).text();
    const b = await openTestDb(freshFactory(), 'b');
    await syncDecks(b, [makeDeck('js', QA.slice(1))], NOON);
    await restoreBackup(b, text, { mode: 'merge' });
    expect(await b.cards.get(ids[0]!)).toMatchObject({ hidden: true });
    expect(await b.cardStates.get(ids[0]!)).toMatchObject({ hidden: true });
    expect((await b.cardStates.get(ids[0]!))!.dueAt).toBeUndefined();
    expect(await b.reviews.where('cardId').equals(ids[0]!).count()).toBe(1);
  });
});

describe('bad input writes nothing', () => {
  async function attempt(text: string, mode: 'replace' | 'merge' = 'replace') {
    const db = await openTestDb();
    await seed(db);
    const before = await dump(db);
    const error = await restoreBackup(db, text, { mode }).catch((e: unknown) => e);
    expect(await dump(db)).toEqual(before);
    db.close();
    expect(error).toBeInstanceOf(BackupError);
    return error as BackupError;
  }

  async function goodText() {
    const db = await openTestDb(freshFactory(), 'source');
    await seed(db);
    const text = await (await exportBackup(db, NOON + 3 * DAY)).text();
    db.close();
    return text;
  }

  it('empty file, not JSON, JSON that is not ours, a deck file', async () => {
    expect((await attempt('')).message).toBe('The file is empty.');
    expect((await attempt('Front\tBack\n')).code).toBe('not-backup');
    expect((await attempt('{"hello": 1}')).message).toBe('This file is not a Rehearse backup.');
    expect((await attempt('[1,2]')).code).toBe('not-backup');
    expect((await attempt('{"format":"rehearse-deck","version":1}')).message).toMatch(/deck file, not a backup/);
  });

  it('a backup from a newer version', async () => {
    const text = (await goodText()).replace('"version":2', '"version":3');
    const error = await attempt(text);
    expect(error.code).toBe('too-new');
    expect(error.message).toMatch(/newer version of Rehearse/);
  });

  it('truncated JSON', async () => {
    const text = await goodText();
    const error = await attempt(text.slice(0, Math.floor(text.length * 0.6)));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/incomplete/);
  });

  it('wrong shapes: one sentence naming the row', async () => {
    const good = JSON.parse(await goodText());
    const broken = (edit: (b: typeof good) => void) => {
      const copy = structuredClone(good);
      edit(copy);
      return JSON.stringify(copy);
    };
    expect((await attempt(broken((b) => delete b.cards))).message).toBe('This backup is damaged: it has no list of cards.');
    expect((await attempt(broken((b) => (b.reviewLogs[1].rating = 7)))).message).toBe(
      'This backup is damaged: review 2 (line 1) has a rating other than Again, Hard, Good or Easy.',
    );
    expect((await attempt(broken((b) => (b.cardStates[0].schedule.due = 'soon')), 'merge')).message).toMatch(
      /^This backup is damaged: scheduling state 1 \(line 1\) has a scheduling state without a due date\.$/,
    );
    expect((await attempt(broken((b) => (b.cards[2] = null)))).message).toBe('This backup is damaged: card 3 (line 1) is not an object.');
    expect((await attempt(broken((b) => (b.version = 'one')))).code).toBe('damaged');
  });

  it('a write the browser refuses rolls the whole restore back', async () => {
    const db = await openTestDb();
    await seed(db);
    const before = await dump(db);
    const text = await goodText();
    // The browser refuses the review log's write, after the tables were cleared.
    db.reviews.hook('creating', () => {
      throw new Error('refused');
    });
    const error = await restoreBackup(db, text, { mode: 'replace' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageError' });
    expect(await dump(db)).toEqual(before);
  });
});

describe('backup reminder', () => {
  it('never backed up: reminds 30 days after the first review, not before', async () => {
    const db = await openTestDb();
    expect((await backupReminder(db, NOON + 90 * DAY)).remind).toBe(false); // no reviews at all
    await seed(db);
    expect((await backupReminder(db, NOON + 20 * DAY)).remind).toBe(false);
    expect(await backupReminder(db, NOON + 31 * DAY)).toEqual({ remind: true, lastBackupAt: undefined });
  });

  it('backed up: reminds when the backup is over 30 days old and reviews came since', async () => {
    const db = await openTestDb();
    const ids = await seed(db);
    await exportBackup(db, NOON + 3 * DAY);
    expect((await backupReminder(db, NOON + 60 * DAY)).lastBackupAt).toBeUndefined(); // the file was never handed over
    await recordBackup(db, NOON + 3 * DAY);
    expect((await backupReminder(db, NOON + 60 * DAY)).remind).toBe(false); // nothing new since
    await review(db, ids[4]!, Rating.Good, NOON + 40 * DAY);
    expect((await backupReminder(db, NOON + 30 * DAY)).remind).toBe(false);
    expect(await backupReminder(db, NOON + 41 * DAY)).toEqual({ remind: true, lastBackupAt: NOON + 3 * DAY });
    await dismissBackupReminder(db, NOON + 41 * DAY);
    expect((await backupReminder(db, NOON + 45 * DAY)).remind).toBe(false);
    expect((await backupReminder(db, NOON + 49 * DAY)).remind).toBe(true);
    await recordBackup(db, NOON + 49 * DAY);
    expect((await backupReminder(db, NOON + 49 * DAY)).remind).toBe(false);
  });
});
