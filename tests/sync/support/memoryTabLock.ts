// The tabs of one device in a test: one lock, first come first served, and a status channel.
import type { SyncStatus } from '../../../src/sync/status.ts';
import type { TabLock } from '../../../src/sync/tabLock.ts';

export class MemoryTabs {
  private holder: object | undefined;
  private readonly queue: Array<{ tab: object; grant: () => void }> = [];
  private readonly listeners = new Set<{ tab: object; listener: (status: SyncStatus) => void }>();
  private last: SyncStatus | undefined;

  /** A tab's lock. */
  tab(): TabLock {
    const tab = {};
    return {
      acquire: () =>
        new Promise<void>((grant) => {
          if (!this.holder) {
            this.holder = tab;
            grant();
          } else this.queue.push({ tab, grant });
        }),
      release: () => {
        const waiting = this.queue.findIndex((entry) => entry.tab === tab);
        if (waiting >= 0) this.queue.splice(waiting, 1);
        if (this.holder !== tab) return;
        this.holder = undefined;
        const next = this.queue.shift();
        if (next) {
          this.holder = next.tab;
          next.grant();
        }
      },
      publish: (status) => {
        this.last = status;
        for (const entry of this.listeners) if (entry.tab !== tab) entry.listener(status);
      },
      onStatus: (listener) => {
        const entry = { tab, listener };
        this.listeners.add(entry);
        if (this.last && this.holder && this.holder !== tab) listener(this.last);
        return () => this.listeners.delete(entry);
      },
    };
  }
}
