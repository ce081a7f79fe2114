// Keeps the statistics summaries exact through every write, whoever makes it: a Dexie DBCore
// middleware sees each mutation of `reviews` and `cardStates` (answers, undos, imports, syncs,
// deck deletions, restores, replays), reads the rows it replaces, and applies the difference to
// the summary rows in the same IndexedDB transaction, so a summary never disagrees with the log
// it counts, even when a tab dies mid-write. No caller has to remember.

import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { derivedTablesMiddleware } from '../derivedTables.ts';
import {
  addAnswer,
  addCard,
  addDue,
  addDayCounts,
  ALL_DECKS,
  copyCardSummary,
  daySummaryKey,
  emptyCardSummary,
  emptyDayCounts,
  isEmptyDay,
  mergeCardSummaries,
  type CardSummary,
  type DaySummary,
  type DueDay,
  type SummaryBasis,
} from '../../core/stats/summaries.ts';
import { studyDayOf } from '../../core/scheduling/day.ts';
import type { StoredCardState, StoredReviewLog } from '../db.ts';
import { isLiveAnswer } from '../replayCards.ts';
import { currentBasis, sameBasis, SUMMARY_BASIS_KEY, type StoredSummaryMeta } from './basis.ts';
import type { TimeZoneOffset } from '../../core/scheduling/day.ts';

/** The tables every readwrite transaction over `reviews` or `cardStates` also takes. */
export const SUMMARY_STORES = ['daySummaries', 'dueDays', 'cardSummaries', 'summaryMeta', 'settings'] as const;
const WATCHED = new Set(['reviews', 'cardStates']);

/** What the middleware needs of the database: its zone, for cutting days. */
export interface SummaryZone {
  timeZone: TimeZoneOffset | undefined;
  timeZoneId(): string;
}

export function summariesMiddleware(zone: SummaryZone): Middleware<DBCore> {
  return derivedTablesMiddleware({
    name: 'RehearseSummaries',
    watched: WATCHED,
    stores: SUMMARY_STORES,
    marker: 'daySummaries',
    mutate: (core, table, req) => mutateCounting(core, table, req, zone),
  });
}

type Row = StoredReviewLog | StoredCardState;

async function mutateCounting(
  core: DBCore,
  table: DBCoreTable,
  req: DBCoreMutateRequest,
  zone: SummaryZone,
): Promise<DBCoreMutateResponse> {
  const trans = req.trans;
  if (req.type === 'deleteRange' && req.range.type === 3 /* DBCoreRangeType.Any: clear() */) {
    // Every row goes (a restore that replaces everything): so does everything counted from them.
    const res = await table.mutate(req);
    for (const derived of table.name === 'reviews' ? ['daySummaries'] : ['cardSummaries', 'dueDays']) {
      await core.table(derived).mutate({ trans, type: 'deleteRange', range: req.range });
    }
    return res;
  }
  let before: Array<Row | undefined>;
  if (req.type === 'deleteRange') {
    before = (await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } })).result as Row[];
  } else if (req.type === 'delete') {
    before = await table.getMany({ trans, keys: req.keys });
  } else if (req.type === 'add') {
    before = [];
  } else {
    const extract = table.schema.primaryKey.extractKey!;
    before = await table.getMany({ trans, keys: req.keys ?? req.values.map((v) => extract(v)) });
  }
  const res = await table.mutate(req);
  const ok = (i: number) => !res.failures[i];
  const removed: Row[] = [];
  const added: Row[] = [];
  before.forEach((row, i) => row && ok(i) && removed.push(row));
  if (req.type === 'add' || req.type === 'put') req.values.forEach((row: Row, i) => ok(i) && added.push(row));
  if (removed.length || added.length) {
    if (table.name === 'reviews') await countAnswers(core, trans, removed as StoredReviewLog[], added as StoredReviewLog[], zone);
    else await countCards(core, trans, removed as StoredCardState[], added as StoredCardState[], zone);
  }
  return res;
}

/**
 * The basis the day-cut summaries hold, when it is still today's; otherwise marks them stale (the
 * day start or the zone changed: the next statistics read counts again, summaries/rebuild.ts).
 */
async function validBasis(core: DBCore, trans: DBCoreTransaction, zone: SummaryZone): Promise<SummaryBasis | null> {
  const meta = core.table('summaryMeta');
  const [stored, settings] = (await Promise.all([
    meta.get({ trans, key: SUMMARY_BASIS_KEY }),
    core.table('settings').get({ trans, key: 'scheduler' }),
  ])) as [StoredSummaryMeta | undefined, { value?: unknown } | undefined];
  const basis = currentBasis(settings?.value, zone.timeZoneId());
  if (stored && !stored.stale && sameBasis(stored, basis)) return basis;
  if (stored && !stored.stale) await meta.mutate({ trans, type: 'put', values: [{ ...stored, stale: true }] });
  return null;
}

