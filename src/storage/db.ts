// The IndexedDB schema. Every `version(n)` stays here forever; a later one adds its `stores` diff
// and an `upgrade` that brings rows up to date. tests/storage/migrations.test.ts opens a
// database written by each old version with the current code.

import { Dexie, type Table, type Transaction } from 'dexie';
import type { SyncCard } from '../core/deckSync/planCardSync.ts';
import type { ReviewKind, SyncRow } from '../core/sync/rows.ts';
import { State, type FsrsLogEntry, type Grade, type ScheduleState } from '../core/scheduling/fsrs.ts';
import type { TimeZoneOffset } from '../core/scheduling/day.ts';
import type { InterviewDate } from '../core/planning/interviewQuota.ts';
import { StorageError, storageErrorMessage, toStorageError } from './errors.ts';
import { declareSearchSchema } from './search/schema.ts';
import { declareMediaSchema } from './media/schema.ts';
import type { CardSummary, DaySummary, DueDay } from '../core/stats/summaries.ts';
import { currentBasis, runtimeZoneName, SUMMARY_BASIS_KEY, type StoredSummaryMeta } from './summaries/basis.ts';
import { summariesMiddleware } from './summaries/middleware.ts';
import { rebuildCardSummaries, rebuildDaySummaries, type SummaryTables } from './summaries/rebuild.ts';

/** A deck as last synced. */
export interface StoredDeck {
  id: string;
  title: string;
  description?: string;
  source: string;
  layouts: string[];
  /** Place in the deck list. */
  order: number;
  /** Visible cards. */
  cardCount: number;
  /** The deck is no longer among the synced decks (its cards and history are kept). */
  hidden: boolean;
  syncedAt: number;
  /** Shipped with the app or imported by the user (absent in rows written before it existed: bundled). */
  origin?: DeckOrigin;
  /** The name the user gave the deck; kept by every sync (absent: `title`). Not indexed, no schema change. */
  userTitle?: string;
  /** The user hid the deck: it stays hidden through syncs until the user shows it again. */
  userHidden?: boolean;
  /**
   * Of an imported deck: the import preview's "Cut cards at" choice (`heading:3`, `shape:bold`, `format:numbered`…),
   * used again by every re-import of the same file; absent: auto. Not indexed, no schema change.
   */
  importCut?: string;
  /** Of an imported deck: cards the user unticked in the import preview, kept out of every re-import. Not indexed. */
  excludedCardIds?: string[];
  /** "Ready by" date and recall target the user set (core/planning/interviewPlan.ts). Not indexed, no schema change. */
  interview?: InterviewDate;
}

export type DeckOrigin = 'bundled' | 'imported';

/** A card's content: the deck-sync planner's card, stored as it is. */
export type StoredCard = SyncCard;

/** A card's scheduling state, with the derived fields the queue indexes use. */
export interface StoredCardState {
  cardId: string;
  deckId: string;
  schedule: ScheduleState;
  /** +1 at every grade; a grade must name the version it was computed from. */
  version: number;
  /** Copy of the card's position (new cards are introduced in deck order). */
  position: number;
  suspended: boolean;
  /** Epoch ms until which the card is buried; 0 when not buried. */
  buriedUntil: number;
  hidden: boolean;
  /** Due time of an active (not suspended, not hidden) card already seen; absent otherwise. */
  dueAt?: number;
  /** Position of an active new card; absent otherwise. */
  newRank?: number;
  /** Due time of an active (re)learning card; absent otherwise (schema v2). */
  learnDue?: number;
  /** Due time of an active review card; absent otherwise (schema v2). */
  reviewDue?: number;
  /** `buriedUntil` of an active card that was ever buried; absent otherwise (schema v2). */
  buried?: number;
  /** 1 when the replay of its log graded an entry again (two devices' histories met): its state then depends on the settings. Not indexed. */
  regraded?: 1;
}

/**
 * One entry of a card's log (schema v3): an answer, or an event that set the card's state (a
 * reset, a reschedule). Never edited and never deleted: an undo writes a void (`reviewVoids`) and
 * marks the row `voided`. The card's state is a replay of its live entries (core/sync/replay.ts).
 */
