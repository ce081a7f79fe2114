import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserTriggers, debounced } from '../../src/sync/triggers.ts';
import { waitFor } from '../server/serverProcess.ts';
import { openTestDb } from '../storage/helpers.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('bridge triggers', () => {
  it('wakes once after a burst of calls, debounced', () => {
    vi.useFakeTimers();
    const wake = vi.fn();
    const soon = debounced(wake, 300);
    for (let i = 0; i < 5; i++) {
      soon.call();
      vi.advanceTimersByTime(100);
    }
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(wake).toHaveBeenCalledTimes(1);
    soon.call();
    soon.cancel();
    vi.advanceTimersByTime(1000);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('wakes after a write to the database, and no more once unsubscribed', async () => {
    const db = await openTestDb();
    let wakes = 0;
    const stop = browserTriggers(db, 5)(() => wakes++);
    await db.settings.put({ key: 'x', value: 1 });
    await waitFor(() => wakes === 1, 'a wake after the write');
    stop();
    await db.settings.put({ key: 'x', value: 2 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(wakes).toBe(1);
    db.close();
  });
});
