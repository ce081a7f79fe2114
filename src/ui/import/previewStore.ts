// The import screen's previews live here, outside the screen: following a link away from
// #/import (or pressing Back) unmounts the screen, and coming back must show each preview as it
// was — ticks, cut, name, refused takeovers, reads still under way. Kept for the page's life
// (a reload starts afresh: a picked File cannot be kept in storage without copying it).

/** A list the screen subscribes to with `useSyncExternalStore`. */
export class ListStore<T> {
  private items: T[] = [];
  private readonly listeners = new Set<() => void>();
  private nextKey = 1;

  readonly get = (): T[] => this.items;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces the list with `next(list)` and tells the subscribers. */
  update(next: (items: T[]) => T[]): void {
    const changed = next(this.items);
    if (changed === this.items) return;
    this.items = changed;
    for (const listener of this.listeners) listener();
  }

  /** A key no item of this store has had. */
  key(): number {
    return this.nextKey++;
  }
}
