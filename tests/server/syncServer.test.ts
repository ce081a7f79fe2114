// The sync server as a device sees it: a real server process on 127.0.0.1, HocuspocusProvider clients.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SyncStore } from '../../scripts/sync-server/store.ts';
import {
  acknowledged,
  attachClient,
  connectClient,
  newCollection,
  runServerToExit,
  startServer,
  tempDir,
  waitFor,
  type Client,
  type ServerProcess,
} from './serverProcess.ts';

const servers: ServerProcess[] = [];
const clients: Client[] = [];

async function server(args: string[]): Promise<ServerProcess> {
  const started = await startServer(args);
  servers.push(started);
  return started;
}

function client(url: string, name: string, token: string, doc?: Y.Doc): Client {
  const c = connectClient(url, name, token, doc);
  clients.push(c);
  return c;
}

afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
});

function rows(c: Client): Y.Map<unknown> {
  return c.doc.getMap('rows');
}

describe('starting the sync server', () => {
  it('prints one listening line on stdout and answers GET /health with 200 ok', async () => {
    const s = await server(['--data', tempDir('health')]);
    expect(s.stdout()).toBe(`Rehearse sync server listening on ${s.url}\n`);
    const response = await fetch(`http://127.0.0.1:${s.port}/health`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('listens on --host only, not on every interface (Hocuspocus 3.4 would)', async () => {
    const s = await server(['--data', tempDir('host')]);
    const other = Object.values(networkInterfaces()).flat().find((i) => i && i.address !== '127.0.0.1' && !i.address.startsWith('fe80'));
    expect(other, 'this machine has an address besides 127.0.0.1').toBeDefined();
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: other!.address, port: s.port });
      socket.once('connect', () => { socket.destroy(); resolve('connected'); });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });

  it('refuses an unknown flag or a bad value with one sentence and exit code 2', async () => {
    const unknown = await runServerToExit(['--prot', '1234']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('sync-server: Unknown option --prot.');

    const badPort = await runServerToExit(['--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number from 0 to 65535, not "eighty".');
  });

  it('refuses a port in use with one sentence and exit code 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const inUse = await runServerToExit(['--host', '127.0.0.1', '--port', String(port), '--data', tempDir('inuse')]);
      expect(inUse.code).toBe(2);
      expect(inUse.stderr).toBe(`sync-server: Cannot listen: port ${port} on 127.0.0.1 is already in use.\n`);
      expect(inUse.stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('refuses a data folder it cannot write with one sentence and exit code 2', async () => {
    const file = join(tempDir('notdir'), 'a-file');
    writeFileSync(file, 'not a folder');
    const unwritable = await runServerToExit(['--port', '0', '--data', join(file, 'data')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toBe(`sync-server: Cannot write to the data folder ${join(file, 'data')}: part of its path is a file, not a folder.\n`);
  });

  it('leaves a data folder alone that holds something else under its file name, or a newer schema', async () => {
    const foreign = tempDir('foreign');
    writeFileSync(join(foreign, 'rehearse-sync.sqlite'), 'my shopping list\n');
    const refused = await runServerToExit(['--port', '0', '--data', foreign]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`sync-server: ${join(foreign, 'rehearse-sync.sqlite')} is not a SQLite database; move it away or choose another --data folder.\n`);
    expect(readFileSync(join(foreign, 'rehearse-sync.sqlite'), 'utf8')).toBe('my shopping list\n');

    const newer = tempDir('newer');
    new SyncStore(newer).close();
    const db = new Database(join(newer, 'rehearse-sync.sqlite'));
    db.pragma('user_version = 7');
    db.close();
    const tooNew = await runServerToExit(['--port', '0', '--data', newer]);
    expect(tooNew.code).toBe(2);
    expect(tooNew.stderr).toContain('was written by a newer version of the sync server (schema 7)');
  });

  it('stops by itself when the process that started it goes away (its stdin closes)', async () => {
    const s = await server(['--data', tempDir('stdin')]);
    s.child.stdin!.end();
    expect(await s.exited).toEqual({ code: 0, signal: null });
  });
});

describe('codes and collections', () => {
  it('creates a collection on its first code, opens it again with that code and refuses another with wrong-code', async () => {
    const s = await server(['--data', tempDir('codes')]);
    const { id, secret } = newCollection();
    const first = client(s.url, `${id}/registers`, secret);
    rows(first).set('settings', 'dark');
    await acknowledged(first, 'the first write');

    const again = client(s.url, `${id}/registers`, secret);
    await waitFor(() => rows(again).get('settings') === 'dark', 'the same code to read the collection');

    const wrong = client(s.url, `${id}/registers`, `${secret}x`);
    await waitFor(() => wrong.authFailures.length > 0, 'the wrong code to be refused');
    expect(wrong.authFailures).toEqual(['wrong-code']);
    expect(wrong.authenticated).toBe(false);
    expect(rows(wrong).size).toBe(0);
  });

  it("never lets one collection's code open another collection's documents", async () => {
    const s = await server(['--data', tempDir('isolation')]);
    const a = newCollection();
    const b = newCollection();
    const ownerB = client(s.url, `${b.id}/reviews/2026-12`, b.secret);
    rows(ownerB).set('r:1', 'B only');
    await acknowledged(ownerB, "B's write");

    const intruder = client(s.url, `${a.id}/index`, a.secret);
    await waitFor(() => intruder.authenticated, "A's own document to open");
    // The same socket asks for B's document with A's (valid) code.
    const cross = attachClient(intruder.socket, `${b.id}/reviews/2026-12`, a.secret);
    await waitFor(() => cross.authFailures.length > 0, "A's code on B's document to be refused");
    expect(cross.authFailures).toEqual(['wrong-code']);
    expect(rows(cross).size).toBe(0);
    // A's own document on that socket goes on working.
    rows(intruder).set('still', 'works');
    await acknowledged(intruder, "A's write after the refusal");
    // And a collection id that is not one (too short) is refused before any code is checked.
    const malformed = attachClient(intruder.socket, 'short/index', a.secret);
    await waitFor(() => malformed.authFailures.length > 0, 'a malformed document name to be refused');
    expect(malformed.authFailures).toEqual(['bad-document-name']);
  });

  it('does not lock out an address for one stale code opening many documents (it is not guessing)', async () => {
    const s = await server(['--data', tempDir('stale'), '--wrong-code-limit', '3']);
    const { id, secret } = newCollection();
    const owner = client(s.url, `${id}/index`, secret);
    await waitFor(() => owner.authenticated, 'the collection to be created');

    const stale = client(s.url, `${id}/index`, 'the-code-before-it-changed');
    const documents = [stale, ...['registers', 'reviews/2026-10', 'reviews/2026-11', 'reviews/2026-12', 'cards/d/0']
      .map((sub) => attachClient(stale.socket, `${id}/${sub}`, 'the-code-before-it-changed'))];
    await waitFor(() => documents.every((d) => d.authFailures.length > 0), 'the six documents to be refused');
    expect(documents.map((d) => d.authFailures[0])).toEqual(Array(6).fill('wrong-code'));

    const right = client(s.url, `${id}/registers`, secret);
    await waitFor(() => right.authenticated || right.authFailures.length > 0, 'the right code to be answered');
    expect(right.authFailures).toEqual([]);
  });

  it('lets one address create only --new-collections-per-hour collections (rate-limited after), and open them all', async () => {
    const s = await server(['--data', tempDir('newcollections'), '--new-collections-per-hour', '2']);
    const made = [newCollection(), newCollection()];
    for (const c of made) {
      const device = client(s.url, `${c.id}/index`, c.secret);
      await waitFor(() => device.authenticated, 'a collection to be created');
    }
    const third = newCollection();
    const refused = client(s.url, `${third.id}/index`, third.secret);
    await waitFor(() => refused.authFailures.length > 0, 'a third new collection to be refused');
    expect(refused.authFailures).toEqual(['rate-limited']);
    const existing = client(s.url, `${made[0]!.id}/registers`, made[0]!.secret);
    await waitFor(() => existing.authenticated || existing.authFailures.length > 0, 'an existing collection to answer');
    expect(existing.authFailures).toEqual([]);
  });

  it('refuses every code from an address after repeated wrong ones (rate-limited), and the right code works once the block ends', async () => {
    const s = await server(['--data', tempDir('ratelimit'), '--wrong-code-limit', '3', '--wrong-code-block-seconds', '1']);
    const { id, secret } = newCollection();
    const owner = client(s.url, `${id}/index`, secret);
    await waitFor(() => owner.authenticated, 'the collection to be created');
    owner.destroy();

    const answers: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const guess = client(s.url, `${id}/index`, `guess-number-${attempt}-of-many`);
      await waitFor(() => guess.authFailures.length > 0, `wrong guess ${attempt}`);
      answers.push(...guess.authFailures);
      guess.destroy();
    }
    expect(answers).toEqual(['wrong-code', 'wrong-code', 'wrong-code']);

    const blocked = client(s.url, `${id}/index`, secret);
    await waitFor(() => blocked.authFailures.length > 0, 'the right code to be refused while blocked');
    expect(blocked.authFailures).toEqual(['rate-limited']);
    blocked.destroy();

    // Once the block is over (1 s here), the right code opens the collection again.
    let later: Client | undefined;
    await waitFor(() => {
      if (later?.authenticated) return true;
      if (!later || later.authFailures.length > 0) {
        later?.destroy();
        later = client(s.url, `${id}/index`, secret);
      }
      return false;
    }, 'the right code to work after the block', 15_000);
    expect(later!.authFailures).toEqual([]);
    expect(s.stderr()).toMatch(/blocking 127\.0\.0\.1 for 1 s after repeated wrong codes/);
  });
});

describe('durability', () => {
  it('loses nothing it acknowledged when killed with SIGKILL, and serves it again after a restart on the same folder', async () => {
    const data = tempDir('sigkill');
    const first = await server(['--data', data]);
    const { id, secret } = newCollection();
    const device = client(first.url, `${id}/reviews/2026-11`, secret);
    await waitFor(() => device.authenticated, 'the device to connect');
    for (let i = 0; i < 50; i++) rows(device).set(`r:${i}`, { grade: (i % 4) + 1 });
    await acknowledged(device, 'the 50 rows to be acknowledged');
    rows(device).set('r:last', { grade: 3 });
    await acknowledged(device, 'the last row to be acknowledged');

    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    device.destroy();

    const second = await server(['--data', data]);
    const fresh = client(second.url, `${id}/reviews/2026-11`, secret);
    await waitFor(() => fresh.provider.isSynced, 'the restarted server to sync');
    expect(rows(fresh).size).toBe(51);
    expect(rows(fresh).get('r:49')).toEqual({ grade: 2 });
    expect(rows(fresh).get('r:last')).toEqual({ grade: 3 });
  });

  it('stops on SIGTERM with exit code 0, leaving each document compacted into one state', async () => {
    const data = tempDir('sigterm');
    const s = await server(['--data', data]);
    const { id, secret } = newCollection();
    const device = client(s.url, `${id}/registers`, secret);
    await waitFor(() => device.authenticated, 'the device to connect');
    for (let i = 0; i < 10; i++) {
      rows(device).set(`k${i}`, i);
      await acknowledged(device, `write ${i}`);
    }
    expect(await s.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(s.stderr()).toMatch(/stopping \(SIGTERM\)/);

    const store = new SyncStore(data);
    try {
      expect(store.pendingUpdates(`${id}/registers`)).toBe(0);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, store.load(`${id}/registers`)!);
      expect(doc.getMap('rows').toJSON()).toEqual(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])));
    } finally {
      store.close();
    }
  });

  it('keeps the secret out of its data folder and its log lines', async () => {
    const data = tempDir('secret');
    const s = await server(['--data', data]);
    const { id, secret } = newCollection();
    const device = client(s.url, `${id}/registers`, secret);
    rows(device).set('k', 'v');
    await acknowledged(device, 'a write');
    const wrong = client(s.url, `${id}/registers`, 'a-wrong-secret-of-some-length');
    await waitFor(() => wrong.authFailures.length > 0, 'the wrong code to be refused');
    await s.stop('SIGTERM');

    for (const file of readdirSync(data)) {
      const bytes = readFileSync(join(data, file));
      expect(bytes.includes(Buffer.from(secret)), file).toBe(false);
      expect(bytes.includes(Buffer.from('a-wrong-secret-of-some-length')), file).toBe(false);
    }
    expect(s.stderr()).not.toContain(secret);
    expect(s.stderr()).not.toContain('a-wrong-secret');
    expect(s.stderr()).toMatch(/open #1 from 127\.0\.0\.1/);
    expect(s.stderr()).toMatch(/refused #\d+ from 127\.0\.0\.1 collection .{6}…: wrong-code/);
  });
});

describe('size caps', () => {
  it('closes a connection whose message is over --max-message-mb with message-too-large', async () => {
    const s = await server(['--data', tempDir('bigmessage'), '--max-message-mb', '0.05']);
    const { id, secret } = newCollection();
    const device = client(s.url, `${id}/registers`, secret);
    await waitFor(() => device.provider.isSynced, 'the device to sync');
    rows(device).set('small', 'fits');
    await acknowledged(device, 'a small write');
    rows(device).set('huge', 'x'.repeat(80_000));
    await waitFor(() => device.closes.length > 0, 'the server to close the connection');
    expect(device.closes[0]).toEqual({ code: 1009, reason: 'message-too-large' });
    device.destroy();

    const reader = client(s.url, `${id}/registers`, secret);
    await waitFor(() => reader.provider.isSynced, 'a second device to sync');
    expect(rows(reader).get('small')).toBe('fits');
    expect(rows(reader).has('huge')).toBe(false);
  });

  it('closes a socket that keeps sending for a document it never opened with its code (not-authenticated)', async () => {
    const s = await server(['--data', tempDir('unauth'), '--max-message-mb', '0.05']);
    const { id, secret } = newCollection();
    const owner = client(s.url, `${id}/registers`, secret);
    await waitFor(() => owner.authenticated, 'the collection to be created');
    // Raw Hocuspocus update messages for a document, with no authentication message at all.
    const socket = new WebSocket(s.url);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const message = () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, `${id}/registers`);
      encoding.writeVarUint(encoder, 0); // sync
      encoding.writeVarUint(encoder, 2); // update
      encoding.writeVarUint8Array(encoder, new Uint8Array(30_000));
      return encoding.toUint8Array(encoder);
    };
    for (let i = 0; i < 6 && socket.readyState === WebSocket.OPEN; i++) socket.send(message());
    expect(await closed).toEqual({ code: 1008, reason: 'not-authenticated' });
    // The device that did authenticate goes on working.
    rows(owner).set('after', 'still here');
    await acknowledged(owner, 'a write after the other socket was closed');
  });

  it('refuses updates to a collection over --max-collection-mb with collection-full and keeps what it had', async () => {
    const data = tempDir('fullcollection');
    const s = await server(['--data', data, '--max-collection-mb', '0.03']);
    const { id, secret } = newCollection();
    const device = client(s.url, `${id}/cards/deck/0`, secret);
    await waitFor(() => device.provider.isSynced, 'the device to sync');
    rows(device).set('first', 'a'.repeat(20_000));
    await acknowledged(device, 'the first 20 kB');
    rows(device).set('second', 'b'.repeat(20_000));
    await waitFor(() => device.closes.length > 0, 'the server to refuse the second 20 kB');
    expect(device.closes[0]).toEqual({ code: 1000, reason: 'collection-full' });
    device.destroy();

    // Another device still reads what the collection had; another document of it cannot grow either.
    const reader = client(s.url, `${id}/cards/deck/0`, secret);
    await waitFor(() => reader.provider.isSynced, 'a reader to sync');
    expect(rows(reader).get('first')).toBe('a'.repeat(20_000));
    expect(rows(reader).has('second')).toBe(false);
    const other = client(s.url, `${id}/cards/deck/1`, secret);
    await waitFor(() => other.provider.isSynced, 'another document to sync');
    rows(other).set('third', 'c'.repeat(20_000));
    await waitFor(() => other.closes.length > 0, 'the other document to be refused');
    expect(other.closes[0]!.reason).toBe('collection-full');
    // One log line per refusal, not an exception with a stack.
    expect(s.stderr().match(/refused #\d+ from 127\.0\.0\.1 collection .{6}…: collection-full/g)).toHaveLength(2);
    expect(s.stderr()).not.toContain('exception');
  });
});
