// Who else is in the document (y-protocols awareness: names, cursors). Relayed, never stored.
// Updates are decoded completely before any of it is applied, a connection speaks only for
// the awareness ids it introduced, and its ids are removed when it leaves.
import * as awarenessProtocol from 'y-protocols/awareness';
import { serverDoc } from '../storage/serverDoc';
import { decodeAwarenessUpdate, encodeAwarenessEntries } from './awarenessUpdate';
import type { Connection } from './connection';
import { encodeAwareness } from './protocol';

export class Presence {
  // Awareness needs a doc only for its own client id; a private one keeps presence independent
  // of the room's document, which a rebuild replaces.
  private readonly awareness = new awarenessProtocol.Awareness(serverDoc('presence'));

  constructor(private readonly connections: ReadonlySet<Connection>) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.relay);
  }

  /** Throws ProtocolError for a malformed update, before anything is applied. */
  apply(from: Connection, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    const taken = new Set<number>();
    for (const other of this.connections)
      if (other !== from) for (const id of other.awarenessIds) taken.add(id);
    const own = entries.filter((entry) => !taken.has(entry.clientId));
    if (own.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), from);
  }

  /** Checks an update without applying it (read-only senders are dropped, but bad input is still bad). */
  check(update: Uint8Array): void {
    decodeAwarenessUpdate(update);
  }

  leave(connection: Connection): void {
    if (connection.awarenessIds.size === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
  }

  sendAll(to: Connection): void {
    const states = this.awareness.getStates();
    if (states.size === 0) return;
    to.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private readonly relay = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const from = this.connections.has(origin as Connection) ? (origin as Connection) : null;
    if (from !== null) {
      for (const id of change.added) from.awarenessIds.add(id);
      for (const id of change.updated) from.awarenessIds.add(id);
      for (const id of change.removed) from.awarenessIds.delete(id);
    }
    const changed = change.added.concat(change.updated, change.removed);
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const connection of this.connections) if (connection !== from) connection.send(message);
  };
}
