// The sync bridge: keeps Dexie (through storage's sync API) and the collection's Yjs documents
// in step. Local changes reach Dexie first (storage writes them with an outbox entry in the same
// transaction); the bridge copies waiting outbox rows into their documents and clears them once
// the server acknowledged them. Remote rows go back to Dexie through `applyRemoteRows`, the same
// logic the app's own writes use. On every start and reconnect the registers, this month and the
// last, and every document the index says this device lacks are reconciled both ways by id
// (every scope on first pairing), which repairs a tab closed mid-write or an outbox lost. Older
// months and imported cards are closed once pushed; the index opens them again when another
// device writes there. Nothing in the app's write path waits for any of this.

import type * as Y from 'yjs';
import { reviewMonth, type RegisterRow, type SyncRow } from '../core/sync/rows.ts';
import type { Connect, ConnectionStatus, Connector, SyncConnection } from './connection.ts';
import {
  INDEX_DOC,
  REGISTERS_DOC,
  deckCardDocs,
  docForRow,
  docName,
  docsLacking,
  entryKey,
  indexMap,
  isSyncRow,
  pairedKey,
  reviewsDoc,
  rowKey,
  rowsMap,
  scopeOfDoc,
  sameWrites,
  writesMap,
  writesSeen,
  type DocSub,
  type IndexEntry,
} from './documents.ts';
import { createStatusStore, type SyncStatus, type SyncStatusStore } from './status.ts';
import type { SyncConfig, SyncStoreApi } from './store.ts';
import { browserTabLock, type TabLock } from './tabLock.ts';

/** Rows per Yjs transaction (and per `applyRemoteRows` call), so no single message is huge. */
export const CHUNK_ROWS = 2000;
/** And at most about this many bytes of JSON per transaction (reviews are the big rows). */
export const CHUNK_BYTES = 512 * 1024;

export interface StartSyncOptions<Db> {
  db: Db;
  store: SyncStoreApi<Db>;
  connect: Connect;
  /** Calls `wake` whenever local data may have changed or the network came back; returns the unsubscribe. */
  watch?: (wake: () => void) => () => void;
  /**
   * Among the tabs of one device, only the holder of this lock runs the bridge; the others show
   * its status (default: the browser's Web Lock; none in Node).
   */
  tabLock?: TabLock | null;
  /** Rows per Yjs transaction. */
  chunkRows?: number;
  /** Remote changes are handed to storage in batches gathered for this long. */
  remoteBatchMs?: number;
  now?: () => number;
}

export interface SyncHandle {
  status: SyncStatusStore;
  /** Local data changed: drain the outbox soon. */
  wake(): void;
  /** Resolves once nothing is left to do right now (tests). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** Transaction origin of the bridge's own writes, so its observers skip them. */
const LOCAL = Symbol('rehearse-sync-bridge');

class Stopped extends Error {}

interface OpenDoc {
  sub: DocSub;
  conn: SyncConnection;
  rows: Y.Map<SyncRow>;
  /** Reconciled since it was opened (its observer is attached). */
  ready: boolean;
  /** Unsubscribes its listeners. */
  cleanup: Array<() => void>;
  /** Rows read from it and not yet in storage: its index entry must not claim them yet. */
  busy: number;
}

/** Starts syncing the database; `stop()` ends it. Does nothing but say `off` when sync is not set up. */
export function startSync<Db>(options: StartSyncOptions<Db>): SyncHandle {
  const bridge = new Bridge(options);
  bridge.start();
  return {
    status: bridge.status,
    wake: () => bridge.wake(),
    settled: () => bridge.settled(),
    stop: () => bridge.stop(),
  };
}

class Bridge<Db> {
  readonly status = createStatusStore({ state: 'connecting', waiting: { reviews: 0, other: 0 } });
  private readonly db: Db;
  private readonly store: SyncStoreApi<Db>;
  private readonly connect: Connect;
  private readonly watch: StartSyncOptions<Db>['watch'];
  private readonly chunkRows: number;
  private readonly tabLock: TabLock | undefined;
  private readonly remoteBatchMs: number;
  private readonly now: () => number;

