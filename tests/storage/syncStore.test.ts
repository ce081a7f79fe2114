// The storage side of sync, two devices on their own databases exchanging rows by hand (the
// bridge does this over Yjs): nothing lost, both sides replay to the same state.
import { describe, expect, it } from 'vitest';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import {
  buryCard,
  deckFootprint,
  importDeck,
  recordReview,
  renameDeck,
  saveSettings,
  suspendCard,
  syncDecks,
  undoReview,
  type RehearseDb,
} from '../../src/storage/index.ts';
import { editCard } from '../../src/storage/cardEdits.ts';
import {
  applyRemoteRows,
  clearOutbox,
  getSyncConfig,
  listRows,
  outboxCount,
  readOutbox,
  setSyncConfig,
} from '../../src/storage/syncStore.ts';
import { DAY, freshFactory, HOUR, makeDeck, NOON, openTestDb, QA, allSyncRows } from './helpers.ts';

const CONFIG = { server: 'ws://127.0.0.1:1', collection: 'c'.repeat(22), secret: 's'.repeat(22) };

async function device(name: string): Promise<RehearseDb> {
  const db = await openTestDb(freshFactory(), name);
  await syncDecks(db, [makeDeck('js', QA)], NOON - DAY);
  return db;
}

async function grade(db: RehearseDb, cardId: string, rating: Rating, now: number) {
  const state = (await db.cardStates.get(cardId))!;
  return recordReview(db, { cardId, rating: rating as never, now, durationMs: 1000, expectedStateVersion: state.version });
}


async function exchange(a: RehearseDb, b: RehearseDb): Promise<void> {
  const [fromA, fromB] = [await allSyncRows(a), await allSyncRows(b)];
  await applyRemoteRows(b, fromA, NOON + 2 * DAY);
  await applyRemoteRows(a, fromB, NOON + 2 * DAY);
}

/** What must be identical on two devices after a merge (the version counter is this device's own). */
async function content(db: RehearseDb) {
  const states = (await db.cardStates.toArray()).map(({ version: _v, ...s }) =>
    s.schedule.state === State.New ? { ...s, schedule: { ...s.schedule, due: 0 } } : s,
  );
  const reviews = (await db.reviews.toArray()).map(({ versionAfter: _v, commandId: _c, fsrsLog: _f, ...r }) => r);
  const decks = (await db.decks.toArray()).map(({ syncedAt: _s, ...d }) => d);
  return { decks, cards: await db.cards.toArray(), states, reviews, voids: await db.reviewVoids.toArray() };
}

