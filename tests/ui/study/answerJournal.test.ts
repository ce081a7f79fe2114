import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localAnswerJournal, ORPHAN_AFTER_MS, takeOrphanedAnswers } from '../../../src/ui/study/answerJournal.ts';
import type { RecordCommand } from '../../../src/storage/reviewWriter.ts';
import { gradeOutcomes, newScheduleState, normalizeSettings, Rating } from '../../../src/core/scheduling/index.ts';

/** A small Web Storage for Node (the journal only needs these calls). */
class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const NOON = Date.UTC(2024, 5, 10, 12);
const outcome = gradeOutcomes(newScheduleState(NOON), NOON, normalizeSettings({ enableFuzz: false }))[Rating.Good];
const command = (id: string, now: number): RecordCommand => ({
  id,
  kind: 'record',
  cardId: `card-${id}`,
  rating: Rating.Good,
  now,
  durationMs: 0,
  expectedStateVersion: 0,
  outcome,
});

describe('answer journal', () => {
  beforeEach(() => {
    Object.assign(globalThis, { localStorage: new MemoryStorage(), sessionStorage: new MemoryStorage() });
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
  });

  it('keeps a grade from add to remove', () => {
    const journal = localAnswerJournal('tab-a', () => NOON);
    journal.add(command('a:1', NOON));
    journal.add(command('a:2', NOON + 1));
    journal.remove('a:1');
    expect(takeOrphanedAnswers('tab-a', NOON).map((c) => c.id)).toEqual(['a:2']);
    expect(takeOrphanedAnswers('tab-a', NOON)).toEqual([]);
  });

  it("takes this tab's grades at once, another tab's only once they are old enough to be orphaned", () => {
    localAnswerJournal('tab-a', () => NOON).add(command('a:1', NOON));
    localAnswerJournal('tab-b', () => NOON).add(command('b:1', NOON - 5));
    expect(takeOrphanedAnswers('tab-a', NOON + 1000).map((c) => c.id)).toEqual(['a:1']);
    expect(takeOrphanedAnswers('tab-a', NOON + 1000)).toEqual([]);
    expect(takeOrphanedAnswers('tab-a', NOON + ORPHAN_AFTER_MS + 1).map((c) => c.id)).toEqual(['b:1']);
  });

  it('ignores an entry that is not a journaled grade', () => {
    localStorage.setItem('rehearse.pending:tab-x', '{"not":"a list"}');
    localStorage.setItem('rehearse.pending:tab-y', '[{"at":1,"command":{"kind":"undo"}}]');
    expect(takeOrphanedAnswers('tab-a', NOON + ORPHAN_AFTER_MS * 10)).toEqual([]);
  });
});
