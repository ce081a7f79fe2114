// Two devices (real storage on fake-indexeddb, one factory each) through the REAL sync server
// process on 127.0.0.1, with the real Hocuspocus connection (ws as the WebSocket in Node): a grade
// on one reaches the other with the same card state; a wrong code is refused and receives nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSync, type SyncHandle } from '../../src/sync/bridge.ts';
import { hocuspocusConnect } from '../../src/sync/hocuspocusConnect.ts';
import { syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { recordReview } from '../../src/storage/reviews.ts';
import * as syncStore from '../../src/storage/syncStore.ts';
import { BrowserLikeWebSocket, newCollection, startServer, tempDir, waitFor, type ServerProcess } from '../server/serverProcess.ts';
import { MIN, NOON, QA, freshFactory, makeDeck, openTestDb } from '../storage/helpers.ts';

let server: ServerProcess;
const handles: SyncHandle[] = [];
const dbs: RehearseDb[] = [];
const connect = hocuspocusConnect({ WebSocketPolyfill: BrowserLikeWebSocket, retry: { delay: 100, minDelay: 100, maxDelay: 500 } });
const DECK = makeDeck('basics', QA);

beforeAll(async () => {
  server = await startServer(['--data', tempDir('bridge')]);
});

afterAll(async () => {
  for (const handle of handles) await handle.stop();
  for (const db of dbs) db.close();
  await server?.stop();
});

async function device(name: string, config: syncStore.SyncConfig): Promise<{ db: RehearseDb; sync: SyncHandle }> {
  const db = await openTestDb(freshFactory(), name);
  dbs.push(db);
  await syncDecks(db, [DECK], NOON);
  await syncStore.setSyncConfig(db, config);
  const sync = startSync({ db, store: syncStore, connect, remoteBatchMs: 10 });
  handles.push(sync);
  return { db, sync };
}

async function grade(db: RehearseDb, cardId: string, now: number): Promise<string> {
  const state = await db.cardStates.get(cardId);
  return (await recordReview(db, { cardId, rating: 3, now, durationMs: 2000, expectedStateVersion: state!.version })).logId;
}

describe('bridge through the real sync server', () => {
  it('a grade on one device reaches the other; a wrong code is refused and receives nothing', async () => {
    const collection = newCollection();
    const config = { server: server.url, collection: collection.id, secret: collection.secret };
    const a = await device('A', config);
    const cardId = DECK.cards[0]!.id;
    const first = await grade(a.db, cardId, NOON + MIN);
    await waitFor(() => a.sync.status.getSnapshot().state === 'synced', 'A synced');

    const b = await device('B', config);
    await waitFor(() => b.sync.status.getSnapshot().state === 'synced', 'B synced');
    // A's grade made before B joined, and one made after.
    const second = await grade(a.db, DECK.cards[1]!.id, NOON + 2 * MIN);
    a.sync.wake();
    let bIds: string[] = [];
    await waitFor(() => {
      void b.db.reviews.toCollection().primaryKeys().then((ids) => (bIds = ids.sort()));
      return bIds.length === 2;
    }, 'B has both of A’s grades');
    expect(bIds).toEqual([first, second].sort());
    const [stateA, stateB] = [await a.db.cardStates.get(cardId), await b.db.cardStates.get(cardId)];
    expect(stateB!.schedule).toEqual(stateA!.schedule);
    expect(await syncStore.outboxCount(a.db)).toEqual({ reviews: 0, other: 0 });

    const x = await device('X', { ...config, secret: newCollection().secret });
    await waitFor(() => x.sync.status.getSnapshot().state === 'refused', 'X refused');
    expect(x.sync.status.getSnapshot().refusal).toBe('wrong-code');
    expect(await x.db.reviews.count()).toBe(0);
  });

  it('after the server was killed and started again, a wake reconnects at once and nothing acknowledged was lost', async () => {
    const data = tempDir('restart');
    const first = await startServer(['--data', data]);
    const collection = newCollection();
    const config = { server: first.url, collection: collection.id, secret: collection.secret };
    // Retries a minute apart: only the wake's reconnect can bring the device back within the test.
    const slow = hocuspocusConnect({ WebSocketPolyfill: BrowserLikeWebSocket, retry: { delay: 60_000, minDelay: 60_000, maxDelay: 60_000 } });
    const db = await openTestDb(freshFactory(), 'restart-A');
    dbs.push(db);
    await syncDecks(db, [DECK], NOON);
    await syncStore.setSyncConfig(db, config);
    const a = startSync({ db, store: syncStore, connect: slow, remoteBatchMs: 10 });
    handles.push(a);
    const before = await grade(db, DECK.cards[0]!.id, NOON + MIN);
    await waitFor(() => a.status.getSnapshot().state === 'synced' && a.status.getSnapshot().waiting.reviews === 0, 'A synced');
    await first.stop('SIGKILL');
    await waitFor(() => a.status.getSnapshot().state === 'offline', 'A offline');
    const after = await grade(db, DECK.cards[1]!.id, NOON + 2 * MIN);
    a.wake();
    await waitFor(() => a.status.getSnapshot().waiting.reviews === 1, 'one review waiting');

    const second = await startServer(['--data', data, '--port', String(first.port)]);
    try {
      a.wake();
      await waitFor(() => a.status.getSnapshot().state === 'synced' && a.status.getSnapshot().waiting.reviews === 0, 'A synced again');
      const b = await device('restart-B', config);
      let ids: string[] = [];
      await waitFor(() => {
        void b.db.reviews.toCollection().primaryKeys().then((keys) => (ids = keys.sort()));
        return ids.length === 2;
      }, 'B has both grades');
      expect(ids).toEqual([before, after].sort());
    } finally {
      await second.stop();
    }
  });

  it('says the collection is full when the server refuses more, and stops', async () => {
    const small = await startServer(['--data', tempDir('full'), '--max-collection-mb', '0.005']);
    try {
      const collection = newCollection();
      const a = await device('full-A', { server: small.url, collection: collection.id, secret: collection.secret });
      // 40 answers, about 1 KB each: more than the 5 KB the server allows this collection.
      for (let i = 0; i < 40; i++) await grade(a.db, DECK.cards[i % DECK.cards.length]!.id, NOON + (i + 1) * MIN);
      a.sync.wake();
      await waitFor(() => a.sync.status.getSnapshot().state === 'refused', 'refused', 20_000);
      expect(a.sync.status.getSnapshot().refusal).toBe('collection-full');
      // What the server did not take stays waiting.
      expect((await syncStore.outboxCount(a.db)).reviews).toBeGreaterThan(0);
    } finally {
      await small.stop();
    }
  });

  it('says the server is unreachable when nothing listens there, and counts what waits', async () => {
    const collection = newCollection();
    const a = await device('lonely', { server: 'ws://127.0.0.1:9', collection: collection.id, secret: collection.secret });
    await grade(a.db, DECK.cards[0]!.id, NOON + MIN);
    a.sync.wake();
    await waitFor(() => a.sync.status.getSnapshot().state === 'offline' && a.sync.status.getSnapshot().waiting.reviews === 1, 'offline, 1 waiting');
    expect(a.sync.status.getSnapshot().refusal).toBe('unreachable');
  });
});
