// Times in the log need not be whole milliseconds (a restored backup, another device, generated
// history): the export still writes Anki's integer ids, one per answer, in order.
import { unzipSync, zipSync } from 'fflate';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradeCard, newScheduleState, Rating } from '../../src/core/scheduling/fsrs.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../src/core/scheduling/settings.ts';
import { withIndexFields, type StoredCard, type StoredReviewLog } from '../../src/storage/db.ts';
import { buildApkg } from '../../src/ui/anki/apkg.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

describe('.apkg export of answers at fractional milliseconds', () => {
  it('writes integer revlog ids in answer order instead of failing with "datatype mismatch"', async () => {
    const card: StoredCard = { id: 'd/q1', deckId: 'd', front: 'What is a heap?', back: 'A tree with the heap property.', tags: [], kind: 'basic', meta: { line: 1 }, position: 0, hidden: false };
    const settings = DEFAULT_SCHEDULER_SETTINGS;
    const times = [1_700_000_000_000.4, 1_700_000_600_000.7, 1_700_090_000_000.2];
    let schedule = newScheduleState(times[0]!);
    const logs: StoredReviewLog[] = times.map((at, i) => {
      const { state, log } = gradeCard(schedule, Rating.Good, at, settings);
      const row: StoredReviewLog = { id: `r${i}`, cardId: card.id, deckId: 'd', rating: Rating.Good, reviewedAt: at, durationMs: 4000.5, stateBefore: schedule, stateAfter: state, versionAfter: i + 1, fsrsLog: log };
      schedule = state;
      return row;
    });
    const state = withIndexFields({ cardId: card.id, deckId: 'd', schedule, version: 3, position: 0, suspended: false, buriedUntil: 0, hidden: false });
    const bytes = await buildApkg(
      { deck: { id: 'd', title: 'D' }, cards: [card], states: [state], logs },
      { SQL, zip: zipSync, renderHtml: async (md) => `<p>${md}</p>` },
      { now: 1_700_100_000_000, settings },
    );
    const col = new SQL.Database(unzipSync(bytes)['collection.anki2']!);
    const ids = col.exec('SELECT id, time FROM revlog ORDER BY id')[0]!.values;
    expect(ids.map(([id]) => id)).toEqual([1_700_000_000_000, 1_700_000_600_000, 1_700_090_000_000]);
    expect(ids.every(([id, time]) => Number.isInteger(id) && Number.isInteger(time))).toBe(true);
  });
});
