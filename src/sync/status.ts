// The sync status the UI shows ("Synced 2 minutes ago", "14 reviews waiting — offline"), as a
// tiny external store: `subscribe` + `getSnapshot` for React's useSyncExternalStore.

import type { Refusal } from './connection.ts';

export interface SyncStatus {
  state: 'off' | 'connecting' | 'synced' | 'offline' | 'refused' | 'error';
  /** When every local change was last known to be on the server (epoch ms). */
  lastSyncedAt?: number;
  /** Local changes not yet acknowledged by the server. */
  waiting: { reviews: number; other: number };
  /** With `refused`: why. With `offline`: `unreachable` when the network is up but the server does not answer. */
  refusal?: Refusal;
  /** With `error`: what went wrong, in words. */
  message?: string;
}

export interface SyncStatusStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): SyncStatus;
}

export const OFF: SyncStatus = { state: 'off', waiting: { reviews: 0, other: 0 } };

/** A status store and its setter (the bridge keeps the setter). */
export function createStatusStore(initial: SyncStatus = OFF): SyncStatusStore & { set(next: Partial<SyncStatus>): void } {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => current,
    set(next) {
      const merged: SyncStatus = { ...current, ...next };
      if ((next.state !== undefined && !('refusal' in next)) || (merged.state !== 'refused' && merged.state !== 'offline')) delete merged.refusal;
      if (merged.state !== 'error') delete merged.message;
      if (sameStatus(merged, current)) return;
      current = merged;
      for (const listener of [...listeners]) listener();
    },
  };
}

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return (
    a.state === b.state &&
    a.lastSyncedAt === b.lastSyncedAt &&
    a.refusal === b.refusal &&
    a.message === b.message &&
    a.waiting.reviews === b.waiting.reviews &&
    a.waiting.other === b.waiting.other
  );
}
