import { describe, expect, it } from 'vitest';
import type { WriteCommand } from '../../src/core/review/index.ts';
import { gradeOutcomes, newScheduleState, Rating } from '../../src/core/scheduling/index.ts';
import { cardWithState, onDatabaseChange, recordReview, syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { createReviewWriter, replayAnswers, type RecordCommand, type WriteResult } from '../../src/storage/reviewWriter.ts';
import { makeDeck, NOON, openTestDb, QA, liveReviewRows } from './helpers.ts';
import { normalizeSettings } from '../../src/core/scheduling/settings.ts';

async function setup(): Promise<{ db: RehearseDb; ids: string[] }> {
  const db = await openTestDb();
  const deck = makeDeck('js', QA);
  await syncDecks(db, [deck], NOON);
  return { db, ids: deck.cards.map((c) => c.id) };
}

const settings = normalizeSettings({ enableFuzz: false });

function record(id: string, cardId: string, version = 0): RecordCommand {
  return {
    id,
    kind: 'record',
    cardId,
    rating: Rating.Good,
    now: NOON,
    durationMs: 1000,
    expectedStateVersion: version,
    outcome: gradeOutcomes(newScheduleState(NOON), NOON, settings)[Rating.Good],
  };
}

function collecting(db: RehearseDb) {
  const results: WriteResult[] = [];
  const writer = createReviewWriter(db, (r) => results.push(r), { now: () => NOON });
  return { writer, results };
}

describe('review writer', () => {
  it('writes a command handed over twice (a reducer run twice, an effect replayed) once', async () => {
    const { db, ids } = await setup();
    const { writer, results } = collecting(db);
    const command = record('t:1', ids[0]!);
    writer.submit(command);
    writer.submit({ ...command }); // an equal command object, not the same one
    await writer.idle();
    expect((await liveReviewRows(db)).length).toBe(1);
    expect(results.map((r) => r.type)).toEqual(['stored']);
  });

  it('an undo handed over twice takes back one answer, not two', async () => {
    const { db, ids } = await setup();
    const { writer, results } = collecting(db);
    writer.submit(record('t:1', ids[0]!));
    writer.submit(record('t:2', ids[1]!));
    await writer.idle();
    const second = results[1];
    if (second?.type !== 'stored') throw new Error('expected stored');
    const undo: WriteCommand = { id: 't:3', kind: 'undo', cardId: ids[1]!, recordCommandId: 't:2', logId: second.logId };
    writer.submit(undo);
    writer.submit({ ...undo });
    await writer.idle();
    expect((await liveReviewRows(db)).map((r) => r.cardId)).toEqual([ids[0]]);
  });

  it('runs commands in order: an undo follows its grade', async () => {
    const { db, ids } = await setup();
    const { writer, results } = collecting(db);
    writer.submit(record('t:1', ids[0]!));
    // Handed over before the grade is written: the undo names the grade's command, not its row.
    writer.submit({ id: 't:2', kind: 'undo', cardId: ids[0]!, recordCommandId: 't:1' });
    await writer.idle();
    expect(results.map((r) => r.type)).toEqual(['stored', 'undone']);
    expect((await liveReviewRows(db)).length).toBe(0);
  });

  it('a grade refused because another tab answered first is a conflict, and writes nothing', async () => {
    const { db, ids } = await setup();
    await recordReview(db, { cardId: ids[0]!, rating: Rating.Easy, now: NOON, durationMs: 0, expectedStateVersion: 0 });
    const before = await cardWithState(db, ids[0]!);
    const { writer, results } = collecting(db);
    writer.submit(record('t:1', ids[0]!));
    await writer.idle();
    expect(results).toEqual([{ type: 'failed', commandId: 't:1', failure: 'conflict', now: NOON }]);
    expect(await cardWithState(db, ids[0]!)).toEqual(before);
    expect((await liveReviewRows(db)).length).toBe(1);
  });

  it('an undo of an answer no longer there is "gone"; a full disk is a storage failure with its code', async () => {
    const { db, ids } = await setup();
    const { writer, results } = collecting(db);
    writer.submit({ id: 't:1', kind: 'undo', cardId: ids[0]!, recordCommandId: 't:0', logId: 'no-such-review' });
    const hook = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.reviews.hook('creating', hook);
    writer.submit(record('t:2', ids[0]!));
    await writer.idle();
    db.reviews.hook('creating').unsubscribe(hook);
    expect(results).toEqual([
      { type: 'failed', commandId: 't:1', failure: 'gone', now: NOON },
      { type: 'failed', commandId: 't:2', failure: 'storage', detail: 'quota-exceeded', now: NOON },
    ]);
    expect((await liveReviewRows(db)).length).toBe(0);
  });

  it('is busy while writing, and the change it made is reported while it is busy', async () => {
    const { db, ids } = await setup();
    const { writer } = collecting(db);
    const seen: Array<{ tables: string[]; busy: boolean }> = [];
    const stop = onDatabaseChange(db, (tables) => seen.push({ tables: [...tables].sort(), busy: writer.busy }));
    writer.submit(record('t:1', ids[0]!));
    expect(writer.busy).toBe(true);
    await writer.idle();
    expect(writer.busy).toBe(false);
    await db.settings.put({ key: 'other', value: 1 });
    stop();
    expect(seen).toEqual([
      { tables: ['cardStates', 'reviews'], busy: true },
      { tables: ['settings'], busy: false },
    ]);
  });

  it('a deck sync (as an import or restore in another tab does) reports its tables, which a study screen re-reads', async () => {
    const { db } = await setup();
    const seen: string[][] = [];
    const stop = onDatabaseChange(db, (tables) => seen.push([...tables].sort()));
    await syncDecks(db, [makeDeck('js', QA), makeDeck('more', [['What is a mutex?', 'A lock.']])], NOON + 1);
    stop();
    expect(seen.flat()).toEqual(expect.arrayContaining(['cards', 'cardStates', 'decks']));
  });

  it('journals each grade before writing it and drops it once storage answered', async () => {
    const { db, ids } = await setup();
    const journal = new Map<string, WriteCommand>();
    const log: string[] = [];
    const writer = createReviewWriter(db, (r) => log.push(`${r.type} ${r.commandId} journal=${[...journal.keys()].join(',')}`), {
      journal: { add: (c) => journal.set(c.id, c), remove: (id) => journal.delete(id) },
    });
    writer.submit(record('t:1', ids[0]!));
    expect([...journal.keys()]).toEqual(['t:1']);
    writer.submit(record('t:2', ids[0]!)); // refused: the first grade moved the card on
    await writer.idle();
    expect(journal.size).toBe(0);
    expect(log).toEqual(['stored t:1 journal=t:2', 'failed t:2 journal=']);
  });

  it('replays journaled grades a killed tab never wrote, and skips those storage already has', async () => {
    const { db, ids } = await setup();
    const written = record('t:1', ids[0]!);
    await recordReview(db, written);
    const lost = record('t:2', ids[1]!);
    const result = await replayAnswers(db, [written, lost]);
    expect(result).toEqual({ written: 1, skipped: 1 });
    expect((await liveReviewRows(db)).map((r) => r.cardId).sort()).toEqual([ids[0], ids[1]].sort());
  });

  it('after a reload (a new writer), an undo with no row id finds its grade by the command id on the row', async () => {
    const { db, ids } = await setup();
    const before = collecting(db);
    before.writer.submit(record('t:1', ids[0]!));
    await before.writer.idle();
    const after = collecting(db);
    after.writer.submit({ id: 't2:1', kind: 'undo', cardId: ids[0]!, recordCommandId: 't:1' });
    after.writer.submit({ id: 't2:2', kind: 'undo', cardId: ids[1]!, recordCommandId: 'never-written' });
    await after.writer.idle();
    expect(after.results.map((r) => r.type === 'failed' ? `failed ${r.failure}` : r.type)).toEqual(['undone', 'failed gone']);
    expect((await liveReviewRows(db)).length).toBe(0);
  });
});
