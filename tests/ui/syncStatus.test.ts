// Settings → Sync: the state in words, and what the controller does with the bridge and storage.
import { describe, expect, test } from 'vitest';
import { relativeTime, statusWords, type SyncStatus } from '../../src/ui/settings/sync/status.ts';
import { SyncController, type SyncBackend } from '../../src/ui/settings/sync/controller.ts';
import { decodePairingCode, encodePairingCode, type PairingConfig } from '../../src/sync/pairingCode.ts';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const none = { reviews: 0, other: 0 };
const words = (status: SyncStatus) => statusWords(status, NOW);

describe('the state in words', () => {
  test('relative times', () => {
    expect(relativeTime(NOW - 10_000, NOW)).toBe('just now');
    expect(relativeTime(NOW - 70_000, NOW)).toBe('a minute ago');
    expect(relativeTime(NOW - 2 * 60_000, NOW)).toBe('2 minutes ago');
    expect(relativeTime(NOW - 59 * 60_000, NOW)).toBe('59 minutes ago');
    expect(relativeTime(NOW - 3 * 3600_000, NOW)).toBe('3 hours ago');
    expect(relativeTime(NOW - 30 * 3600_000, NOW)).toBe('yesterday');
    expect(relativeTime(NOW - 4 * 86400_000, NOW)).toBe('4 days ago');
    expect(relativeTime(Date.UTC(2026, 0, 15, 12), NOW)).toBe('on 15 January 2026');
    // A clock that went back a little is "just now", not a time in the future.
    expect(relativeTime(NOW + 5_000, NOW)).toBe('just now');
  });

  test('synced, sending, offline, connecting', () => {
    expect(words({ state: 'synced', lastSyncedAt: NOW - 2 * 60_000, waiting: none }).headline).toBe('Synced 2 minutes ago');
    expect(words({ state: 'synced', lastSyncedAt: NOW - 2 * 60_000, waiting: { reviews: 3, other: 0 } }).headline).toBe('Sending 3 reviews…');
    const offline = words({ state: 'offline', lastSyncedAt: NOW - 3 * 3600_000, waiting: { reviews: 14, other: 0 } });
    expect(offline.headline).toBe('14 reviews waiting — offline');
    expect(offline.detail).toContain('Last synced 3 hours ago.');
    expect(words({ state: 'offline', waiting: { reviews: 1, other: 0 } }).headline).toBe('1 review waiting — offline');
    expect(words({ state: 'offline', waiting: { reviews: 0, other: 2 } }).headline).toBe('2 changes waiting — offline');
    expect(words({ state: 'offline', waiting: { reviews: 2, other: 1 } }).headline).toBe('2 reviews and 1 other change waiting — offline');
    expect(words({ state: 'offline', waiting: none }).headline).toBe('Offline — nothing waiting');
    expect(words({ state: 'connecting', waiting: none }).headline).toBe('Connecting…');
    // Online, but the server does not answer.
    const unreachable = words({ state: 'offline', refusal: 'unreachable', waiting: { reviews: 2, other: 0 } });
    expect(unreachable.headline).toBe('2 reviews waiting — the server does not answer');
    expect(unreachable.detail).toMatch(/^Check that the sync server is running/);
    expect(words({ state: 'offline', refusal: 'unreachable', waiting: none }).headline).toBe('The server does not answer');
    expect(words({ state: 'error', message: 'The database is closed.', waiting: none }).detail).toMatch(/^The database is closed\. Your cards/);
  });

  test('each refusal in its own words, and none names an internal reason', () => {
    const refused = (refusal: SyncStatus['refusal']) => words({ state: 'refused', refusal, waiting: none });
    expect(refused('wrong-code').headline).toBe('The server refused this code');
    expect(refused('rate-limited').headline).toBe('Too many wrong codes: try again in a few minutes');
    expect(refused('collection-full').headline).toBe('The collection is full on the server');
    expect(refused('message-too-large').headline).toBe('A change was too large for the server');
    expect(refused('unreachable').headline).toBe('The server cannot be reached');
    for (const refusal of ['wrong-code', 'rate-limited', 'collection-full', 'message-too-large', 'unreachable'] as const) {
      const { headline, detail, tone } = refused(refusal);
      expect(tone).toBe('problem');
      expect(`${headline} ${detail}`).not.toContain(refusal);
    }
    expect(words({ state: 'refused', refusal: 'collection-full', waiting: { reviews: 4, other: 0 } }).detail).toContain('4 reviews are waiting to be sent.');
  });
});