describe('sync rows between two devices', () => {
  it('both grade the same card offline: both reviews kept, both devices replay to one state', async () => {
    const a = await device('a');
    const b = await device('b');
    const card = (await a.cards.toArray())[0]!.id;
    await grade(a, card, Rating.Good, NOON);
    await grade(a, card, Rating.Good, NOON + 2 * DAY - HOUR);
    await grade(b, card, Rating.Again, NOON + HOUR);
    await exchange(a, b);
    expect((await a.reviews.where('cardId').equals(card).toArray()).length).toBe(3);
    expect(await content(a)).toEqual(await content(b));
    // B's Again came between A's two answers: A's second answer is graded again after it.
    const state = (await a.cardStates.get(card))!.schedule;
    expect(state.reps).toBe(3);
    const aSecond = (await a.reviews.where('cardId').equals(card).toArray()).find((r) => r.reviewedAt === NOON + 2 * DAY - HOUR)!;
    expect(state).not.toEqual(aSecond.stateAfter);
  });

  it('an undo travels as a void: the row stays on both devices and counts on neither', async () => {
    const a = await device('a');
    const b = await device('b');
    const card = (await a.cards.toArray())[1]!.id;
    const before = (await a.cardStates.get(card))!.schedule;
    const { logId } = await grade(a, card, Rating.Easy, NOON);
    await exchange(a, b);
    expect((await b.cardStates.get(card))!.schedule.state).not.toBe(State.New);
    await undoReview(a, logId, NOON + HOUR);
    await exchange(a, b);
    for (const db of [a, b]) {
      expect(await db.reviews.get(logId)).toMatchObject({ voided: 1 });
      expect(await db.reviewVoids.get(logId)).toMatchObject({ id: logId });
      expect((await db.cardStates.get(card))!.schedule.state).toBe(State.New);
    }
    expect((await a.cardStates.get(card))!.schedule).toEqual(before);
    expect(await content(a)).toEqual(await content(b));
  });

  it('registers: the newest write wins on both sides, whichever arrives first', async () => {
    const a = await device('a');
    const b = await device('b');
    const card = (await a.cards.toArray())[2]!.id;
    await renameDeck(a, 'js', 'Older name', NOON);
    await renameDeck(b, 'js', 'Newer name', NOON + HOUR);
    await suspendCard(b, card, true, NOON + HOUR + 1);
    await suspendCard(a, card, false, NOON + 2 * HOUR);
    await saveSettings(a, { newCardsPerDay: 3 }, NOON);
    await exchange(a, b);
    await exchange(a, b);
    for (const db of [a, b]) {
      expect((await db.decks.get('js'))!.userTitle).toBe('Newer name');
      expect((await db.cardStates.get(card))!.suspended).toBe(false);
    }
    expect(await content(a)).toEqual(await content(b));
    expect((await b.settings.get('scheduler'))!.value).toMatchObject({ newCardsPerDay: 3 });
  });

  it('an imported deck travels with its cards, its edits and its progress; a flag sent before its card waits for it', async () => {
    const a = await device('a');
    const b = await device('b');
    const mine = makeDeck('import-mine', [['What is a closure?', 'A function with its scope.'], ['What is hoisting?', 'Declarations move up.']]);
    await importDeck(a, mine, { cutAt: 'auto', excludedCardIds: [] }, NOON);
    const [first, second] = mine.cards.map((c) => c.id);
    await grade(a, first!, Rating.Good, NOON + HOUR);
    await editCard(a, second!, { front: 'What is hoisting in JS?', back: 'Declarations move up.', tags: [] }, NOON + HOUR);
    await buryCard(a, second!, NOON + HOUR);
    // The registers arrive before the deck's cards: the flag and the edit wait.
    const registers = await listRows(a, { kind: 'registers' });
    const report = await applyRemoteRows(b, registers.filter((r) => !r.id.startsWith('deck:')), NOON + 2 * HOUR);
    expect(report.applied).toBeLessThan(registers.length);
    await exchange(a, b);
    expect(await b.decks.get('import-mine')).toMatchObject({ origin: 'imported', cardCount: 2 });
    expect((await b.cards.get(second!))!.front).toBe('What is hoisting in JS?');
    expect((await b.cardStates.get(second!))!.buriedUntil).toBeGreaterThan(NOON);
    expect((await b.cardStates.get(first!))!.schedule.reps).toBe(1);
    expect(await content(a)).toEqual(await content(b));
    expect(await deckFootprint(b, 'import-mine')).toEqual({ cards: 2, reviews: 1 });
  });

  it('rows that are not valid are skipped and counted; nothing else is written for them', async () => {
    const b = await device('b');
    const before = await content(b);
    const report = await applyRemoteRows(b, [
      { t: 'review', id: 'x', cardId: 'js/x', deckId: 'js', kind: 'grade', rating: 9, at: NOON, durationMs: 1, before: {}, after: {}, device: 'd' } as never,
      { t: 'register', id: 'flags:js/x', value: { suspended: 'yes' }, hlc: 'z' } as never,
      { t: 'void', id: 'y', month: 'June', at: NOON, device: 'd' } as never,
    ]);
    expect(report).toEqual({ applied: 0, skipped: 3, replayed: 0 });
    expect(await content(b)).toEqual(before);
  });
});