async function countAnswers(
  core: DBCore,
  trans: DBCoreTransaction,
  removed: StoredReviewLog[],
  added: StoredReviewLog[],
  zone: SummaryZone,
): Promise<void> {
  const basis = await validBasis(core, trans, zone);
  if (!basis) return;
  const rows = new Map<string, DaySummary>();
  const apply = (r: StoredReviewLog, sign: 1 | -1) => {
    if (!isLiveAnswer(r)) return;
    const day = studyDayOf(r.reviewedAt, basis.dayStartHour, zone.timeZone);
    for (const deckId of [r.deckId, ALL_DECKS]) {
      const key = daySummaryKey(deckId, day);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { deckId, day, ...emptyDayCounts() }));
      addAnswer(row, r, sign);
    }
  };
  for (const r of removed) apply(r, -1);
  for (const r of added) apply(r, 1);
  await addToDayRows(core.table('daySummaries'), trans, [...rows.values()], isEmptyDay, addDayCounts);
}

/**
 * Adds each change to its `[deckId, day]` row (made when missing, deleted once it counts nothing):
 * the answer summaries and the due days are kept the same way.
 */
async function addToDayRows<T extends { deckId: string; day: number }>(
  table: DBCoreTable,
  trans: DBCoreTransaction,
  changes: T[],
  isEmpty: (row: T) => boolean,
  add: (into: T, change: T) => T,
): Promise<void> {
  const changed = changes.filter((d) => !isEmpty(d));
  if (!changed.length) return;
  const keys = changed.map((d) => [d.deckId, d.day]);
  const current = (await table.getMany({ trans, keys })) as Array<T | undefined>;
  const puts: T[] = [];
  const deletes: unknown[] = [];
  changed.forEach((change, i) => {
    const zero = Object.fromEntries(Object.entries(change).map(([k, v]) => [k, typeof v === 'number' && k !== 'day' ? 0 : v])) as T;
    const next = add(current[i] ? { ...current[i]! } : zero, change);
    if (isEmpty(next)) deletes.push(keys[i]);
    else puts.push(next);
  });
  await Promise.all([
    puts.length ? table.mutate({ trans, type: 'put', values: puts }) : undefined,
    deletes.length ? table.mutate({ trans, type: 'delete', keys: deletes }) : undefined,
  ]);
}

async function countCards(
  core: DBCore,
  trans: DBCoreTransaction,
  removed: StoredCardState[],
  added: StoredCardState[],
  zone: SummaryZone,
): Promise<void> {
  await countDues(core, trans, removed, added, zone);
  const deltas = new Map<string, CardSummary>();
  const apply = (r: StoredCardState, sign: 1 | -1) => {
    let d = deltas.get(r.deckId);
    if (!d) deltas.set(r.deckId, (d = emptyCardSummary(r.deckId)));
    addCard(d, r, sign);
  };
  for (const r of removed) apply(r, -1);
  for (const r of added) apply(r, 1);
  const decks = core.table('cardSummaries');
  const ids = [...deltas.keys()];
  const current = (await decks.getMany({ trans, keys: ids })) as Array<CardSummary | undefined>;
  const puts = ids.map((id, i) => mergeCardSummaries(current[i] ? copyCardSummary(current[i]!) : emptyCardSummary(id), deltas.get(id)!));
  await decks.mutate({ trans, type: 'put', values: puts });
}

async function countDues(
  core: DBCore,
  trans: DBCoreTransaction,
  removed: StoredCardState[],
  added: StoredCardState[],
  zone: SummaryZone,
): Promise<void> {
  const basis = await validBasis(core, trans, zone);
  if (!basis) return;
  const deltas = new Map<string, DueDay>();
  for (const r of removed) addDue(deltas, r, basis.dayStartHour, zone.timeZone, -1);
  for (const r of added) addDue(deltas, r, basis.dayStartHour, zone.timeZone, 1);
  const isEmpty = (d: DueDay) => d.learning === 0 && d.review === 0;
  const add = (into: DueDay, d: DueDay) => ({ ...into, learning: into.learning + d.learning, review: into.review + d.review });
  await addToDayRows(core.table('dueDays'), trans, [...deltas.values()], isEmpty, add);
}
