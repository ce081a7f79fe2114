// An in-memory stand-in for storage's sync API (src/storage/syncStore.ts), with the same rules:
// reviews and voids are added when their id is missing, a register is applied when its stamp is
// greater, remote rows write no outbox entries, local writes add one.
import { rowMonth, type RegisterRow, type SyncRow } from '../../../src/core/sync/rows.ts';
import { docForRow } from '../../../src/sync/documents.ts';
import type { OutboxEntry, RowScope, SyncConfig, SyncStoreApi } from '../../../src/sync/store.ts';

export class FakeDb {
  config: SyncConfig | undefined;
  /** Storage's full-reconcile flag (set when sync is set up, or a backup restored). */
  needsFull = false;
  readonly rows = new Map<string, SyncRow>();
  outbox: Array<{ seq: number; key: string }> = [];
  private seq = 0;
  applyCalls: number[] = [];
  /** The kinds of row in each `applyRemoteRows` call, in order. */
  applyKinds: string[][] = [];
  constructor(readonly device: string) {}

  /** A local write: the row and its outbox entry together. */
  write(row: SyncRow): void {
    this.rows.set(keyOf(row), row);
    if (this.config) this.outbox.push({ seq: ++this.seq, key: keyOf(row) });
  }

  /** A local write whose outbox entry was lost (a tab closed before the bridge copied it). */
  writeWithoutOutbox(row: SyncRow): void {
    this.rows.set(keyOf(row), row);
  }

  sorted(): SyncRow[] {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  }
}

function keyOf(row: SyncRow): string {
  return `${row.t}:${row.id}`;
}

function inScope(row: SyncRow, scope: RowScope): boolean {
  if (scope.kind === 'reviews') return row.t !== 'register' && rowMonth(row) === scope.month;
  if (row.t !== 'register') return false;
  const sub = docForRow(row);
  return scope.kind === 'registers' ? !sub.startsWith('cards/') : sub.startsWith(`cards/${scope.deckId}/`);
}

export const fakeStore: SyncStoreApi<FakeDb> = {
  getSyncConfig: async (db) => db.config,
  needsFullReconcile: async (db) => db.needsFull,
  markReconciled: async (db) => {
    db.needsFull = false;
  },
  deviceId: async (db) => db.device,
  readOutbox: async (db, limit = Infinity): Promise<OutboxEntry[]> =>
    db.outbox.slice(0, limit).map(({ seq, key }) => ({ seq, row: db.rows.get(key)! })),
  clearOutbox: async (db, seqs) => {
    const gone = new Set(seqs);
    db.outbox = db.outbox.filter((entry) => !gone.has(entry.seq));
  },
  outboxCount: async (db) => {
    let reviews = 0;
    for (const { key } of db.outbox) if (!key.startsWith('register:')) reviews++;
    return { reviews, other: db.outbox.length - reviews };
  },
  listRows: async (db, scope) => [...db.rows.values()].filter((row) => inScope(row, scope)),
  localMonths: async (db) => [...new Set([...db.rows.values()].flatMap((row) => (row.t === 'register' ? [] : [rowMonth(row)])))],
  importedDeckIds: async (db) =>
    [...db.rows.values()].flatMap((row) => (row.t === 'register' && row.id.startsWith('deck:') ? [row.id.slice(5)] : [])),
  applyRemoteRows: async (db, rows) => {
    db.applyCalls.push(rows.length);
    db.applyKinds.push([...new Set(rows.map((row) => (row.t === 'register' && row.id.startsWith('card:') ? 'card' : row.t)))]);
    let applied = 0;
    for (const row of rows) {
      const there = db.rows.get(keyOf(row));
      if (there && (row.t !== 'register' || (there as RegisterRow).hlc >= row.hlc)) continue;
      db.rows.set(keyOf(row), row);
      applied++;
    }
    return { applied, skipped: 0, replayed: 0 };
  },
};