describe('a change of settings', () => {
  it('replays only the cards whose states depend on the settings: those where two histories met', async () => {
    const a = await device('a');
    const b = await device('b');
    const [met, alone] = (await a.cards.toArray()).map((c) => c.id);
    await grade(a, met!, Rating.Good, NOON);
    await grade(b, met!, Rating.Good, NOON + HOUR);
    await grade(a, alone!, Rating.Good, NOON);
    await exchange(a, b);
    expect((await a.cardStates.get(met!))!.regraded).toBe(1);
    expect((await a.cardStates.get(alone!))!.regraded).toBeUndefined();
    const before = { met: (await a.cardStates.get(met!))!, alone: (await a.cardStates.get(alone!))! };
    await saveSettings(a, { desiredRetention: 0.97 }, NOON + 2 * HOUR);
    // The lone card's state is its own answer as written: untouched, version and all.
    expect(await a.cardStates.get(alone!)).toEqual(before.alone);
    // The met card's second answer is graded again with the new retention.
    expect((await a.cardStates.get(met!))!.schedule.due).not.toBe(before.met.schedule.due);
    await exchange(a, b);
    expect(await content(a)).toEqual(await content(b));
  });
});

describe('the outbox', () => {
  it('records local changes only while sync is set up, in the same transaction, and empties once acknowledged', async () => {
    const a = await device('a');
    const cards = (await a.cards.toArray()).map((c) => c.id);
    await grade(a, cards[0]!, Rating.Good, NOON);
    expect(await outboxCount(a)).toEqual({ reviews: 0, other: 0 });
    await setSyncConfig(a, CONFIG);
    expect(await getSyncConfig(a)).toEqual(CONFIG);
    const { logId } = await grade(a, cards[1]!, Rating.Good, NOON + 1);
    await undoReview(a, logId, NOON + 2);
    await grade(a, cards[2]!, Rating.Hard, NOON + 3);
    await suspendCard(a, cards[3]!, true, NOON + 4);
    expect(await outboxCount(a)).toEqual({ reviews: 2, other: 2 });
    const waiting = await readOutbox(a);
    expect(waiting.map((w) => w.row.t)).toEqual(['review', 'void', 'review', 'register']);
    expect(waiting[0]!.row).toMatchObject({ t: 'review', id: logId, kind: 'grade' });
    await clearOutbox(a, waiting.slice(0, 2).map((w) => w.seq));
    expect(await outboxCount(a)).toEqual({ reviews: 1, other: 1 });
    await setSyncConfig(a, undefined);
    expect(await outboxCount(a)).toEqual({ reviews: 0, other: 0 });
    expect(await a.reviews.count()).toBe(3);
  });
});

describe('backups and sync', () => {
  it('a version-1 backup (reviews numbered per device) still restores, each review under a new unique id', async () => {
    const { exportBackup, readBackup, restoreBackup } = await import('../../src/storage/backup.ts');
    const a = await device('a');
    const cards = (await a.cards.toArray()).map((c) => c.id);
    await grade(a, cards[0]!, Rating.Good, NOON);
    await grade(a, cards[1]!, Rating.Easy, NOON + 1);
    const file = JSON.parse(await (await exportBackup(a, NOON + DAY)).text());
    const old = { ...file, version: 1, reviewLogs: file.reviewLogs.map((r: object, i: number) => ({ ...r, id: i + 1 })) };
    const backup = readBackup(JSON.stringify(old));
    expect(backup.reviewLogs.map((r) => typeof r.id)).toEqual(['string', 'string']);
    const b = await openTestDb(freshFactory(), 'b');
    await restoreBackup(b, backup, { mode: 'replace' });
    expect((await b.reviews.toArray()).map((r) => r.cardId).sort()).toEqual([cards[0], cards[1]].sort());
    // Its own device id stays (a backup never carries one).
    expect((await b.settings.get('deviceId'))?.value).not.toBe((await a.settings.get('deviceId'))?.value);
  });
});
