// Databases written by older schema versions must open with the current code, data intact.
// Each fixture writes rows exactly as that version's code wrote them, with that version's
// schema copied here (not imported), so later edits to db.ts cannot hide a broken upgrade.
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import {
  deckCounts,
  openRehearseDb,
  recordReview,
  reviewLogFor,
  StorageError,
  studyQueue,
  syncDecks,
} from '../../src/storage/index.ts';
import { DAY, HOUR, freshFactory, makeDeck, NOON, openTestDb, QA } from './helpers.ts';
import { normalizeSettings } from '../../src/core/scheduling/settings.ts';
import { studyDayOf } from '../../src/core/scheduling/day.ts';
import { isLiveAnswer } from '../../src/storage/replayCards.ts';
import { schemaUpgradeRunning } from '../../src/storage/db.ts';
import { summarizeAnswers, summarizeCards, type DaySummary } from '../../src/core/stats/summaries.ts';
import { mediaTables } from '../../src/storage/media/schema.ts';
import { deckMediaFiles, storeAnkiMedia } from '../../src/storage/media/storeMedia.ts';

/** Schema version 1 as first released. */
const SCHEMA_V1 = {
  decks: 'id',
  cards: 'id, deckId',
  cardStates: 'cardId, deckId, dueAt, [deckId+dueAt], [deckId+newRank]',
  reviewLogs: '++id, cardId, deckId, reviewedAt',
  settings: 'key',
};

const sched = (state: number, due: number, reps: number) => ({
  due,
  stability: reps ? 8.3 : 0,
  difficulty: reps ? 3.2 : 0,
  elapsedDays: 0,
  scheduledDays: reps ? 8 : 0,
  learningSteps: 0,
  reps,
  lapses: 0,
  state,
  lastReview: reps ? due - 8 * DAY : null,
});

async function writeV1Fixture(factory: ReturnType<typeof freshFactory>, name: string): Promise<void> {
  const v1 = new Dexie(name, factory as never);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('decks').add({ id: 'js', title: 'JS', source: 'js.md', layouts: ['markdown'], order: 0, cardCount: 2, hidden: false, syncedAt: NOON - 9 * DAY });
  await v1.table('cards').bulkAdd([
    { id: 'js/a', deckId: 'js', front: 'Old question A?', back: 'A.', tags: [], kind: 'basic', meta: { line: 1 }, position: 0, hidden: false },
    { id: 'js/b', deckId: 'js', front: 'Old question B?', back: 'B.', tags: [], kind: 'basic', meta: { line: 4 }, position: 1, hidden: false },
  ]);
  const reviewed = sched(State.Review, NOON - DAY, 1);
  await v1.table('cardStates').bulkAdd([
    { cardId: 'js/a', deckId: 'js', schedule: reviewed, version: 1, position: 0, suspended: false, buriedUntil: 0, hidden: false, dueAt: reviewed.due },
    { cardId: 'js/b', deckId: 'js', schedule: sched(State.New, NOON - 9 * DAY, 0), version: 0, position: 1, suspended: false, buriedUntil: 0, hidden: false, newRank: 1 },
  ]);
  await v1.table('reviewLogs').add({
    cardId: 'js/a', deckId: 'js', rating: Rating.Easy, reviewedAt: NOON - 9 * DAY, durationMs: 5000,
    stateBefore: sched(State.New, NOON - 9 * DAY, 0), stateAfter: reviewed, versionAfter: 1,
    fsrsLog: { rating: Rating.Easy, state: State.New, due: NOON - 9 * DAY, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: NOON - 9 * DAY },
  });
  await v1.table('settings').put({ key: 'scheduler', value: { newCardsPerDay: 7, enableFuzz: false } });
  v1.close();
}

