// The wrong-code slow-down, walked through time by hand (every method takes `now`).
import { describe, expect, it } from 'vitest';
import { NewCollectionLimiter } from '../../scripts/sync-server/newCollectionLimiter.ts';
import { WrongCodeLimiter } from '../../scripts/sync-server/wrongCodeLimiter.ts';

const limits = { limit: 5, windowMs: 60_000, firstBlockMs: 30_000, maxBlockMs: 3_600_000 };

let guesses = 0;

/** `count` different wrong codes from `address`, `stepMs` apart. */
function wrongCodes(limiter: WrongCodeLimiter, address: string, count: number, start: number, stepMs = 1000): boolean[] {
  return Array.from({ length: count }, (_, i) => limiter.recordWrongCode(address, start + i * stepMs, `guess-${++guesses}`));
}

describe('WrongCodeLimiter', () => {
  it('blocks an address on its fifth wrong code within a minute, for 30 s, and only that address', () => {
    const limiter = new WrongCodeLimiter(limits);
    expect(wrongCodes(limiter, '10.0.0.1', 5, 0)).toEqual([false, false, false, false, true]);
    expect(limiter.blockedFor('10.0.0.1', 4000)).toBe(30_000);
    expect(limiter.blockedFor('10.0.0.1', 33_999)).toBe(1);
    expect(limiter.blockedFor('10.0.0.1', 34_000)).toBe(0);
    expect(limiter.blockedFor('10.0.0.2', 4000)).toBe(0);
  });

  it('counts the same wrong code once: a device with a stale code opening many documents is not guessing', () => {
    const limiter = new WrongCodeLimiter(limits);
    const stale = Array.from({ length: 20 }, (_, i) => limiter.recordWrongCode('10.0.0.1', i * 100, 'the-old-code'));
    expect(stale).toEqual(Array(20).fill(false));
    expect(limiter.blockedFor('10.0.0.1', 2000)).toBe(0);
    // Four other guesses on top of it make five different ones: blocked.
    expect(wrongCodes(limiter, '10.0.0.1', 4, 2000)).toEqual([false, false, false, true]);
  });

  it('does not block wrong codes spread over more than a minute', () => {
    const limiter = new WrongCodeLimiter(limits);
    expect(wrongCodes(limiter, 'a', 10, 0, 20_000)).toEqual(Array(10).fill(false));
  });

  it('doubles the block for each further burst, up to an hour, and forgives after a long quiet spell', () => {
    const limiter = new WrongCodeLimiter(limits);
    let now = 0;
    const blocks: number[] = [];
    for (let burst = 0; burst < 9; burst++) {
      wrongCodes(limiter, 'a', 5, now);
      now += 4000;
      blocks.push(limiter.blockedFor('a', now));
      now += limiter.blockedFor('a', now);
    }
    expect(blocks).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600].map((s) => s * 1000));
    now += 3_600_001;
    wrongCodes(limiter, 'a', 5, now);
    expect(limiter.blockedFor('a', now + 4000)).toBe(30_000);
  });

  it('forgets addresses with nothing left to remember', () => {
    const limiter = new WrongCodeLimiter(limits);
    wrongCodes(limiter, 'a', 1, 0);
    wrongCodes(limiter, 'b', 5, 0);
    limiter.prune(61_000);
    expect(limiter.size).toBe(1); // b's escalation is kept for an hour after its block
    limiter.prune(34_000 + 3_600_001);
    expect(limiter.size).toBe(0);
  });
});

describe('NewCollectionLimiter', () => {
  it('allows so many new collections per address within an hour, then again as the hour moves on', () => {
    const limiter = new NewCollectionLimiter(3);
    expect([0, 1, 2, 3].map((i) => limiter.tryCreate('a', i * 60_000))).toEqual([true, true, true, false]);
    expect(limiter.tryCreate('b', 200_000)).toBe(true);
    expect(limiter.tryCreate('a', 3_600_000)).toBe(true); // the first one is an hour old
    expect(limiter.tryCreate('a', 3_600_001)).toBe(false);
  });
});
