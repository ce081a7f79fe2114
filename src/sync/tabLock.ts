// One bridge per device, however many tabs are open: two bridges of one device would race on
// the device's own index entries and write counters. The tab holding the Web Lock runs the
// bridge; the others wait for the lock and show the status it broadcasts.

import type { SyncStatus } from './status.ts';

/** Who runs the bridge among the tabs of one device. */
export interface TabLock {
  /** Resolves once this tab holds the lock (never, if `abort` comes first). */
  acquire(): Promise<void>;
  /** Gives the lock up (or stops waiting for it). */
  release(): void;
  /** The lock holder's status, for the other tabs. */
  publish(status: SyncStatus): void;
  /** Calls `listener` with the lock holder's status; returns the unsubscribe. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
}

type Message = { type: 'status'; status: SyncStatus } | { type: 'ask' };

/** The browser's: `navigator.locks` and a BroadcastChannel; undefined where either is missing. */
export function browserTabLock(name = 'rehearse-sync'): TabLock | undefined {
  if (typeof navigator === 'undefined' || !navigator.locks || typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(name);
  const abort = new AbortController();
  let held = false;
  let last: SyncStatus | undefined;
  let unlock: () => void = () => {};
  channel.addEventListener('message', (event: MessageEvent<Message>) => {
    // A tab that just opened asks what the holder knows.
    if (event.data?.type === 'ask' && held && last) channel.postMessage({ type: 'status', status: last } satisfies Message);
  });
  return {
    acquire: () =>
      new Promise<void>((resolve) => {
        navigator.locks
          .request(name, { signal: abort.signal }, () => {
            held = true;
            resolve();
            return new Promise<void>((release) => (unlock = release));
          })
          // Aborted while waiting: this tab stopped before its turn came.
          .catch((e: unknown) => {
            if (!(e instanceof DOMException && e.name === 'AbortError')) throw e;
          });
      }),
    release() {
      abort.abort();
      unlock();
      held = false;
      channel.close();
    },
    publish(status) {
      last = status;
      channel.postMessage({ type: 'status', status } satisfies Message);
    },
    onStatus(listener) {
      const handler = (event: MessageEvent<Message>) => {
        if (event.data?.type === 'status') listener(event.data.status);
      };
      channel.addEventListener('message', handler);
      channel.postMessage({ type: 'ask' } satisfies Message);
      return () => channel.removeEventListener('message', handler);
    },
  };
}