describe('migrations', () => {
  it('opens a version-1 database with the current code, progress and history intact', async () => {
    const factory = freshFactory();
    await writeV1Fixture(factory, 'v1');
    const db = await openRehearseDb('v1', { ...factory, timeZone: 0 });
    expect(await deckCounts(db, NOON)).toEqual({
      byDeck: { js: { new: 1, learning: 0, due: 1 } },
      total: { new: 1, learning: 0, due: 1 },
    });
    const { queue } = await studyQueue(db, 'js', NOON);
    expect(queue.main.map((i) => i.cardId)).toEqual(['js/a', 'js/b']);
    expect(await reviewLogFor(db, 'js/a')).toHaveLength(1);
    await recordReview(db, { cardId: 'js/a', rating: Rating.Good, now: NOON, durationMs: 0, expectedStateVersion: 1 });
    expect(await reviewLogFor(db, 'js/a')).toHaveLength(2);
    db.close();
  });

  it('version 2 derives the learning, review and burial index fields of every version-1 row', async () => {
    const factory = freshFactory();
    const v1 = new Dexie('v1-states', factory as never);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('decks').add({ id: 'js', title: 'JS', source: 'js.md', layouts: ['markdown'], order: 0, cardCount: 6, hidden: false, syncedAt: NOON - 9 * DAY });
    const row = (n: string, schedule: ReturnType<typeof sched>, extra: Record<string, unknown> = {}) => {
      const active = !extra.suspended && !extra.hidden;
      const derived = !active ? {} : schedule.state === State.New ? { newRank: n.charCodeAt(0) } : { dueAt: schedule.due };
      return { cardId: `js/${n}`, deckId: 'js', schedule, version: 1, position: n.charCodeAt(0), suspended: false, buriedUntil: 0, hidden: false, ...extra, ...derived };
    };
    const review = sched(State.Review, NOON - DAY, 3);
    const learning = sched(State.Learning, NOON + 10 * 60_000, 1);
    const relearning = sched(State.Relearning, NOON - 60_000, 4);
    await v1.table('cardStates').bulkAdd([
      row('a', review),
      row('b', sched(State.New, NOON - 9 * DAY, 0)),
      row('c', learning),
      row('d', relearning),
      row('e', review, { suspended: true }),
      row('f', review, { buriedUntil: NOON + 16 * 3_600_000 }),
      row('g', sched(State.Review, NOON + 3 * DAY, 3)),
    ]);
    v1.close();

    const db = await openRehearseDb('v1-states', { ...factory, timeZone: 0 });
    const states = new Map((await db.cardStates.toArray()).map((s) => [s.cardId.slice(3), s]));
    expect(states.get('a')).toMatchObject({ dueAt: review.due, reviewDue: review.due });
    expect(states.get('a')).not.toHaveProperty('learnDue');
    expect(states.get('b')).toMatchObject({ newRank: 98 });
    expect(states.get('b')).not.toHaveProperty('reviewDue');
    expect(states.get('c')).toMatchObject({ dueAt: learning.due, learnDue: learning.due });
    expect(states.get('d')).toMatchObject({ learnDue: relearning.due });
    for (const key of ['dueAt', 'reviewDue', 'learnDue', 'buried']) expect(states.get('e')).not.toHaveProperty(key);
    expect(states.get('f')).toMatchObject({ reviewDue: review.due, buried: NOON + 16 * 3_600_000 });
    expect(states.get('g')).toMatchObject({ reviewDue: NOON + 3 * DAY });
    expect(await db.cardStates.where('[deckId+learnDue]').between(['js', Dexie.minKey], ['js', Dexie.maxKey]).primaryKeys()).toEqual(['js/d', 'js/c']);

    expect(await deckCounts(db, NOON)).toEqual({
      byDeck: { js: { new: 1, learning: 2, due: 1 } },
      total: { new: 1, learning: 2, due: 1 },
    });
    const { queue } = await studyQueue(db, 'all', NOON);
    expect(queue.learning.map((i) => i.cardId)).toEqual(['js/d', 'js/c']);
    expect(queue.main.map((i) => i.cardId)).toEqual(['js/a', 'js/b']);
    db.close();
  });
});

/** Schema version 2 as released (copied, not imported). */
const SCHEMA_V2 = {
  ...SCHEMA_V1,
  cardStates:
    'cardId, deckId, dueAt, [deckId+dueAt], [deckId+newRank], learnDue, [deckId+learnDue], reviewDue, [deckId+reviewDue], buried',
};

