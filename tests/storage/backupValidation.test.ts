// Restore refuses rows the app itself would never write — a time out of range, text larger than
// any note, a review of a card that is nowhere, a repeated id — with one sentence naming the
// first problem and its line, and writes nothing. A merge keeps the tags of an edited card.
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_SIZE } from '../../src/core/deck/deckFromNote.ts';
import { Rating } from '../../src/core/scheduling/index.ts';
import { BackupError, exportBackup, MAX_BACKUP_TEXT, readBackup, restoreBackup, unresolvedReference } from '../../src/storage/backup.ts';
import { editCard } from '../../src/storage/cardEdits.ts';
import { syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { dump, review } from './backupSupport.ts';
import { DAY, freshFactory, HOUR, makeDeck, NOON, openTestDb, QA } from './helpers.ts';

const YEAR_1870 = Date.UTC(1870, 2, 1);


/** A device with one deck and three reviews; the backup is made a day after the last. */
async function device(name: string) {
  const db = await openTestDb(freshFactory(), name);
  await syncDecks(db, [makeDeck('js', QA)], NOON);
  const ids = (await db.cards.toArray()).sort((x, y) => x.position - y.position).map((c) => c.id);
  await review(db, ids[0]!, Rating.Good, NOON + HOUR);
  await review(db, ids[1]!, Rating.Again, NOON + 2 * HOUR);
  await review(db, ids[1]!, Rating.Good, NOON + 3 * HOUR);
  return { db, ids };
}

type BackupJson = ReturnType<typeof JSON.parse>;

async function backupJson(): Promise<BackupJson> {
  const { db } = await device('source');
  const text = await (await exportBackup(db, NOON + DAY)).text();
  db.close();
  return JSON.parse(text);
}

/** The file as the app writes it: one row per line. */
function asFile(b: BackupJson): string {
  const { decks, cards, cardStates, reviewLogs, settings, ...header } = b;
  const tables = { decks, cards, cardStates, reviewLogs, settings };
  const body = Object.entries(tables).map(([name, rows]) => `${JSON.stringify(name)}: [${(rows as unknown[]).map((r) => `\n${JSON.stringify(r)}`).join(',')}\n]`);
  return `${JSON.stringify(header).slice(0, -1)},\n${body.join(',\n')}\n}\n`;
}

/** Restores `text` onto a device with data of its own; asserts nothing changed and returns the error. */
async function refused(text: string, mode: 'replace' | 'merge' = 'replace'): Promise<BackupError> {
  const { db } = await device('target');
  await syncDecks(db, [makeDeck('other', [['Other?', 'Yes.']])], NOON);
  const before = await dump(db);
  const error = await restoreBackup(db, text, { mode }).catch((e: unknown) => e);
  expect(await dump(db)).toEqual(before);
  db.close();
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

function edited(b: BackupJson, edit: (b: BackupJson) => void): string {
  const copy = structuredClone(b);
  edit(copy);
  return asFile(copy);
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('restore validates every row before writing', () => {
  it('a due date in 1870', async () => {
    const b = await backupJson();
    const text = edited(b, (c) => (c.cardStates[2].schedule.due = YEAR_1870));
    const error = await refused(text);
    const line = lineOf(text, `"cardId":"${b.cardStates[2].cardId}"`);
    expect(error.message).toBe(`This backup is damaged: scheduling state 3 (line ${line}) has a due date in 1870, before the year 2000.`);
  });

  it('a due date further out than the longest interval', async () => {
    const b = await backupJson();
    const error = await refused(edited(b, (c) => (c.reviewLogs[0].stateAfter.due = Date.UTC(2300, 0, 1))));
    expect(error.message).toMatch(/^This backup is damaged: review 1 \(line \d+\) has a due date in 2300, more than the longest interval after the backup was made\.$/);
  });

  it('a 50 MB answer', async () => {
    const b = await backupJson();
    const error = await refused(edited(b, (c) => (c.cards[1].back = 'x'.repeat(50 * 1024 * 1024))));
    expect(error.message).toMatch(/^This backup is damaged: card 2 \(line \d+\) has an answer of 50\.0 MB, more than the 20 MB a whole note may have\.$/);
  });

  it('the size limit is the converter’s', () => {
    expect(MAX_BACKUP_TEXT).toBe(MAX_NOTE_SIZE);
  });

  it('a review of a card that is neither in the backup nor on this device', async () => {
    const b = await backupJson();
    const text = edited(b, (c) => (c.reviewLogs[2].cardId = 'js:nowhere'));
    expect((await refused(text, 'replace')).message).toBe(
      `This backup is damaged: review 3 (line ${lineOf(text, 'js:nowhere')}) is of a card that is not in the backup (a replace keeps nothing of this device).`,
    );
    expect((await refused(text, 'merge')).message).toMatch(/review 3 .* is of a card that is neither in the backup nor on this device/);
    // The screen says so before asking how to restore.
    const { db } = await device('target');
    expect((await unresolvedReference(db, readBackup(text)))?.message).toMatch(/^This backup is damaged: review 3 \(line \d+\) is of a card that is neither/);
    expect(await unresolvedReference(db, readBackup(asFile(b)))).toBeNull();
    db.close();
  });

  it('a merge accepts a review of a card that is only on this device', async () => {
    const b = await backupJson();
    const { db, ids } = await device('target');
    const onlyHere = ids[4]!;
    const text = edited(b, (c) => {
      const i = c.cards.findIndex((card: { id: string }) => card.id === onlyHere);
      c.cards.splice(i, 1);
      c.cardStates.splice(c.cardStates.findIndex((s: { cardId: string }) => s.cardId === onlyHere), 1);
      c.reviewLogs[0].cardId = onlyHere;
      c.reviewLogs[0].reviewedAt += 1;
    });
    expect((await refused(text, 'replace')).message).toMatch(/^This backup is damaged: review 1 \(line \d+\) is of a card that is not in the backup \(a replace keeps nothing of this device\)\.$/);
    expect(await unresolvedReference(db, readBackup(text))).toBeNull();
    const report = await restoreBackup(db, text, { mode: 'merge' });
    expect(report.reviewsAdded).toBe(1);
    expect(await db.reviews.where('cardId').equals(onlyHere).count()).toBe(1);
    db.close();
  });

  it('two reviews with the same id: a sentence, not a storage error after the confirmation', async () => {
    const b = await backupJson();
    const error = await refused(edited(b, (c) => (c.reviewLogs[1].id = c.reviewLogs[0].id)));
    expect(error.message).toMatch(/^This backup is damaged: review 2 \(line \d+\) has the same id as review 1\.$/);
  });

  it('repeated card ids, a card of a deck that is nowhere, a state without its card', async () => {
    const b = await backupJson();
    expect((await refused(edited(b, (c) => (c.cards[3].id = c.cards[0].id)))).message).toMatch(/card 4 \(line \d+\) has the same id as card 1\./);
    const orphan = (c: BackupJson) => {
      c.cards[0].deckId = 'gone';
      c.cardStates[0].deckId = 'gone';
    };
    expect((await refused(edited(b, orphan), 'merge')).message).toMatch(
      /^This backup is damaged: card 1 \(line \d+\) belongs to a deck that is neither in the backup nor on this device\.$/,
    );
    expect((await refused(edited(b, (c) => (c.cards[0].deckId = 'gone')))).message).toMatch(/scheduling state 1 \(line \d+\) names another deck than its card\./);
    expect((await refused(edited(b, (c) => c.cards.pop()))).message).toMatch(/scheduling state 5 \(line \d+\) is of a card that is not in the backup\./);
  });

  it('values out of the scheduler’s ranges', async () => {
    const b = await backupJson();
    const cases: Array<[(c: BackupJson) => void, RegExp]> = [
      [(c) => (c.cardStates[0].schedule.difficulty = 42), /scheduling state 1 \(line \d+\) has a difficulty of 42, outside 1 to 10\./],
      [(c) => (c.cardStates[0].schedule.stability = -3), /has a stability of -3 days/],
      [(c) => (c.cardStates[0].schedule.reps = 1.5), /not whole numbers/],
      [(c) => (c.reviewLogs[0].reviewedAt = NOON + 400 * DAY), /review 1 \(line \d+\) has a review time in 2025, after the backup was made\./],
      [(c) => (c.reviewLogs[0].durationMs = -5), /review 1 .* duration or version that is not a whole number/],
      [(c) => (c.cardStates[1].buriedUntil = YEAR_1870), /scheduling state 2 .* has a burial end in 1870/],
      [(c) => (c.decks[0].title = 'T'.repeat(5000)), /deck 1 \(line \d+\) has a title of 5,000 characters, more than 1,000\./],
      [(c) => (c.settings[1] = { ...c.settings[0] }), /setting 2 \(line \d+\) has the same name as setting 1\./],
      [(c) => (c.exportedAt = 'yesterday'), /does not say when it was made/],
      [(c) => (c.settings[0].value = { junk: 'x'.repeat(3 * 1024 * 1024) }), /setting 1 \(line \d+\) has a value of 3\.0 MB, more than the 1 MB a setting may have\./],
    ];
    for (const [edit, message] of cases) expect((await refused(edited(b, edit))).message).toMatch(message);
  });

  it('a file as the app writes it still restores', async () => {
    const b = await backupJson();
    const { db } = await device('target');
    await expect(restoreBackup(db, asFile(b), { mode: 'replace' })).resolves.toMatchObject({ reviewsAdded: 3 });
    expect(readBackup(asFile(b)).reviewLogs).toHaveLength(3);
    db.close();
  });
});

describe('merge of an edited card', () => {
  it('takes the user’s tags with the edited text, and keeps this device’s note version for Revert', async () => {
    const a = await device('a');
    await editCard(a.db, a.ids[2]!, { front: 'What is binary search, really?', back: 'Halving.', tags: ['algorithms', 'mine'] });
    const text = await (await exportBackup(a.db, NOON + DAY)).text();
    const b = await device('b');
    await restoreBackup(b.db, text, { mode: 'merge' });
    const card = await b.db.cards.get(a.ids[2]!);
    expect(card).toMatchObject({ front: 'What is binary search, really?', back: 'Halving.', tags: ['algorithms', 'mine'], userEdited: true });
    expect(card!.original).toEqual({ front: QA[2]![0], back: QA[2]![1], tags: [] });
    a.db.close();
    b.db.close();
  });
});