export interface StoredReviewLog {
  /** Globally unique (`newRowId`), so two devices' rows never collide. */
  id: string;
  cardId: string;
  deckId: string;
  /** Absent: an answer (`grade`). */
  kind?: ReviewKind;
  /** The grade of an answer; 0 (Manual) for an event. */
  rating: Grade | 0;
  reviewedAt: number;
  durationMs: number;
  stateBefore: ScheduleState;
  stateAfter: ScheduleState;
  /** The card state's version after this answer (undo checks nothing changed since); 0 for rows from another device. */
  versionAfter: number;
  /** The device that wrote it (`deviceId`). */
  device?: string;
  /** 1 once a void names it: it no longer counts anywhere. */
  voided?: 1;
  /** The review screen's command that wrote it, to find the row again for an undo. Not indexed, no schema change. */
  commandId?: string;
  /** The ts-fsrs review log, dates as epoch ms. */
  fsrsLog: FsrsLogEntry;
}

/** An undo, as it travels: the review `id` no longer counts. Never taken back. */
export interface StoredReviewVoid {
  /** The voided review's id. */
  id: string;
  month: string;
  voidedAt: number;
  device: string;
}

/** A local change not yet handed to the sync server (recorded only while sync is set up). */
export interface StoredOutboxEntry {
  seq?: number;
  t: SyncRow['t'];
  /** The review id, or the register key. */
  id: string;
}

/** The stamp of a register's newest write (`formatHlc`), local or remote. */
export interface StoredRegisterStamp {
  id: string;
  hlc: string;
  /** A remote value waiting for its card or deck to arrive; kept for `moved:` registers too. */
  value?: unknown;
  pending?: 1;
}

/** A key/value setting. */
export interface StoredSetting {
  key: string;
  value: unknown;
}

/** Version 1 of the schema. Never edit: add a version 2 (and bump LATEST_SCHEMA_VERSION) instead. */
export const SCHEMA_V1 = {
  decks: 'id',
  cards: 'id, deckId',
  // dueAt and newRank exist only on active cards, so these indexes hold just what a queue can use.
  cardStates: 'cardId, deckId, dueAt, [deckId+dueAt], [deckId+newRank]',
  reviewLogs: '++id, cardId, deckId, reviewedAt',
  settings: 'key',
} as const;

/**
 * Version 2: the queue reads learning and review cards apart (learning cards are few and never
 * capped; reviews are read in due order only up to the day's cap) and finds buried cards without
 * reading every due row. Its upgrade recomputes the derived fields of every card state.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  cardStates:
    'cardId, deckId, dueAt, [deckId+dueAt], [deckId+newRank], learnDue, [deckId+learnDue], reviewDue, [deckId+reviewDue], buried',
} as const;

/**
 * Version 3, for sync: review rows get globally unique string ids (IndexedDB cannot change a
 * primary key, so they move from `reviewLogs` to `reviews`, every row kept), undo writes a void
 * instead of deleting, local changes wait in an outbox, and registers keep their clock stamps.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  reviewLogs: null,
  reviews: 'id, cardId, deckId, reviewedAt',
  reviewVoids: 'id',
  syncOutbox: '++seq',
  // `pending` holds only remote values waiting for their card or deck.
  registerStamps: 'id, pending',
} as const;

/**
 * Version 4: statistics read summaries, not history. One row per deck and study day of the
 * answers (and one per day for all decks, `*`), one row per deck of its cards by state, stability
 * and difficulty, one row per deck and study day of the cards due then (the forecast), and what
 * the days were cut by. A middleware keeps them in step with every write
 * (summaries/middleware.ts); the upgrade counts them from the log.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  daySummaries: '[deckId+day]',
  dueDays: '[deckId+day]',
  cardSummaries: 'deckId',
  summaryMeta: 'id',
} as const;

/** The newest schema version this code declares (5, the search index, is in search/schema.ts; 6, media, in media/schema.ts). */
export const LATEST_SCHEMA_VERSION = 6;

/** Local-only setting: this device's id (made once, never synced). */
export const DEVICE_ID_KEY = 'deviceId';

let reviewIdCounter = 0;

/**
 * A review row's id: the write time and a counter, then 128 random bits, so ids of one device
 * sort in the order its answers were written (two answers in one millisecond keep their order)
 * and never collide with another device's.
 */
export function newReviewId(now = Date.now()): string {
  reviewIdCounter = (reviewIdCounter + 1) % 36 ** 4;
  return `${now.toString(36).padStart(9, '0')}${reviewIdCounter.toString(36).padStart(4, '0')}${newRowId()}`;
}