const SCHEMA_V3 = {
  ...SCHEMA_V2,
  reviewLogs: null,
  reviews: 'id, cardId, deckId, reviewedAt',
  reviewVoids: 'id',
  syncOutbox: '++seq',
  registerStamps: 'id, pending',
};

describe('version 3 (sync)', () => {
  it('gives every review of a year of version-2 history a unique id, keeps every row and field, and undo still works', async () => {
    const factory = freshFactory();
    const v2 = new Dexie('v2-year', factory as never);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.table('decks').add({ id: 'js', title: 'JS', source: 'js.md', layouts: ['markdown'], order: 0, cardCount: 40, hidden: false, syncedAt: NOON - 400 * DAY });
    const states = [];
    const logs = [];
    for (let c = 0; c < 40; c++) {
      const cardId = `js/c${c}`;
      let state = sched(State.New, NOON - 400 * DAY, 0);
      // A review every ~9 days for a year: 40 cards × 40 answers.
      for (let k = 0; k < 40; k++) {
        const at = NOON - 365 * DAY + k * 9 * DAY + c * 60_000;
        const after = sched(State.Review, at + 9 * DAY, k + 1);
        logs.push({
          cardId, deckId: 'js', rating: Rating.Good, reviewedAt: at, durationMs: 3000 + k, stateBefore: state, stateAfter: after, versionAfter: k + 1,
          fsrsLog: { rating: Rating.Good, state: state.state, due: state.due, stability: state.stability, difficulty: state.difficulty, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, review: at },
        });
        state = after;
      }
      states.push({ cardId, deckId: 'js', schedule: state, version: 40, position: c, suspended: false, buriedUntil: 0, hidden: false, dueAt: state.due, reviewDue: state.due });
    }
    await v2.table('cardStates').bulkAdd(states);
    await v2.table('reviewLogs').bulkAdd(logs);
    const before = await v2.table('reviewLogs').toArray();
    v2.close();

    // The opening screen asks whether an upgrade is what the open waits for.
    let seenRunning = false;
    const probe = setInterval(() => (seenRunning ||= schemaUpgradeRunning()), 1);
    const db = await openRehearseDb('v2-year', { ...factory, timeZone: 0 });
    clearInterval(probe);
    expect(seenRunning).toBe(true);
    expect(schemaUpgradeRunning()).toBe(false);
    const after = await db.reviews.toArray();
    expect(after).toHaveLength(1600);
    const ids = new Set(after.map((r) => r.id));
    expect(ids.size).toBe(1600);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const device = (await db.settings.get('deviceId'))?.value;
    expect(typeof device).toBe('string');
    // Every old row is there with every field, under its new id and this device's name.
    const key = (r: { cardId: string; reviewedAt: number }) => `${r.cardId}@${r.reviewedAt}`;
    const byKey = new Map(after.map((r) => [key(r), r]));
    for (const old of before) {
      const { id: _old, ...rest } = old;
      expect(byKey.get(key(old))).toEqual({ ...rest, id: byKey.get(key(old))!.id, device });
    }
    expect(db.tables.map((t) => t.name)).not.toContain('reviewLogs');
    // Version 4 counted the year into summaries: as a full recomputation from the rows has it.
    const hour = normalizeSettings({}).dayStartHour;
    expect(await db.daySummaries.toArray()).toEqual(sortDays(summarizeAnswers(after.filter(isLiveAnswer), hour, 0).values()));
    expect(await db.cardSummaries.toArray()).toEqual([...summarizeCards(await db.cardStates.toArray()).values()]);
    expect(await db.cardStates.toArray()).toEqual([...states].sort((a, b) => a.cardId.localeCompare(b.cardId)));
    // The history replays: undoing the newest answer of a card puts back its state before.
    const newest = after.filter((r) => r.cardId === 'js/c0').sort((a, b) => b.reviewedAt - a.reviewedAt)[0]!;
    const { undoReview } = await import('../../src/storage/index.ts');
    const undone = await undoReview(db, newest.id, NOON);
    expect(undone.schedule).toEqual(newest.stateBefore);
    expect(await db.reviews.count()).toBe(1600);
    expect((await db.reviews.get(newest.id))?.voided).toBe(1);
    db.close();
  });
});