  private config: SyncConfig | undefined;
  private device = '';
  private connector: Connector | undefined;
  private index: OpenDoc | undefined;
  private readonly docs = new Map<DocSub, OpenDoc>();
  private booted = false;
  private stopped = false;
  private stopSignal: Promise<never>;
  private signalStop: () => void = () => {};
  private unwatch: (() => void) | undefined;
  private readonly unsubscribers: Array<() => void> = [];

  /** Pushes and reconciles, one at a time. */
  private work: Promise<void> = Promise.resolve();
  /** Tasks queued or running, and how many of them wait for the network now. */
  private tasks = 0;
  private netWaits = 0;
  private applyingCount = 0;
  private drainQueued = false;
  private reconcileQueued = false;
  private lackingQueued = false;
  /** Remote changes waiting to be applied, and registers to write back (their Yjs value went back in time). */
  private remoteKeys = new Map<DocSub, Set<string>>();
  private repairs = new Map<DocSub, Map<string, RegisterRow>>();
  private remoteTimer: ReturnType<typeof setTimeout> | undefined;
  private applying: Promise<void> = Promise.resolve();

  constructor(options: StartSyncOptions<Db>) {
    this.db = options.db;
    this.store = options.store;
    this.connect = options.connect;
    this.watch = options.watch;
    this.chunkRows = options.chunkRows ?? CHUNK_ROWS;
    this.tabLock = options.tabLock === undefined ? browserTabLock() : (options.tabLock ?? undefined);
    this.remoteBatchMs = options.remoteBatchMs ?? 50;
    this.now = options.now ?? Date.now;
    this.stopSignal = new Promise<never>((_, reject) => (this.signalStop = () => reject(new Stopped())));
    // Only `until` races it; an unobserved rejection must not reach the runtime's handler.
    this.stopSignal.catch(() => {});
  }

  start(): void {
    this.enqueue(() => this.boot());
  }

  wake(): void {
    if (this.stopped || !this.config) return;
    if (this.index?.conn.status.state === 'offline') this.connector?.reconnect?.();
    // The count of waiting changes follows at once, even while a push waits for the network.
    this.refreshWaiting().catch((e: unknown) => this.status.set({ state: 'error', message: `Sync could not count the waiting changes: ${e instanceof Error ? e.message : String(e)}` }));
    if (!this.booted || this.drainQueued) return;
    this.drainQueued = true;
    this.enqueue(async () => {
      this.drainQueued = false;
      await this.drain();
      await this.closeIdle();
    });
  }

