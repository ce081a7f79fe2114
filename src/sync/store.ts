// The storage functions the sync bridge uses, and nothing else: the bridge reads local rows,
// the outbox and the pairing through them, and hands remote rows back through them. Declared as
// an interface so the bridge can be tested against an in-memory fake; `src/storage/syncStore.ts`
// is the real one (each function takes the database first).

import type { SyncRow } from '../core/sync/rows.ts';

/** Local-only: which server, which collection, and the collection's secret. Never synced. */
export interface SyncConfig {
  server: string;
  collection: string;
  secret: string;
}

/** Every local row of one scope, for reconciling a document by id. */
export type RowScope = { kind: 'reviews'; month: string } | { kind: 'registers' } | { kind: 'deckCards'; deckId: string };

/** One waiting local change: its outbox number and the row as it is now. */
export interface OutboxEntry {
  seq: number;
  row: SyncRow;
}

/** What `applyRemoteRows` did. */
export interface ApplyResult {
  applied: number;
  skipped: number;
  replayed: number;
}

/** The sync API of storage, every function bound to nothing: the database comes first. */
export interface SyncStoreApi<Db> {
  getSyncConfig(db: Db): Promise<SyncConfig | undefined>;
  /** Every local row must be pushed (sync just set up, a backup restored). */
  needsFullReconcile(db: Db): Promise<boolean>;
  /** The server has every local row: called once a full reconcile was acknowledged. */
  markReconciled(db: Db): Promise<void>;
  deviceId(db: Db): Promise<string>;
  readOutbox(db: Db, limit?: number): Promise<OutboxEntry[]>;
  clearOutbox(db: Db, seqs: number[]): Promise<void>;
  outboxCount(db: Db): Promise<{ reviews: number; other: number }>;
  listRows(db: Db, scope: RowScope): Promise<SyncRow[]>;
  localMonths(db: Db): Promise<string[]>;
  importedDeckIds(db: Db): Promise<string[]>;
  applyRemoteRows(db: Db, rows: SyncRow[]): Promise<ApplyResult>;
}