const sortDays = (rows: Iterable<DaySummary>) =>
  [...rows].sort((a, b) => (a.deckId === b.deckId ? a.day - b.day : a.deckId.localeCompare(b.deckId)));

describe('version 4 (statistics summaries)', () => {
  it('counts the live answers of a version-3 log, not voided rows or events, under the saved day start and zone', async () => {
    const factory = freshFactory();
    const v3 = new Dexie('v3-log', factory as never);
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    await v3.table('settings').put({ key: 'scheduler', value: { dayStartHour: 2 } });
    await v3.table('decks').add({ id: 'js', title: 'JS', source: 'js.md', layouts: ['markdown'], order: 0, cardCount: 2, hidden: false, syncedAt: NOON });
    const state = sched(State.Review, NOON + 3 * DAY, 1);
    await v3.table('cardStates').bulkAdd([
      { cardId: 'js/a', deckId: 'js', schedule: state, version: 2, position: 0, suspended: false, buriedUntil: 0, hidden: false, dueAt: state.due, reviewDue: state.due },
      { cardId: 'js/b', deckId: 'js', schedule: sched(State.New, NOON, 0), version: 0, position: 1, suspended: true, buriedUntil: 0, hidden: false },
    ]);
    const row = (id: string, at: number, extra: object = {}) => ({
      id, cardId: 'js/a', deckId: 'js', rating: Rating.Good, reviewedAt: at, durationMs: 4000, stateBefore: sched(State.New, at, 0), stateAfter: state, versionAfter: 1, device: 'd', fsrsLog: {}, ...extra,
    });
    // 01:30 and 02:30 UTC+0 fall on two study days with the day starting at 2:00.
    const day = Date.UTC(2024, 5, 10);
    await v3.table('reviews').bulkAdd([
      row('r1', day + 1.5 * HOUR),
      row('r2', day + 2.5 * HOUR, { rating: Rating.Again }),
      row('r3', day + 2.6 * HOUR, { voided: 1 }),
      row('r4', day + 2.7 * HOUR, { kind: 'reset', rating: 0 }),
    ]);
    v3.close();

    const db = await openRehearseDb('v3-log', { ...factory, timeZone: 0 });
    const days = await db.daySummaries.toArray();
    const first = studyDayOf(day + 1.5 * HOUR, 2, 0);
    expect(days.map((d) => [d.deckId, d.day, d.good, d.again, d.fromNew, d.durationMs])).toEqual([
      ['*', first, 1, 0, 1, 4000],
      ['*', first + 1, 0, 1, 1, 4000],
      ['js', first, 1, 0, 1, 4000],
      ['js', first + 1, 0, 1, 1, 4000],
    ]);
    const [cards] = await db.cardSummaries.toArray();
    expect(cards).toMatchObject({ deckId: 'js', total: 2, suspended: 1, young: 1, memory: 1 });
    expect(await db.summaryMeta.get('basis')).toMatchObject({ dayStartHour: 2, zone: 'UTC+0' });
    expect(await db.reviews.count()).toBe(4);
    db.close();
  });
});

/** Version 4 (statistics summaries) and 5 (search index) as released (copied, not imported). */
const SCHEMA_V4 = {
  ...SCHEMA_V3,
  daySummaries: '[deckId+day]',
  dueDays: '[deckId+day]',
  cardSummaries: 'deckId',
  summaryMeta: 'id',
};
const SCHEMA_V5 = { ...SCHEMA_V4, searchShards: '[deckId+block]', searchDecks: 'deckId' };

