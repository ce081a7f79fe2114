// The server's SQLite store on its own: appends, loads, compaction that keeps what another process wrote.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncStore } from '../../scripts/sync-server/store.ts';
import { tempDir } from './serverProcess.ts';

const COLLECTION = 'c'.repeat(22);
const NAME = `${COLLECTION}/reviews/2026-12`;
const opened: SyncStore[] = [];

function open(dir: string): SyncStore {
  const store = new SyncStore(dir);
  opened.push(store);
  return store;
}

afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

/** A document with some rows, and the update each `set` produced. */
function writer() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates, rows: doc.getMap('rows') };
}

function rowsOf(update: Uint8Array | null): Record<string, unknown> {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return doc.getMap('rows').toJSON();
}

describe('SyncStore', () => {
  it('has nothing for a document nobody wrote, and a collection is created once (the first hash stays)', () => {
    const store = open(tempDir('store-empty'));
    expect(store.load(NAME)).toBeNull();
    expect(store.collectionSecretHash(COLLECTION)).toBeUndefined();
    expect(store.createCollection(COLLECTION, 'scrypt$first')).toBe('scrypt$first');
    expect(store.createCollection(COLLECTION, 'scrypt$second')).toBe('scrypt$first');
  });

  it('an appended update is in the file when append returns (another connection reads it)', () => {
    const dir = tempDir('store-append');
    const store = open(dir);
    store.createCollection(COLLECTION, 'scrypt$x');
    const w = writer();
    w.rows.set('r:1', 'one');
    store.append(COLLECTION, NAME, w.updates[0]!);
    const other = open(dir);
    expect(rowsOf(other.load(NAME))).toEqual({ 'r:1': 'one' });
    expect(other.collectionBytes(COLLECTION)).toBe(w.updates[0]!.byteLength);
  });

  it('compaction keeps updates another process appended that this one never held, and counts bytes again', () => {
    const dir = tempDir('store-compact');
    const here = open(dir);
    const there = open(dir); // a second server process on the same folder
    here.createCollection(COLLECTION, 'scrypt$x');
    const mine = writer();
    const theirs = writer();
    mine.rows.set('r:mine', 1);
    theirs.rows.set('r:theirs', 2);
    here.append(COLLECTION, NAME, mine.updates[0]!);
    there.append(COLLECTION, NAME, theirs.updates[0]!);

    here.compact(COLLECTION, NAME, Y.encodeStateAsUpdate(mine.doc));

    expect(here.pendingUpdates(NAME)).toBe(0);
    expect(rowsOf(there.load(NAME))).toEqual({ 'r:mine': 1, 'r:theirs': 2 });
    expect(here.collectionBytes(COLLECTION)).toBe(there.load(NAME)!.byteLength);

    theirs.rows.set('r:after', 3);
    there.append(COLLECTION, NAME, theirs.updates[1]!);
    expect(rowsOf(here.load(NAME))).toEqual({ 'r:mine': 1, 'r:theirs': 2, 'r:after': 3 });
    expect(here.pendingUpdates(NAME)).toBe(1);
  });
});
