// What this teacher shares through awareness, sent as few times as it can be.
//
// y-protocols' Awareness sends the whole local state on every set, even an unchanged one, and
// y-websocket sends each at once: setting the user and the cursor one field at a time cost two
// messages for every keystroke and every cursor move. Here both go in one set, nothing is sent
// when nothing changed, and a cursor that keeps moving goes out at most once per window: the
// first move at once, the last one at the window's end. A colleague's view of a typing teacher's
// cursor does not wait for it: it is a relative position, which moves with the text she types.
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceState } from './presence';

/** A cursor moved by clicks or cursor keys goes out at most once per this window (ms). */
export const PRESENCE_WINDOW_MS = 500;

export class LocalPresence {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiting: PresenceState | undefined;

  constructor(
    private readonly awareness: Awareness,
    private readonly windowMs = PRESENCE_WINDOW_MS,
  ) {}

  /** Shares `state` (it replaces the local state): now, or at the end of the current window. */
  share(state: PresenceState): void {
    if (this.timer !== undefined) {
      this.waiting = state;
      return;
    }
    if (!this.send(state)) return;
    this.timer = setTimeout(this.windowEnded, this.windowMs);
  }

  /** Stops a pending send (the plan closed, or presence was turned off). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }

  private readonly windowEnded = (): void => {
    this.timer = undefined;
    const state = this.waiting;
    this.waiting = undefined;
    if (state !== undefined) this.share(state);
  };

  /** Sets the local state unless it already is `state`; returns whether anything was sent. */
  private send(state: PresenceState): boolean {
    if (sameJson(this.awareness.getLocalState(), state)) return false;
    this.awareness.setLocalState({ ...state });
    return true;
  }
}

/** Presence states are JSON (names, colours, relative positions as JSON): compared as such. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
