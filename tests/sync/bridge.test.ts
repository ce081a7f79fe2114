// The bridge against the in-memory server and an in-memory storage: outbox, acknowledgements,
// remote rows, reconcile, chunks, registers settled by stamp, status.
import { afterEach, describe, expect, it } from 'vitest';
import { startSync, type SyncHandle } from '../../src/sync/bridge.ts';
import { docName, rowsMap } from '../../src/sync/documents.ts';
import { FakeDb, fakeStore } from './support/fakeStore.ts';
import { MemoryServer, type MemoryDevice } from './support/memoryServer.ts';
import { MemoryTabs } from './support/memoryTabLock.ts';
import { CONFIG, DEC_2026, NOV_2026, register, review, voidOf } from './support/rows.ts';

const handles: SyncHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.stop();
});

function device(server: MemoryServer, id: string, config = CONFIG): { db: FakeDb; net: MemoryDevice; start(): SyncHandle } {
  const db = new FakeDb(id);
  db.config = config;
  const net = server.device();
  return {
    db,
    net,
    start() {
      const handle = startSync({ db, store: fakeStore, connect: net.connect, remoteBatchMs: 1, now: () => DEC_2026 });
      handles.push(handle);
      return handle;
    },
  };
}

/** Two devices of one collection, started and in step. */
async function twoDevices() {
  const server = new MemoryServer();
  const a = device(server, 'A');
  const b = device(server, 'B');
  const ba = a.start();
  const bb = b.start();
  await settle(server, ba, bb);
  return { server, a, b, ba, bb };
}

/** Both devices go offline, `write` happens on them, they push (in vain), then both come back. */
async function offlineThenMeet(server: MemoryServer, devices: Array<{ net: MemoryDevice }>, bridges: SyncHandle[], write: () => void) {
  for (const d of devices) d.net.setOnline(false);
  write();
  for (const bridge of bridges) bridge.wake();
  await settle(server, ...bridges);
  for (const d of devices) d.net.setOnline(true);
  await settle(server, ...bridges);
}

/** Waits until the server and every bridge have nothing left to do. */
async function settle(server: MemoryServer, ...bridges: SyncHandle[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await server.quiet();
    for (const bridge of bridges) await bridge.settled();
    await server.quiet();
    for (const bridge of bridges) await bridge.settled();
  }
}

function serverRows(server: MemoryServer, sub: string): string[] {
  const doc = server.docs.get(docName(CONFIG.collection, sub));
  return doc ? [...rowsMap(doc).keys()].sort() : [];
}