  /** Resolves once no task runs except those waiting for the network, and no remote batch waits. */
  async settled(): Promise<void> {
    let calm = 0;
    while (calm < 2) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.remoteTimer !== undefined) {
        clearTimeout(this.remoteTimer);
        this.remoteTimer = undefined;
        this.flushRemote();
      }
      const idle = (this.tasks === 0 || this.netWaits > 0) && this.applyingCount === 0;
      calm = idle ? calm + 1 : 0;
    }
  }

  /** Stops everything; the status ends as `final` (off, or the refusal that stopped it). */
  async stop(final: Partial<SyncStatus> = { state: 'off' }): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.signalStop();
    this.unwatch?.();
    if (this.remoteTimer !== undefined) clearTimeout(this.remoteTimer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    for (const open of this.docs.values()) for (const off of open.cleanup) off();
    await this.work;
    await this.applying;
    this.connector?.destroy();
    this.docs.clear();
    this.status.set(final);
    this.tabLock?.release();
  }

  // ---- The work queue ---------------------------------------------------------------------

  private enqueue(task: () => Promise<void>): void {
    this.tasks++;
    this.work = this.work.then(async () => {
      try {
        if (!this.stopped) await task();
      } catch (e) {
        if (!(e instanceof Stopped) && !this.stopped) {
          this.status.set({ state: 'error', message: `Sync stopped on an error: ${e instanceof Error ? e.message : String(e)}` });
        }
      } finally {
        this.tasks--;
      }
    });
  }

  /** Waits for `promise`, or throws `Stopped` once the bridge is stopped. */
  private until<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.stopSignal]);
  }

  /** `until`, for a wait on the server or another tab (counted, so `settled` knows the bridge is only waiting). */
  private async network<T>(promise: Promise<T>): Promise<T> {
    this.netWaits++;
    try {
      return await this.until(promise);
    } finally {
      this.netWaits--;
    }
  }

  private async boot(): Promise<void> {
    this.config = await this.store.getSyncConfig(this.db);
    if (!this.config) {
      this.status.set({ state: 'off' });
      return;
    }
    if (this.tabLock) {
      // Another tab of this device may run the bridge: show its status until this tab's turn.
      const mirror = this.tabLock.onStatus((status) => this.status.set(status));
      try {
        await this.network(this.tabLock.acquire());
      } finally {
        mirror();
      }
      this.unsubscribers.push(this.status.subscribe(() => this.tabLock!.publish(this.status.getSnapshot())));
      this.tabLock.publish(this.status.getSnapshot());
    }
    this.device = await this.store.deviceId(this.db);
    await this.refreshWaiting();
    this.unwatch = this.watch?.(() => this.wake());
    this.connector = this.connect(this.config);
    const index = this.openConnection(INDEX_DOC);
    this.index = index;
    this.unsubscribers.push(index.conn.onStatus((status) => this.onIndexStatus(status)));
    this.onIndexStatus(index.conn.status);
    await this.waitSynced(index);
    const map = indexMap(index.conn.doc);
    const observer = (event: Y.YMapEvent<unknown>) => {
      if (event.transaction.origin !== LOCAL) this.queueLacking();
    };
    map.observe(observer);
    this.unsubscribers.push(() => map.unobserve(observer));
    // A device the index has never heard of pushes everything, whatever storage's flag says.
    if (map.get(pairedKey(this.device)) === undefined || (await this.until(this.store.needsFullReconcile(this.db)))) {
      await this.fullReconcile();
    } else {
      await this.reconcile(false);
    }
    this.booted = true;
    await this.drain();
    await this.closeIdle();
  }

  /** Pushes every local row of every scope; tells storage (and the index) once the server has them all. */
  private async fullReconcile(): Promise<void> {
    await this.reconcile(true);
    await this.network(Promise.all([...this.docs.values()].map((open) => open.conn.whenAcknowledged())));
    const map = indexMap(this.index!.conn.doc);
    if (map.get(pairedKey(this.device)) === undefined) {
      this.index!.conn.doc.transact(() => map.set(pairedKey(this.device), { at: this.now() }), LOCAL);
    }
    await this.until(this.store.markReconciled(this.db));
  }

  private onIndexStatus(status: ConnectionStatus): void {
    if (this.stopped) return;
    if (status.state === 'refused') {
      this.status.set({ state: 'refused', refusal: status.reason });
      // Retrying a refused code only earns a slower refusal: stop until the person acts.
      void this.stop({ state: 'refused', refusal: status.reason });
      return;
    }
    if (status.state === 'offline') {
      this.status.set(status.unreachable ? { state: 'offline', refusal: 'unreachable' } : { state: 'offline' });
      return;
    }
    if (status.state === 'connecting') {
      if (!this.booted) this.status.set({ state: 'connecting' });
      return;
    }
    // In step again after a reconnection: reconcile what is open, then push what waits.
    if (this.booted) {
      this.status.set({ state: 'synced' });
      this.queueReconcile();
    }
  }

  private queueReconcile(): void {
    if (this.stopped || !this.booted || this.reconcileQueued) return;
    this.reconcileQueued = true;
    this.enqueue(async () => {
      this.reconcileQueued = false;
      await this.reconcile(false);
      await this.drain();
      await this.closeIdle();
    });
  }

  /** Another device wrote into a document: open it if this device lacks its rows and has not opened it. */
  private queueLacking(): void {
    if (this.stopped || !this.booted || this.lackingQueued) return;
    this.lackingQueued = true;
    this.enqueue(async () => {
      this.lackingQueued = false;
      const subs = docsLacking(indexMap(this.index!.conn.doc), this.device).filter((sub) => !this.docs.get(sub)?.ready);
      if (subs.length > 0) {
        await this.reconcileDocs(subs);
        await this.closeIdle();
      }
    });
  }

  // ---- Documents --------------------------------------------------------------------------

  private openConnection(sub: DocSub): OpenDoc {
    const conn = this.connector!.open(docName(this.config!.collection, sub));
    return { sub, conn, rows: rowsMap(conn.doc), ready: false, cleanup: [], busy: 0 };
  }

  /** Resolves when the document is in step with the server now (after a reconnection too). */
  private waitSynced(open: OpenDoc): Promise<void> {
    if (open.conn.status.state === 'synced') return Promise.resolve();
    return this.network(
      new Promise<void>((resolve) => {
        const off = open.conn.onStatus((status) => {
          if (status.state !== 'synced') return;
          off();
          resolve();
        });
      }),
    );
  }

  private doc(sub: DocSub): OpenDoc {
    let open = this.docs.get(sub);
    if (!open) {
      open = this.openConnection(sub);
      this.docs.set(sub, open);
      open.cleanup.push(
        open.conn.onStatus((status) => {
          if (status.state === 'refused') this.onIndexStatus(status);
        }),
      );
    }
    return open;
  }

  /**
   * Reconciles, both ways by id: the registers, this month and the last, every document the index
   * says holds rows this device lacks, and (first pairing) every scope that has local rows.
   */
  private async reconcile(everything: boolean): Promise<void> {
    const subs = new Set<DocSub>([REGISTERS_DOC]);
    for (const sub of docsLacking(indexMap(this.index!.conn.doc), this.device)) subs.add(sub);
    const months = await this.until(this.store.localMonths(this.db));
    // A change written just before a tab closed is of this month or the last: those are always checked.
    const recent = this.recentMonths();
    for (const month of months) if (everything || recent.includes(month)) subs.add(reviewsDoc(month));
    if (everything) {
      for (const deckId of await this.until(this.store.importedDeckIds(this.db))) deckCardDocs(deckId).forEach((sub) => subs.add(sub));
    }
    await this.reconcileDocs(subs);
  }

  /** This month and the last: their documents stay open (where new answers go). */
  private recentMonths(): string[] {
    return [reviewMonth(this.now()), reviewMonth(this.now() - 31 * 24 * 3600_000)];
  }

  /**
   * Closes the documents a device does not need open (older months, imported cards) once the
   * server has all it wrote there: a collection of years must not sit in memory. The index
   * brings one back when another device adds to it.
   */
  private async closeIdle(): Promise<void> {
    const keep = new Set<DocSub>([REGISTERS_DOC, ...this.recentMonths().map(reviewsDoc)]);
    const idle = [...this.docs.values()].filter((open) => !keep.has(open.sub));
    if (idle.length === 0) return;
    await this.network(Promise.all(idle.map((open) => open.conn.whenAcknowledged())));
    // Remote rows gathered for them go to storage first.
    for (;;) {
      if (this.remoteTimer !== undefined) {
        clearTimeout(this.remoteTimer);
        this.remoteTimer = undefined;
        this.flushRemote();
      }
      const applying = this.applying;
      await applying;
      if (applying === this.applying && this.remoteTimer === undefined) break;
    }
    this.writeIndex();
    // From here on synchronous: nothing can arrive between the last look and the close.
    for (const open of idle) {
      if (this.docs.get(open.sub) !== open || !this.settledDoc(open)) continue;
      for (const off of open.cleanup) off();
      open.conn.destroy();
      this.docs.delete(open.sub);
    }
  }

  /** Opens (if need be) and reconciles documents. */
  private async reconcileDocs(subs: Iterable<DocSub>): Promise<void> {
    // Documents of one scope (a deck's shards) share one read of the local rows. Registers and
    // cards first: an answer that arrives before its card waits for it, and is replayed again then.
    const byScope = new Map<string, DocSub[]>();
    for (const sub of [...subs].sort((a, b) => docRank(a) - docRank(b))) {
      const scope = scopeOfDoc(sub);
      if (!scope) continue;
      const key = JSON.stringify(scope);
      pushTo(byScope, key, sub);
    }
    // Open them all at once, so their first syncs travel together.
    for (const group of byScope.values()) for (const sub of group) this.doc(sub);
    for (const [key, group] of byScope) {
      const opened = group.map((sub) => this.doc(sub));
      await Promise.all(opened.map((open) => this.waitSynced(open)));
      const local = await this.until(this.store.listRows(this.db, JSON.parse(key)));
      const bySub = new Map<DocSub, SyncRow[]>();
      for (const row of local) {
        pushTo(bySub, docForRow(row), row);
      }
      for (const open of opened) await this.reconcileDoc(open, bySub.get(open.sub) ?? []);
    }
    this.writeIndex();
  }

  /** One document against the local rows that belong in it. */
  private async reconcileDoc(open: OpenDoc, local: SyncRow[]): Promise<void> {
    // Read Yjs and attach the observer in one synchronous step, so no remote change falls between.
    const remote = new Map(open.rows.entries());
    this.observe(open);
    const toApply: SyncRow[] = [];
    const toWrite: SyncRow[] = [];
    const localKeys = new Set<string>();
    for (const row of local) {
      const key = rowKey(row);
      localKeys.add(key);
      const there = remote.get(key);
      if (!isSyncRow(there)) toWrite.push(row);
      else if (row.t === 'register' && there.t === 'register') {
        if (there.hlc < row.hlc) toWrite.push(row);
        else if (there.hlc > row.hlc) toApply.push(there);
      }
    }
    for (const [key, value] of remote) if (!localKeys.has(key) && isSyncRow(value)) toApply.push(value);
    open.busy++;
    try {
      for (const chunk of this.chunks(toApply)) await this.until(this.store.applyRemoteRows(this.db, chunk));
    } finally {
      open.busy--;
    }
    await this.write(open, toWrite);
  }

  private observe(open: OpenDoc): void {
    if (open.ready) return;
    open.ready = true;
    const observer = (event: Y.YMapEvent<SyncRow>) => {
      if (event.transaction.origin === LOCAL) return;
      const keys = this.remoteKeys.get(open.sub) ?? new Set<string>();
      for (const [key, change] of event.changes.keys) {
        keys.add(key);
        const before = change.oldValue as unknown;
        const after = open.rows.get(key);
        // A concurrent write of a register settles by Yjs client order, not by stamp: put back the greater stamp.
        if (isSyncRow(before) && before.t === 'register' && isSyncRow(after) && after.t === 'register' && after.hlc < before.hlc) {
          const repairs = this.repairs.get(open.sub) ?? new Map<string, RegisterRow>();
          repairs.set(key, before);
          this.repairs.set(open.sub, repairs);
        }
      }
      this.remoteKeys.set(open.sub, keys);
      this.remoteTimer ??= setTimeout(() => {
        this.remoteTimer = undefined;
        this.flushRemote();
      }, this.remoteBatchMs);
    };
    open.rows.observe(observer);
    open.cleanup.push(() => open.rows.unobserve(observer));
  }

  /** Hands the gathered remote rows to storage (in order, one batch at a time) and writes back repairs. */
  private flushRemote(): void {
    // Read the rows now, while every document they came from is surely open.
    const rows: SyncRow[] = [];
    const sources: OpenDoc[] = [];
    const repairs: Array<[OpenDoc, RegisterRow[]]> = [];
    for (const [sub, keys] of this.remoteKeys) {
      const open = this.docs.get(sub);
      if (!open) continue;
      const repaired = this.repairs.get(sub);
      for (const key of keys) {
        const value = open.rows.get(key);
        if (isSyncRow(value) && !repaired?.has(key)) rows.push(value);
      }
      if (repaired) repairs.push([open, [...repaired.values()]]);
      open.busy++;
      sources.push(open);
    }
    this.remoteKeys = new Map();
    this.repairs = new Map();
    this.applyingCount++;
    this.applying = this.applying.then(async () => {
      try {
        if (this.stopped) return;
        for (const chunk of this.chunks(rows)) await this.store.applyRemoteRows(this.db, chunk);
        for (const [open, registers] of repairs) if (this.docs.get(open.sub) === open) await this.write(open, registers);
      } catch (e) {
        if (!this.stopped) this.status.set({ state: 'error', message: `Sync could not save a change from another device: ${e instanceof Error ? e.message : String(e)}` });
      } finally {
        for (const open of sources) open.busy--;
        this.applyingCount--;
      }
      this.writeIndex();
    });
  }

  /** Writes rows into a document, a chunk per transaction; skips rows Yjs already holds as they are or newer. */
  private async write(open: OpenDoc, rows: SyncRow[]): Promise<number> {
    const needed = rows.filter((row) => {
      const there = open.rows.get(rowKey(row));
      if (!isSyncRow(there)) return true;
      return row.t === 'register' && there.t === 'register' && there.hlc < row.hlc;
    });
    const writes = writesMap(open.conn.doc);
    for (const chunk of this.chunks(needed)) {
      open.conn.doc.transact(() => {
        for (const row of chunk) open.rows.set(rowKey(row), row);
        writes.set(this.device, (writes.get(this.device) ?? 0) + chunk.length);
      }, LOCAL);
      // Let the socket take each message before the next is built.
      await Promise.resolve();
    }
    return needed.length;
  }

  private *chunks(rows: SyncRow[]): Generator<SyncRow[]> {
    let chunk: SyncRow[] = [];
    let bytes = 0;
    for (const row of rows) {
      const size = JSON.stringify(row).length;
      if (chunk.length > 0 && (chunk.length >= this.chunkRows || bytes + size > CHUNK_BYTES)) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
      chunk.push(row);
      bytes += size;
    }
    if (chunk.length > 0) yield chunk;
  }

  /** Every row of the document that reached this device is in storage (none waits to be applied). */
  private settledDoc(open: OpenDoc): boolean {
    return open.busy === 0 && !this.remoteKeys.has(open.sub) && !this.repairs.has(open.sub);
  }

  /** This device's index entries: how far its copy of every document goes. */
  private writeIndex(): void {
    if (!this.index || this.stopped) return;
    const map = indexMap(this.index.conn.doc);
    const changed: Array<[string, Record<string, number>]> = [];
    for (const open of this.docs.values()) {
      if (!open.ready || !this.settledDoc(open)) continue;
      const key = entryKey(open.sub, this.device);
      const seen = writesSeen(open.conn.doc);
      if (!sameWrites((map.get(key) as Partial<IndexEntry> | undefined)?.seen, seen)) changed.push([key, seen]);
    }
    if (changed.length === 0) return;
    this.index.conn.doc.transact(() => {
      for (const [key, seen] of changed) map.set(key, { seen } satisfies IndexEntry);
    }, LOCAL);
  }

  // ---- The outbox -------------------------------------------------------------------------

  /** Copies every waiting local change into its document; clears each batch once the server has it. */
  private async drain(): Promise<void> {
    // A backup restored while syncing asks for everything to be pushed again.
    if (await this.until(this.store.needsFullReconcile(this.db))) await this.fullReconcile();
    for (;;) {
      const entries = await this.until(this.store.readOutbox(this.db, this.chunkRows));
      if (entries.length === 0) break;
      const bySub = new Map<DocSub, SyncRow[]>();
      for (const { row } of entries) {
        pushTo(bySub, docForRow(row), row);
      }
      const touched: OpenDoc[] = [];
      for (const [sub, rows] of bySub) {
        const open = this.doc(sub);
        if (!open.ready) {
          // A document this device had not opened: reconcile it whole (its local rows include these).
          await this.waitSynced(open);
          const scope = scopeOfDoc(sub);
          const local = scope ? (await this.until(this.store.listRows(this.db, scope))).filter((row) => docForRow(row) === sub) : [];
          await this.reconcileDoc(open, local);
        }
        await this.waitSynced(open);
        await this.write(open, rows);
        touched.push(open);
      }
      this.writeIndex();
      await this.network(Promise.all(touched.map((open) => open.conn.whenAcknowledged())));
      await this.until(this.store.clearOutbox(this.db, entries.map((entry) => entry.seq)));
      await this.refreshWaiting();
    }
    await this.refreshWaiting();
    const waiting = this.status.getSnapshot().waiting;
    if (this.index?.conn.status.state === 'synced' && waiting.reviews + waiting.other === 0) {
      this.status.set({ state: 'synced', lastSyncedAt: this.now() });
    }
  }

  private async refreshWaiting(): Promise<void> {
    const waiting = await this.until(this.store.outboxCount(this.db));
    this.status.set({ waiting });
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The order documents are reconciled in: registers, imported cards, then answers. */
function docRank(sub: DocSub): number {
  if (sub === REGISTERS_DOC) return 0;
  return sub.startsWith('cards/') ? 1 : 2;
}
