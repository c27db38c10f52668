// A room's updates on their way to storage, and what must wait until they are stored: nothing
// a client is sent (an answer to its sync request included) may contain an update not yet stored.
import type { Connection } from './connection';

export interface Unsaved {
  readonly update: Uint8Array;
  readonly origin: Connection;
}

export class UnsavedUpdates {
  private readonly entries: Unsaved[] = [];
  private waiting: Array<() => void> = [];

  get size(): number {
    return this.entries.length;
  }

  updates(): Uint8Array[] {
    return this.entries.map((entry) => entry.update);
  }

  add(update: Uint8Array, origin: Connection): Unsaved {
    const entry = { update, origin };
    this.entries.push(entry);
    return entry;
  }

  stored(entry: Unsaved): void {
    const index = this.entries.indexOf(entry);
    if (index >= 0) this.entries.splice(index, 1);
  }

  /** Runs the action now if nothing is unsaved and the document is usable, else once that is so. */
  whenStored(action: () => void, usable: boolean): void {
    if (usable && this.entries.length === 0) action();
    else this.waiting.push(action);
  }

  /** Runs the waiting actions if nothing is unsaved now (or regardless, when `force`d). */
  release(usable: boolean, force = false): void {
    if (!force && (!usable || this.entries.length > 0)) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const action of waiting) action();
  }
}