describe('version 6 (media)', () => {
  it('opens a version-5 database with every row of every table unchanged, and empty media tables that take files', async () => {
    const factory = freshFactory();
    const v5 = new Dexie('v5-all', factory as never);
    v5.version(5).stores(SCHEMA_V5);
    await v5.open();
    const state = sched(State.Review, NOON + 3 * DAY, 1);
    const rows: Record<string, object[]> = {
      decks: [{ id: 'js', title: 'JS', source: 'js.md', layouts: ['markdown'], order: 0, cardCount: 1, hidden: false, syncedAt: NOON, origin: 'imported', remoteImages: 'allowed' }],
      cards: [{ id: 'js/a', deckId: 'js', front: 'Q <img src="photo.jpg">', back: 'A [sound:a.mp3]', tags: ['t'], kind: 'basic', meta: { line: 1 }, position: 0, hidden: false }],
      cardStates: [{ cardId: 'js/a', deckId: 'js', schedule: state, version: 2, position: 0, suspended: false, buriedUntil: 0, hidden: false, dueAt: state.due, reviewDue: state.due }],
      reviews: [{ id: 'r1', cardId: 'js/a', deckId: 'js', rating: Rating.Good, reviewedAt: NOON, durationMs: 4000, stateBefore: sched(State.New, NOON, 0), stateAfter: state, versionAfter: 1, device: 'd', fsrsLog: {} }],
      reviewVoids: [{ id: 'r0', month: '2024-06', voidedAt: NOON, device: 'd' }],
      syncOutbox: [{ seq: 1, t: 'review', id: 'r1' }],
      registerStamps: [{ id: 'deck:js', hlc: '0001', pending: 1, value: { x: 1 } }],
      settings: [{ key: 'deviceId', value: 'd' }, { key: 'scheduler', value: { enableFuzz: false } }],
      daySummaries: [{ deckId: 'js', day: 19884, good: 1 }],
      dueDays: [{ deckId: 'js', day: 19887, due: 1 }],
      cardSummaries: [{ deckId: 'js', total: 1 }],
      summaryMeta: [{ id: 'basis', dayStartHour: 4, zone: 'UTC+0', builtAt: NOON }],
      searchShards: [{ deckId: 'js', block: 0, entries: ['js/a'] }],
      searchDecks: [{ deckId: 'js', cards: 1 }],
    };
    for (const [table, values] of Object.entries(rows)) await v5.table(table).bulkAdd(values);
    v5.close();

    const db = await openRehearseDb('v5-all', { ...factory, timeZone: 0 });
    expect(db.verno).toBe(6);
    for (const [table, values] of Object.entries(rows)) expect(await db.table(table).toArray(), table).toEqual(values);
    const { media, mediaNames } = mediaTables(db);
    expect(await media.count()).toBe(0);
    expect(await mediaNames.count()).toBe(0);
    await storeAnkiMedia(db, [{ deckId: 'js', name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0]) }]);
    expect((await deckMediaFiles(db, 'js', ['photo.jpg'])).get('photo.jpg')?.type).toBe('image/jpeg');
    db.close();
  });
});

describe('opening', () => {
  it('a blocked upgrade becomes a StorageError, and the open completes once the other tab closes', async () => {
    const factory = freshFactory();
    // An "old tab": a connection at a lower version that ignores versionchange.
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = (factory.indexedDB as IDBFactory).open('blocked', 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {}); // Dexie logs the block too
    const err = await openRehearseDb('blocked', factory).catch((e) => e);
    warn.mockRestore();
    expect(err).toBeInstanceOf(StorageError);
    expect(err.code).toBe('upgrade-blocked');
    expect(err.message).toMatch(/another tab/);
    old.close();
    const db = await openTestDb(factory, 'blocked');
    await syncDecks(db, [makeDeck('js', QA)], NOON);
    expect(await db.cards.count()).toBe(5);
    db.close();
  });

  it('a database upgraded by a newer app version is refused with version-too-new', async () => {
    const factory = freshFactory();
    const newer = new Dexie('newer', factory as never);
    newer.version(99).stores({ ...SCHEMA_V1, extra: 'id' });
    await newer.open();
    newer.close();
    await expect(openRehearseDb('newer', factory)).rejects.toMatchObject({ name: 'StorageError', code: 'version-too-new' });
  });
});
