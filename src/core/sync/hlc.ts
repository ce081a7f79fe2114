// A hybrid logical clock: stamps that follow wall time, never go backwards on one device, and
// order every write of every device the same way (ties broken by the device id). A register's
// value is the one with the greatest stamp, so two devices that saw the same writes agree.
// After Actual's packages/crdt/src/crdt/timestamp.ts, written as sortable strings.

/** A stamp: `wall` ms, a `counter` for writes within one ms, the writing `device`. */
export interface Hlc {
  wall: number;
  counter: number;
  device: string;
}

const WALL_WIDTH = 11; // base 36, enough for epoch ms until the year 5000
const COUNTER_WIDTH = 5;

/** The stamp as a string whose plain string order is the clock's order. */
export function formatHlc(stamp: Hlc): string {
  return `${stamp.wall.toString(36).padStart(WALL_WIDTH, '0')}-${stamp.counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${stamp.device}`;
}

/** Reads a stamp written by `formatHlc`; undefined for anything else. */
export function parseHlc(text: string): Hlc | undefined {
  const match = /^([0-9a-z]{11})-([0-9a-z]{5})-(.+)$/.exec(text);
  if (!match) return undefined;
  return { wall: parseInt(match[1]!, 36), counter: parseInt(match[2]!, 36), device: match[3]! };
}

/** A device's clock: `tick(now)` stamps a local write, `observe(stamp)` takes in a remote one. */
export class HlcClock {
  private last: Hlc;
  constructor(readonly device: string, last?: string) {
    this.last = (last && parseHlc(last)) || { wall: 0, counter: 0, device };
  }

  /** A stamp for a write made here at `now`, greater than every stamp this clock has seen. */
  tick(now: number): string {
    const wall = Math.max(now, this.last.wall);
    const counter = wall === this.last.wall ? this.last.counter + 1 : 0;
    this.last = { wall, counter, device: this.device };
    return formatHlc(this.last);
  }

  /** Moves the clock past a stamp received from another device. */
  observe(stamp: string): void {
    const other = parseHlc(stamp);
    if (!other) return;
    if (other.wall > this.last.wall || (other.wall === this.last.wall && other.counter > this.last.counter)) {
      this.last = { wall: other.wall, counter: other.counter, device: this.device };
    }
  }

  /** The newest stamp, to persist. */
  get latest(): string {
    return formatHlc(this.last);
  }
}
