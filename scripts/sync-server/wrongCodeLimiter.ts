// Slows down guessing: too many wrong codes from one address within a minute and that address is refused
// (`rate-limited`) for a while, the right code included; each further block doubles, up to an hour.
// Only different wrong codes count: a device with a stale code that opens five documents, or reconnects,
// repeats one code and is not guessing, and must not lock out the other devices behind the same address.
// Pure: every method takes `now`, so the tests walk through time without waiting.

export interface WrongCodeLimits {
  /** Wrong codes within `windowMs` that start a block. */
  limit: number;
  windowMs: number;
  /** Length of the first block; the next one after another burst is twice as long. */
  firstBlockMs: number;
  maxBlockMs: number;
}

interface AddressRecord {
  failures: { at: number; guess: string }[];
  blockedUntil: number;
  lastBlockMs: number;
}

export class WrongCodeLimiter {
  private readonly records = new Map<string, AddressRecord>();

  constructor(private readonly limits: WrongCodeLimits) {}

  /** Milliseconds this address must still wait, or 0 when it may try a code. */
  blockedFor(address: string, now: number): number {
    const record = this.records.get(address);
    return record && record.blockedUntil > now ? record.blockedUntil - now : 0;
  }

  /**
   * Counts one wrong code; `guess` names it (a keyed hash of collection and code, never the code), so the
   * same wrong code again within the window does not count twice. Returns true when it started a block.
   */
  recordWrongCode(address: string, now: number, guess: string): boolean {
    const record = this.records.get(address) ?? { failures: [], blockedUntil: 0, lastBlockMs: 0 };
    this.records.set(address, record);
    // A long quiet spell after the last block forgives the escalation.
    if (record.lastBlockMs > 0 && now - record.blockedUntil > this.limits.maxBlockMs) record.lastBlockMs = 0;
    record.failures = record.failures.filter((failure) => now - failure.at < this.limits.windowMs);
    const again = record.failures.find((failure) => failure.guess === guess);
    if (again) {
      again.at = now;
      return false;
    }
    record.failures.push({ at: now, guess });
    if (record.failures.length < this.limits.limit) return false;
    const blockMs = record.lastBlockMs === 0
      ? this.limits.firstBlockMs
      : Math.min(record.lastBlockMs * 2, this.limits.maxBlockMs);
    record.lastBlockMs = blockMs;
    record.blockedUntil = now + blockMs;
    record.failures = [];
    return true;
  }

  /** Drops addresses with nothing left to remember, so the map does not grow without bound. */
  prune(now: number): void {
    for (const [address, record] of this.records) {
      const recent = record.failures.some((failure) => now - failure.at < this.limits.windowMs);
      const escalationKept = record.lastBlockMs > 0 && now - record.blockedUntil <= this.limits.maxBlockMs;
      if (!recent && record.blockedUntil <= now && !escalationKept) this.records.delete(address);
    }
  }

  get size(): number {
    return this.records.size;
  }
}