/** A random id of 128 bits, base64url (22 characters): device ids, ids of upgraded rows. */
export function newRowId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The Rehearse database. Use the functions in this folder rather than the tables directly. */
export class RehearseDb extends Dexie {
  declare decks: Table<StoredDeck, string>;
  declare cards: Table<StoredCard, string>;
  declare cardStates: Table<StoredCardState, string>;
  declare reviews: Table<StoredReviewLog, string>;
  declare reviewVoids: Table<StoredReviewVoid, string>;
  declare syncOutbox: Table<StoredOutboxEntry, number>;
  declare registerStamps: Table<StoredRegisterStamp, string>;
  declare settings: Table<StoredSetting, string>;
  declare daySummaries: Table<DaySummary, [string, number]>;
  declare cardSummaries: Table<CardSummary, string>;
  declare dueDays: Table<DueDay, [string, number]>;
  declare summaryMeta: Table<StoredSummaryMeta, string>;
  /** Set by an upgrade run at open: what it did and how long it took. */
  upgradeReport: { version: number; ms: number; answers: number } | undefined;
  /** Zone used for study-day boundaries; the runtime's own unless injected (tests). */
  timeZone: TimeZoneOffset | undefined;
  private zoneName: string | undefined;

  /** The zone's name, which the statistics summaries record (a change makes them count again). */
  timeZoneId(): string {
    if (this.zoneName) return this.zoneName;
    if (typeof this.timeZone === 'number') return `UTC${this.timeZone >= 0 ? '+' : ''}${this.timeZone}`;
    return this.timeZone ? 'injected' : runtimeZoneName();
  }

  constructor(name: string, options: OpenOptions = {}) {
    super(name, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.timeZone = options.timeZone;
    this.zoneName = options.timeZoneId;
    // A new database gets its device id at once, so no later write has to make one.
    this.on('populate', (tx) => {
      void tx.table<StoredSetting, string>('settings').add({ key: DEVICE_ID_KEY, value: newRowId() });
      // Nothing to count yet: the summaries start empty under today's day start and zone.
      void tx.table<StoredSummaryMeta, string>('summaryMeta').add({ id: SUMMARY_BASIS_KEY, ...currentBasis(undefined, this.timeZoneId()), builtAt: Date.now() });
    });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) =>
        tx
          .table<StoredCardState, string>('cardStates')
          .toCollection()
          .modify((row, ref) => {
            ref.value = withIndexFields(row);
          }),
      );
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) => upgradeStep(async () => {
        // Every old row keeps its content; its number becomes a unique id of this device's.
        const settings = tx.table<StoredSetting, string>('settings');
        const device = ((await settings.get(DEVICE_ID_KEY))?.value as string | undefined) ?? newRowId();
        await settings.put({ key: DEVICE_ID_KEY, value: device });
        const reviews = tx.table<StoredReviewLog, string>('reviews');
        let batch: StoredReviewLog[] = [];
        await tx
          .table<Omit<StoredReviewLog, 'id'> & { id: number }, number>('reviewLogs')
          .orderBy('id')
          .each((old) => {
            batch.push({ ...old, id: newRowId(), device });
          });
        for (let i = 0; i < batch.length; i += 5000) await reviews.bulkAdd(batch.slice(i, i + 5000));
        batch = [];
      }));
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade((tx) =>
        upgradeStep(async () => {
          const started = Date.now();
          const tables = summaryTablesOf(tx);
          await rebuildCardSummaries(tables);
          const answers = await rebuildDaySummaries(tables, { timeZone: this.timeZone, id: this.timeZoneId() }, started);
          this.upgradeReport = { version: 4, ms: Date.now() - started, answers };
        }),
      );
    this.use(summariesMiddleware(this));
    // Version 5 on: the persisted search index (search/schema.ts).
    declareSearchSchema(this);
    declareMediaSchema(this); // version 6 on: Anki packages' images and sounds (media/schema.ts)
  }
}

function summaryTablesOf(tx: Transaction): SummaryTables {
  return {
    reviews: tx.table('reviews'),
    cardStates: tx.table('cardStates'),
    daySummaries: tx.table('daySummaries'),
    dueDays: tx.table('dueDays'),
    cardSummaries: tx.table('cardSummaries'),
    summaryMeta: tx.table('summaryMeta'),
    settings: tx.table('settings'),
  };
}

