// Two devices through the REAL sync server process on 127.0.0.1, with the real Hocuspocus
// connection (ws as the WebSocket in Node): a grade on one reaches the other; a wrong code is
// refused and receives nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSync, type SyncHandle } from '../../src/sync/bridge.ts';
import { hocuspocusConnect } from '../../src/sync/hocuspocusConnect.ts';
import type { SyncConfig } from '../../src/sync/store.ts';
import { newCollection, startServer, tempDir, waitFor, type ServerProcess } from '../server/serverProcess.ts';
import { FakeDb, fakeStore } from './support/fakeStore.ts';
import { register, review } from './support/rows.ts';

let server: ServerProcess;
const handles: SyncHandle[] = [];
const connect = hocuspocusConnect({ WebSocketPolyfill: WebSocket, retry: { delay: 100, minDelay: 100, maxDelay: 500 } });

beforeAll(async () => {
  server = await startServer(['--data', tempDir('bridge')]);
});

afterAll(async () => {
  for (const handle of handles) await handle.stop();
  await server?.stop();
});

function start(db: FakeDb): SyncHandle {
  const handle = startSync({ db, store: fakeStore, connect, remoteBatchMs: 10 });
  handles.push(handle);
  return handle;
}

function device(id: string, config: SyncConfig): FakeDb {
  const db = new FakeDb(id);
  db.config = config;
  return db;
}

describe('bridge through the real sync server', () => {
  it('a grade on one device reaches the other; a wrong code is refused and receives nothing', async () => {
    const collection = newCollection();
    const config: SyncConfig = { server: server.url, collection: collection.id, secret: collection.secret };
    const a = device('A', config);
    a.write(review('before-pairing-b'));
    a.write(register('setting:scheduler', { retention: 0.9 }, 5));
    const ba = start(a);
    await waitFor(() => ba.status.getSnapshot().state === 'synced', 'A synced');
    expect(a.outbox).toEqual([]);

    const b = device('B', config);
    const bb = start(b);
    await waitFor(() => b.rows.has('review:before-pairing-b') && b.rows.has('register:setting:scheduler'), 'B has A’s rows');

    a.write(review('graded-on-a'));
    ba.wake();
    await waitFor(() => b.rows.has('review:graded-on-a'), 'B has A’s new grade');
    b.write(review('graded-on-b', Date.UTC(2026, 10, 2)));
    bb.wake();
    await waitFor(() => a.rows.has('review:graded-on-b'), 'A has B’s grade of another month');
    await waitFor(() => a.outbox.length === 0 && b.outbox.length === 0, 'both outboxes cleared');
    expect(b.sorted()).toEqual(a.sorted());

    const x = device('X', { ...config, secret: newCollection().secret });
    const bx = start(x);
    await waitFor(() => bx.status.getSnapshot().state === 'refused', 'X refused');
    expect(bx.status.getSnapshot().refusal).toBe('wrong-code');
    expect(x.rows.size).toBe(0);
  });

  it('says the server is unreachable when nothing listens there', async () => {
    const collection = newCollection();
    const db = device('A', { server: 'ws://127.0.0.1:9', collection: collection.id, secret: collection.secret });
    db.write(review('r1'));
    const handle = start(db);
    await waitFor(() => handle.status.getSnapshot().state === 'offline', 'offline');
    expect(handle.status.getSnapshot()).toMatchObject({ refusal: 'unreachable', waiting: { reviews: 1, other: 0 } });
  });
});
