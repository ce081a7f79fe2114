// Collections are created by their first code, with no account: this bounds how many one address may
// create within an hour, so nobody fills the server's disk with empty collections. A person pairs a
// handful of devices to one collection; the default of 20 an hour is far above that.
// Pure: every method takes `now`.

export class NewCollectionLimiter {
  private readonly created = new Map<string, number[]>();

  constructor(private readonly limitPerHour: number, private readonly windowMs = 3_600_000) {}

  /** True (and counted) when `address` may create one more collection now. */
  tryCreate(address: string, now: number): boolean {
    const recent = (this.created.get(address) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limitPerHour) {
      this.created.set(address, recent);
      return false;
    }
    recent.push(now);
    this.created.set(address, recent);
    return true;
  }

  /** Drops addresses with nothing in the window. */
  prune(now: number): void {
    for (const [address, times] of this.created) {
      if (!times.some((at) => now - at < this.windowMs)) this.created.delete(address);
    }
  }
}