/** Options for `openRehearseDb`; the IndexedDB ones let tests pass a fresh fake factory. */
export interface OpenOptions {
  indexedDB?: { open: Function };
  IDBKeyRange?: { bound: Function; lowerBound: Function; upperBound: Function };
  timeZone?: TimeZoneOffset;
  /** The injected zone's name (tests with a zone function); a number zone is named `UTC+n`. */
  timeZoneId?: string;
  /** Another tab is upgrading the database: this connection closes; the app should reload. */
  onVersionChange?: () => void;
}

/** Default database name. */
export const DEFAULT_DB_NAME = 'rehearse';

/**
 * Opens (creating or upgrading) the database. Rejects with a `StorageError`: `upgrade-blocked`
 * when another tab holds an older version open (the upgrade resumes once it closes),
 * `version-too-new`, `unavailable`, `quota-exceeded`.
 */
export async function openRehearseDb(name = DEFAULT_DB_NAME, options: OpenOptions = {}): Promise<RehearseDb> {
  const db = new RehearseDb(name, options);
  db.on('versionchange', () => {
    options.onVersionChange?.();
    // Returning nothing keeps Dexie's default: close this connection so the other tab can upgrade.
  });
  let onBlocked: (e: StorageError) => void = () => {};
  const blocked = new Promise<never>((_, reject) => (onBlocked = reject));
  db.on('blocked', () => onBlocked(new StorageError('upgrade-blocked', storageErrorMessage('upgrade-blocked'))));
  try {
    await Promise.race([db.open(), blocked]);
  } catch (e) {
    throw toStorageError(e);
  }
  // Dexie 4 opens a database upgraded by a newer app version if the tables look compatible, but
  // this code cannot know what the newer version changed in its rows: refuse rather than corrupt.
  if (db.backendDB().version / 10 > db.verno) {
    db.close();
    throw new StorageError('version-too-new', storageErrorMessage('version-too-new'));
  }
  return db;
}

let upgradesRunning = 0;

/** Whether a schema upgrade is running in this page now (the screen says why the open takes longer). */
export function schemaUpgradeRunning(): boolean {
  return upgradesRunning > 0;
}

/** Runs an upgrade step, marked as running while it does. */
async function upgradeStep(step: () => Promise<void>): Promise<void> {
  upgradesRunning++;
  try {
    await step();
  } finally {
    upgradesRunning--;
  }
}

/** Keeps the derived index fields in step with the state; every write of a card state goes through it. */
export function withIndexFields(row: StoredCardState): StoredCardState {
  const { dueAt: _d, newRank: _n, learnDue: _l, reviewDue: _r, buried: _b, ...rest } = row;
  const out: StoredCardState = rest;
  if (row.suspended || row.hidden) return out;
  if (row.buriedUntil > 0) out.buried = row.buriedUntil;
  if (row.schedule.state === State.New) {
    out.newRank = row.position;
    return out;
  }
  out.dueAt = row.schedule.due;
  if (row.schedule.state === State.Review) out.reviewDue = row.schedule.due;
  else out.learnDue = row.schedule.due;
  return out;
}

/** Tables whose rows another tab (or screen) may change under an open review. */
export type RehearseTable = 'decks' | 'cards' | 'cardStates' | 'reviews' | 'reviewVoids' | 'syncOutbox' | 'registerStamps' | 'settings';

/**
 * Calls `listener` with the tables changed by every committed write to this database, in this
 * tab or in another one (Dexie relays the changes between tabs over a BroadcastChannel). Also
 * called, with every table, when the page comes back from the back/forward cache. Returns the
 * unsubscribe function.
 */
export function onDatabaseChange(db: RehearseDb, listener: (tables: Set<RehearseTable>) => void): () => void {
  const prefix = `idb://${db.name}/`;
  // The summary tables are derived from these and change with them: not reported.
  const every: RehearseTable[] = ['decks', 'cards', 'cardStates', 'reviews', 'reviewVoids', 'syncOutbox', 'registerStamps', 'settings'];
  const handler = (parts: Record<string, unknown>) => {
    const tables = new Set<RehearseTable>();
    for (const key of Object.keys(parts)) {
      if (key === 'all') every.forEach((t) => tables.add(t));
      else if (key.startsWith(prefix)) {
        const table = key.slice(prefix.length).split('/')[0] as RehearseTable;
        if (every.includes(table)) tables.add(table);
      }
    }
    if (tables.size) listener(tables);
  };
  Dexie.on('storagemutated', handler);
  return () => Dexie.on('storagemutated').unsubscribe(handler);
}