describe('sync bridge', () => {
  it('pushes every local row on first pairing, then a new grade from the outbox, clearing it once acknowledged', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    a.db.writeWithoutOutbox(review('old1', NOV_2026));
    a.db.writeWithoutOutbox(register('setting:scheduler', { w: [1] }, 5));
    const bridge = a.start();
    await settle(server, bridge);
    expect(serverRows(server, 'reviews/2026-11')).toEqual(['r:old1']);
    expect(serverRows(server, 'registers')).toEqual(['setting:scheduler']);
    expect(bridge.status.getSnapshot()).toMatchObject({ state: 'synced', waiting: { reviews: 0, other: 0 } });

    a.db.write(review('new1'));
    expect(await fakeStore.outboxCount(a.db)).toEqual({ reviews: 1, other: 0 });
    bridge.wake();
    await settle(server, bridge);
    expect(serverRows(server, 'reviews/2026-12')).toEqual(['r:new1']);
    expect(a.db.outbox).toEqual([]);
  });

  it('keeps the outbox while offline, says how much waits, and sends it on reconnection', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    const bridge = a.start();
    await settle(server, bridge);
    a.net.setOnline(false);
    for (let i = 0; i < 14; i++) a.db.write(review(`off${i}`));
    a.db.write(register('flags:c1', { suspended: true }, 9));
    bridge.wake();
    await settle(server, bridge);
    expect(bridge.status.getSnapshot()).toMatchObject({ state: 'offline', waiting: { reviews: 14, other: 1 } });
    expect(a.db.outbox).toHaveLength(15);
    expect(serverRows(server, 'reviews/2026-12')).toEqual([]);

    a.net.setOnline(true);
    await settle(server, bridge);
    expect(serverRows(server, 'reviews/2026-12')).toHaveLength(14);
    expect(a.db.outbox).toEqual([]);
    expect(bridge.status.getSnapshot()).toMatchObject({ state: 'synced', waiting: { reviews: 0, other: 0 } });
  });

  it('counts what waits when it starts offline, and pushes it once the network is back', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    a.net.setOnline(false);
    const bridge = a.start();
    await settle(server, bridge);
    expect(bridge.status.getSnapshot().state).toBe('offline');
    a.db.write(review('r1'));
    a.db.write(review('r2'));
    bridge.wake();
    await settle(server, bridge);
    expect(bridge.status.getSnapshot()).toMatchObject({ state: 'offline', waiting: { reviews: 2, other: 0 } });
    a.net.setOnline(true);
    await settle(server, bridge);
    expect(serverRows(server, 'reviews/2026-12')).toEqual(['r:r1', 'r:r2']);
    expect(bridge.status.getSnapshot()).toMatchObject({ state: 'synced', waiting: { reviews: 0, other: 0 } });
  });

  it('does not clear an outbox entry the server never acknowledged (gone offline mid-send)', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    const bridge = a.start();
    await settle(server, bridge);
    a.db.write(review('r1'));
    bridge.wake();
    // The update leaves, but the link drops before the server has it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    a.net.setOnline(false);
    await settle(server, bridge);
    expect(a.db.outbox).toHaveLength(1);
    a.net.setOnline(true);
    await settle(server, bridge);
    expect(a.db.outbox).toHaveLength(0);
    expect(serverRows(server, 'reviews/2026-12')).toEqual(['r:r1']);
  });

  it('hands remote rows to storage in batches, and a second device receives everything', async () => {
    const { server, a, b, ba, bb } = await twoDevices();
    for (let i = 0; i < 30; i++) a.db.write(review(`a${i}`, NOV_2026 + i));
    a.db.write(register('deckMeta:d1', { title: 'Mine' }, 3));
    ba.wake();
    await settle(server, ba, bb);
    expect(b.db.sorted()).toEqual(a.db.sorted());
    expect(b.db.outbox).toEqual([]); // remote rows write no outbox entries
    expect(b.db.applyCalls.length).toBeLessThan(31);
  });

  it('repairs a lost outbox: a local row missing in Yjs is written at the next start', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    let bridge = a.start();
    await settle(server, bridge);
    a.db.write(review('first', NOV_2026));
    bridge.wake();
    await settle(server, bridge);
    await bridge.stop();
    a.db.writeWithoutOutbox(review('lost', NOV_2026 + 1));
    bridge = a.start();
    await settle(server, bridge);
    expect(serverRows(server, 'reviews/2026-11')).toEqual(['r:first', 'r:lost']);
  });

  it('pushes everything again when storage asks for it (a backup restored while syncing), then clears the flag', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    const bridge = a.start();
    await settle(server, bridge);
    // The restore writes rows without outbox entries and raises the flag.
    a.db.writeWithoutOutbox(review('restored', Date.UTC(2025, 2, 3)));
    a.db.needsFull = true;
    bridge.wake();
    await settle(server, bridge);
    expect(serverRows(server, 'reviews/2025-03')).toEqual(['r:restored']);
    expect(a.db.needsFull).toBe(false);
  });

  it('opens a month only when the index says this device lacks rows there, or it has rows to push', async () => {
    const JUN_2026 = Date.UTC(2026, 5, 10);
    const server = new MemoryServer();
    const a = device(server, 'A');
    const b = device(server, 'B');
    a.db.writeWithoutOutbox(review('nov', JUN_2026));
    const ba = a.start();
    await settle(server, ba);
    // B already has November's review (from a backup, say) and reported it.
    b.db.writeWithoutOutbox(review('nov', JUN_2026));
    const bb = b.start();
    await settle(server, ba, bb);
    await bb.stop();
    await ba.stop();
    const opened = (d: MemoryDevice) => [...d.connections].map((c) => c.name.split('/').slice(1).join('/')).sort();

    const b2 = b.start();
    await settle(server, b2);
    expect(opened(b.net)).not.toContain('reviews/2026-06');
    b.db.write(review('dec'));
    b2.wake();
    await settle(server, b2);
    expect(opened(b.net)).toContain('reviews/2026-12');

    const a2 = a.start();
    await settle(server, a2, b2);
    // B wrote December; A's own entry for it is missing, so A opens it and receives the row.
    expect(a.db.rows.has('review:dec')).toBe(true);
  });

  it('closes old months and card shards once pushed, and opens one again when another device adds to it', async () => {
    const MAR_2025 = Date.UTC(2025, 2, 3);
    const server = new MemoryServer();
    const a = device(server, 'A');
    a.db.writeWithoutOutbox(review('old', MAR_2025));
    a.db.writeWithoutOutbox(review('now', DEC_2026));
    a.db.writeWithoutOutbox(register('deck:imp', { title: 'Imported' }, 1));
    a.db.writeWithoutOutbox(register('card:c9', { id: 'c9', deckId: 'imp', front: 'Q', back: 'A' }, 1));
    const ba = a.start();
    await settle(server, ba);
    expect(serverRows(server, 'reviews/2025-03')).toEqual(['r:old']);
    const opened = () => [...a.net.connections].map((c) => c.name.split('/').slice(1).join('/')).sort();
    expect(opened()).toEqual(['index', 'registers', 'reviews/2026-12']);

    // B voids A's old review: March's document is opened again on A, which receives the void.
    const b = device(server, 'B');
    const bb = b.start();
    await settle(server, ba, bb);
    b.db.write(voidOf(review('old', MAR_2025)));
    bb.wake();
    await settle(server, ba, bb);
    expect(a.db.rows.has('void:old')).toBe(true);
    expect(opened()).not.toContain('reviews/2025-03');
  });

  it('notices a register overwritten in a document it closed (same number of rows, newer value)', async () => {
    const { server, a, b, ba, bb } = await twoDevices();
    a.db.write(register('deck:imp', { title: 'Imported' }, 1));
    a.db.write(register('card:c9', { id: 'c9', deckId: 'imp', front: 'Q', back: 'first' }, 1));
    ba.wake();
    await settle(server, ba, bb);
    expect((b.db.rows.get('register:card:c9') as { value: { back: string } }).value.back).toBe('first');
    b.db.write(register('card:c9', { id: 'c9', deckId: 'imp', front: 'Q', back: 'second' }, 2, 'B'));
    bb.wake();
    await settle(server, ba, bb);
    expect((a.db.rows.get('register:card:c9') as { value: { back: string } }).value.back).toBe('second');
  });

  it('two devices writing into the same old month at once each receive the other’s rows, though both close it', async () => {
    const MAR_2025 = Date.UTC(2025, 2, 3);
    for (let round = 0; round < 4; round++) {
      const server = new MemoryServer(2);
      const a = device(server, 'A');
      const b = device(server, 'B');
      const ba = a.start();
      const bb = b.start();
      await settle(server, ba, bb);
      a.db.write(review('from-a', MAR_2025));
      b.db.write(review('from-b', MAR_2025 + 1));
      ba.wake();
      bb.wake();
      await settle(server, ba, bb);
      expect([...a.db.rows.keys()].sort()).toEqual(['review:from-a', 'review:from-b']);
      expect([...b.db.rows.keys()].sort()).toEqual(['review:from-a', 'review:from-b']);
      await ba.stop();
      await bb.stop();
    }
  });

  it('a new device takes in the imported cards before the answers about them', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    a.db.writeWithoutOutbox(register('deck:imp', { title: 'Imported' }, 1));
    for (let i = 0; i < 20; i++) {
      a.db.writeWithoutOutbox(register(`card:c${i}`, { id: `c${i}`, deckId: 'imp', front: `Q${i}`, back: 'A' }, 1));
      a.db.writeWithoutOutbox(review(`r${i}`, Date.UTC(2025, i % 12, 3), `c${i}`));
    }
    const ba = a.start();
    await settle(server, ba);
    const b = device(server, 'B');
    const bb = b.start();
    await settle(server, ba, bb);
    expect(b.db.sorted()).toEqual(a.db.sorted());
    const kinds = b.db.applyKinds.flat();
    expect(kinds.lastIndexOf('card')).toBeLessThan(kinds.indexOf('review'));
  });

  it('runs in one tab of a device at a time; another tab shows its status and takes over when it stops', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    const tabs = new MemoryTabs();
    const first = startSync({ db: a.db, store: fakeStore, connect: a.net.connect, remoteBatchMs: 1, now: () => DEC_2026, tabLock: tabs.tab() });
    handles.push(first);
    await settle(server, first);
    const opened = a.net.connections.size;
    const secondNet = server.device();
    const second = startSync({ db: a.db, store: fakeStore, connect: secondNet.connect, remoteBatchMs: 1, now: () => DEC_2026, tabLock: tabs.tab() });
    handles.push(second);
    await settle(server, first, second);
    expect(secondNet.connections.size).toBe(0);
    expect(second.status.getSnapshot().state).toBe('synced');

    a.net.setOnline(false);
    await settle(server, first, second);
    expect(second.status.getSnapshot().state).toBe('offline');
    expect(a.net.connections.size).toBe(opened);

    await first.stop();
    a.db.write(review('after-takeover'));
    await settle(server, second);
    expect(secondNet.connections.size).toBeGreaterThan(0);
    expect(serverRows(server, 'reviews/2026-12')).toEqual(['r:after-takeover']);
    expect(second.status.getSnapshot().state).toBe('synced');
  });

  it('writes big scopes in chunks of rows per transaction', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    for (let i = 0; i < 450; i++) a.db.writeWithoutOutbox(review(`r${i}`, NOV_2026 + i));
    const net = a.net;
    const handle = startSync({ db: a.db, store: fakeStore, connect: net.connect, chunkRows: 100, remoteBatchMs: 1 });
    handles.push(handle);
    await server.quiet();
    const conn = () => [...net.connections].find((c) => c.name.endsWith('reviews/2026-11'));
    // Count the updates the month's document sent.
    let updates = 0;
    const watch = setInterval(() => {
      const c = conn();
      if (c && !(c as unknown as { counted?: boolean }).counted) {
        (c as unknown as { counted?: boolean }).counted = true;
        c.doc.on('update', () => updates++);
      }
    }, 0);
    await settle(server, handle);
    clearInterval(watch);
    expect(serverRows(server, 'reviews/2026-11')).toHaveLength(450);
    expect(updates).toBe(5);
  });

  it('settles a register written on two devices to the greater stamp on both, whatever Yjs picked', async () => {
    for (const [aWall, bWall] of [[10, 20], [20, 10]] as const) {
      const { server, a, b, ba, bb } = await twoDevices();
      await offlineThenMeet(server, [a, b], [ba, bb], () => {
        a.db.write(register('setting:scheduler', { from: 'A' }, aWall, 'A'));
        b.db.write(register('setting:scheduler', { from: 'B' }, bWall, 'B'));
      });
      const winner = aWall > bWall ? 'A' : 'B';
      expect((a.db.rows.get('register:setting:scheduler') as { value: unknown }).value).toEqual({ from: winner });
      expect((b.db.rows.get('register:setting:scheduler') as { value: unknown }).value).toEqual({ from: winner });
      const serverValue = rowsMap(server.docs.get(docName(CONFIG.collection, 'registers'))!).get('setting:scheduler');
      expect(serverValue).toMatchObject({ value: { from: winner } });
      await ba.stop();
      await bb.stop();
    }
  });

  it('settles a register written at the same moment on two online devices to the greater stamp', async () => {
    for (const [aWall, bWall] of [[10, 20], [20, 10]] as const) {
      const { server, a, b, ba, bb } = await twoDevices();
      a.db.write(register('deckMeta:d1', { title: 'A' }, aWall, 'A'));
      b.db.write(register('deckMeta:d1', { title: 'B' }, bWall, 'B'));
      ba.wake();
      bb.wake();
      await settle(server, ba, bb);
      const winner = aWall > bWall ? 'A' : 'B';
      for (const db of [a.db, b.db]) expect((db.rows.get('register:deckMeta:d1') as { value: unknown }).value).toEqual({ title: winner });
      await ba.stop();
      await bb.stop();
    }
  });

  it('merges offline reviews and voids of two devices into the same rows', async () => {
    const { server, a, b, ba, bb } = await twoDevices();
    await offlineThenMeet(server, [a, b], [ba, bb], () => {
      const ra = review('ra', NOV_2026, 'c1', 'A');
      a.db.write(ra);
      a.db.write(voidOf(ra));
      b.db.write(review('rb', NOV_2026 + 5, 'c1', 'B'));
    });
    expect(a.db.sorted()).toEqual(b.db.sorted());
    expect([...a.db.rows.keys()].sort()).toEqual(['review:ra', 'review:rb', 'void:ra']);
  });

  it('is refused with a wrong code, receives nothing and stops', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    a.db.write(review('secret-review'));
    const ba = a.start();
    await settle(server, ba);
    const intruder = device(server, 'X', { ...CONFIG, secret: 'not-the-secret-0000000' });
    const bx = intruder.start();
    await settle(server, ba, bx);
    expect(bx.status.getSnapshot()).toMatchObject({ state: 'refused', refusal: 'wrong-code' });
    expect(intruder.db.rows.size).toBe(0);
    expect(intruder.net.connections.size).toBe(0);
  });

  it('says off and does nothing when sync is not set up', async () => {
    const server = new MemoryServer();
    const a = device(server, 'A');
    a.db.config = undefined;
    const ba = a.start();
    await settle(server, ba);
    expect(ba.status.getSnapshot().state).toBe('off');
    expect(a.net.connections.size).toBe(0);
  });
});
