// Counting the summaries from the whole log and every card state: the schema upgrade that adds
// them, and a day start or zone that changed (basis.ts). The same rules as the middleware
// (core/stats/summaries.ts), so a rebuild and a long run of kept-up writes agree exactly.

import type { Table } from 'dexie';
import { summarizeAnswers, summarizeCards, summarizeDues, type CardSummary, type DaySummary, type DueDay } from '../../core/stats/summaries.ts';
import type { TimeZoneOffset } from '../../core/scheduling/day.ts';
import type { StoredCardState, StoredReviewLog, StoredSetting } from '../db.ts';
import { isLiveAnswer } from '../replayCards.ts';
import { currentBasis, SUMMARY_BASIS_KEY, type StoredSummaryMeta } from './basis.ts';

export interface SummaryTables {
  reviews: Table<StoredReviewLog, string>;
  cardStates: Table<StoredCardState, string>;
  daySummaries: Table<DaySummary, [string, number]>;
  dueDays: Table<DueDay, [string, number]>;
  cardSummaries: Table<CardSummary, string>;
  summaryMeta: Table<StoredSummaryMeta, string>;
  settings: Table<StoredSetting, string>;
}

/** Rows read per step: a year of history does not sit in memory whole. */
const PAGE = 20_000;

/** Reads `table` in primary-key order, a page at a time. */
async function eachPage<T>(table: Table<T, string>, visit: (rows: T[]) => void): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const page = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(PAGE).toArray();
    if (!page.length) return;
    visit(page);
    if (page.length < PAGE) return;
    after = (page[page.length - 1] as Record<string, string>)[table.schema.primKey.keyPath as string];
  }
}

/** Counts every live answer into day summaries, and every active card into the day it is due, again under the basis of now. Returns how many answers. */
export async function rebuildDaySummaries(t: SummaryTables, zone: { timeZone: TimeZoneOffset | undefined; id: string }, now: number): Promise<number> {
  const basis = currentBasis((await t.settings.get('scheduler'))?.value, zone.id);
  const rows = new Map<string, DaySummary>();
  let answers = 0;
  await eachPage(t.reviews, (page) => {
    const live = page.filter(isLiveAnswer);
    answers += live.length;
    summarizeAnswers(live, basis.dayStartHour, zone.timeZone, rows);
  });
  const dues = new Map<string, DueDay>();
  await eachPage(t.cardStates, (page) => summarizeDues(page, basis.dayStartHour, zone.timeZone, dues));
  await Promise.all([t.daySummaries.clear(), t.dueDays.clear()]);
  await Promise.all([t.daySummaries.bulkPut([...rows.values()]), t.dueDays.bulkPut([...dues.values()])]);
  await t.summaryMeta.put({ id: SUMMARY_BASIS_KEY, ...basis, builtAt: now });
  return answers;
}

/** Counts every card state into card summaries again. */
export async function rebuildCardSummaries(t: SummaryTables): Promise<void> {
  const rows = new Map<string, CardSummary>();
  await eachPage(t.cardStates, (page) => summarizeCards(page, rows));
  await t.cardSummaries.clear();
  await t.cardSummaries.bulkPut([...rows.values()]);
}