function fakeBackend(saved?: PairingConfig) {
  const calls: string[] = [];
  let stored = saved;
  let listener: (() => void) | undefined;
  let status: SyncStatus = { state: 'connecting', waiting: none };
  const backend: SyncBackend = {
    async getConfig() { return stored; },
    async setConfig(config) { calls.push(config ? `set ${config.server}` : 'set none'); stored = config; },
    start(config) {
      calls.push(`start ${config.collection}`);
      return {
        status: { getSnapshot: () => status, subscribe: (l) => { listener = l; return () => { listener = undefined; }; } },
        stop() { calls.push('stop'); },
      };
    },
  };
  return { backend, calls, stored: () => stored, push(next: SyncStatus) { status = next; listener?.(); } };
}

describe('the controller', () => {
  test('a saved config starts the bridge once, however often load is called', async () => {
    const config: PairingConfig = { server: 'ws://127.0.0.1:1', collection: 'AAECAwQFBgcICQoLDA0ODw', secret: 'EBESExQVFhcYGRobHB0eHw' };
    const fake = fakeBackend(config);
    const controller = new SyncController(fake.backend);
    expect(controller.getSnapshot().state).toBe('off');
    await Promise.all([controller.load(), controller.load()]);
    expect(fake.calls).toEqual([`start ${config.collection}`]);
    let told = 0;
    controller.subscribe(() => told++);
    fake.push({ state: 'synced', lastSyncedAt: NOW, waiting: none });
    expect(told).toBe(1);
    expect(controller.getSnapshot().state).toBe('synced');
  });

  test('create: a wrong address is a sentence and saves nothing; a right one saves and starts', async () => {
    const fake = fakeBackend();
    const controller = new SyncController(fake.backend);
    await controller.load();
    expect(await controller.create('https://sync.example.com')).toEqual({ ok: false, message: "A sync server's address starts with wss:// rather than https://." });
    expect(fake.calls).toEqual([]);
    const created = await controller.create('wss://Sync.Example.com/');
    expect(created.ok).toBe(true);
    expect(fake.stored()?.server).toBe('wss://sync.example.com');
    expect(fake.calls).toEqual(['set wss://sync.example.com', `start ${fake.stored()!.collection}`]);
    // The code shown holds what was saved.
    expect(decodePairingCode(encodePairingCode(controller.current!))).toEqual({ ok: true, value: fake.stored() });
  });

  test('join: a typo is a sentence and saves nothing; leave stops, forgets the collection and says off', async () => {
    const fake = fakeBackend();
    const controller = new SyncController(fake.backend);
    await controller.load();
    const code = encodePairingCode({ server: 'ws://127.0.0.1:9', collection: 'AAECAwQFBgcICQoLDA0ODw', secret: 'EBESExQVFhcYGRobHB0eHw' });
    const typo = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    expect(await controller.join(typo)).toEqual({ ok: false, message: 'That code has a typo: check the letters.' });
    expect(fake.calls).toEqual([]);
    expect((await controller.join(code.toLowerCase())).ok).toBe(true);
    expect(fake.calls).toEqual(['set ws://127.0.0.1:9', 'start AAECAwQFBgcICQoLDA0ODw']);
    // Try again: the same collection, a new bridge, nothing saved.
    await controller.retry();
    expect(fake.calls.slice(2)).toEqual(['stop', 'start AAECAwQFBgcICQoLDA0ODw']);
    await controller.leave();
    expect(fake.calls.slice(4)).toEqual(['stop', 'set none']);
    expect(controller.current).toBeUndefined();
    expect(controller.getSnapshot().state).toBe('off');
    // The form offers the server again.
    expect(controller.lastServer).toBe('ws://127.0.0.1:9');
  });

  test('refresh follows a config another tab saved or removed', async () => {
    const fake = fakeBackend();
    const controller = new SyncController(fake.backend);
    await controller.load();
    const config: PairingConfig = { server: 'ws://127.0.0.1:9', collection: 'AAECAwQFBgcICQoLDA0ODw', secret: 'EBESExQVFhcYGRobHB0eHw' };
    await fake.backend.setConfig(config); // the other tab
    await controller.refresh();
    expect(controller.current).toEqual(config);
    await controller.refresh(); // nothing changed: the running bridge stays
    expect(fake.calls).toEqual(['set ws://127.0.0.1:9', 'start AAECAwQFBgcICQoLDA0ODw']);
    await fake.backend.setConfig(undefined);
    await controller.refresh();
    expect(controller.current).toBeUndefined();
    expect(fake.calls.slice(2)).toEqual(['set none', 'stop']);
    expect(controller.getSnapshot().state).toBe('off');
  });
});
