// One document in memory with the connections that have it open. The room holds its Y.Doc
// rather than being one (unlike y-websocket-server's WSSharedDoc) so that when Yjs throws
// half-way through applying a bad update, the half-changed doc can be replaced by a fresh load
// from storage: the bad part was never stored nor broadcast, and other clients notice nothing.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { errorFields, type LogSink } from '../log';
import type { Metrics } from '../metrics';
import type { DocumentStorage } from '../storage/documentStorage';
import { applyRows } from '../storage/mergeRows';
import { decodeAwarenessUpdate, encodeAwarenessEntries } from './awarenessUpdate';
import { CloseCode } from './closeCodes';
import type { Connection } from './connection';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
  parseClientMessage,
} from './protocol';
import type { UpdateWriter } from './updateWriter';

export interface RoomDeps {
  readonly storage: DocumentStorage;
  readonly writer: UpdateWriter;
  readonly metrics: Metrics;
  readonly log: LogSink;
  /** Merge the log into a snapshot once it has this many rows. */
  readonly compactAfter: number;
  /** The first update a member stored into an empty document (plans remember their author). */
  readonly firstWrite: (room: Room, connection: Connection) => void;
  /** The last connection left; the registry decides when to unload. */
  readonly empty: (room: Room) => void;
}

export type State = 'loading' | 'ready' | 'failed' | 'unloaded';

interface Unsaved {
  readonly update: Uint8Array;
  readonly origin: Connection;
}

export class Room {
  readonly connections = new Set<Connection>();
  // Awareness needs a doc only for its own client id; giving it a private one keeps it alive
  // across a rebuild of the document.
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  private doc = new Y.Doc({ gc: true });
  private state: State = 'loading';
  private inbox: Array<[Connection, Uint8Array]> = [];
  private readonly unsaved: Unsaved[] = [];
  private waitingForSave: Array<() => void> = [];
  private captured: Uint8Array[] = [];
  private rows = 0;
  private compacting = false;
  private unloading: Promise<boolean> | null = null;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get status(): State {
    return this.state;
  }

  /** The document's content as stored plus what is being stored; for tests and diagnostics. */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Loads the document; on failure every connection is closed with 1011 and the room is unusable. */
  async load(): Promise<boolean> {
    try {
      this.useDoc(await this.freshDocFromStorage());
      return true;
    } catch (error) {
      this.fail('document could not be loaded', error);
      return false;
    }
  }

  attach(connection: Connection): void {
    this.connections.add(connection);
    if (this.state === 'ready') this.greet(connection);
  }

  detach(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.inbox = this.inbox.filter(([from]) => from !== connection);
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
    if (this.connections.size === 0) this.deps.empty(this);
  }

  receive(connection: Connection, frame: Uint8Array): void {
    if (this.state === 'loading') {
      this.inbox.push([connection, frame]);
      return;
    }
    if (this.state !== 'ready' || !this.connections.has(connection)) return;
    let message: ClientMessage;
    try {
      message = parseClientMessage(frame);
    } catch (error) {
      this.reject(connection, error instanceof ProtocolError ? error.message : 'malformed message');
      return;
    }
    this.handle(connection, message);
  }

  /** Resolves when every update applied so far is stored. */
  whenSaved(): Promise<void> {
    return new Promise((resolve) => this.afterSave(resolve));
  }

  /** Stores what is pending, compacts, and frees the document if still nobody has it open. */
  unload(): Promise<boolean> {
    this.unloading ??= this.unloadOnce().finally(() => {
      this.unloading = null;
    });
    return this.unloading;
  }

  private handle(connection: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        // Never answer with updates that are not yet stored: wait for the writes before it.
        this.afterSave(() => connection.send(encodeSyncStep2(this.doc, message.stateVector)));
        return;
      case 'update':
        if (message.empty) return;
        if (connection.access !== 'write') {
          this.deps.metrics.updatesRejected += 1;
          connection.tellPermissionDenied(
            'you may read this document but not change it; your change was not saved',
          );
          return;
        }
        this.applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        this.applyAwareness(connection, message.update);
        return;
      case 'query-awareness':
        this.sendAwarenessStates(connection);
        return;
      case 'auth':
        return;
    }
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    this.captured = [];
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      // Yjs may have integrated part of the update before throwing. Nothing captured is
      // stored or sent; the doc itself is replaced by a fresh load.
      this.captured = [];
      this.deps.metrics.updatesRejected += 1;
      this.deps.log({
        level: 'warn',
        msg: 'update could not be applied',
        doc: this.name,
        member: connection.member.id,
        ...errorFields(error),
      });
      this.reject(connection, 'the update could not be applied to this document', true);
      return;
    }
    const captured = this.captured;
    this.captured = [];
    for (const stored of captured) this.persist(stored, connection);
  }

  private persist(update: Uint8Array, origin: Connection): void {
    const entry: Unsaved = { update, origin };
    this.unsaved.push(entry);
    const wasEmpty = this.rows === 0;
    this.deps.writer.write(this.name, update).then(
      () => this.committed(entry, wasEmpty),
      () => {
        // Only when the server stops with storage failing; the shutdown logs the count.
      },
    );
  }

  private committed(entry: Unsaved, firstWrite: boolean): void {
    const index = this.unsaved.indexOf(entry);
    if (index >= 0) this.unsaved.splice(index, 1);
    this.rows += 1;
    if (firstWrite) this.deps.firstWrite(this, entry.origin);
    const message = encodeUpdate(entry.update);
    for (const connection of this.connections) if (connection !== entry.origin) connection.send(message);
    if (this.rows >= this.deps.compactAfter) void this.compact();
    this.runWaitingForSave();
  }

  private applyAwareness(connection: Connection, update: Uint8Array): void {
    let entries: ReturnType<typeof decodeAwarenessUpdate>;
    try {
      entries = decodeAwarenessUpdate(update);
    } catch (error) {
      this.reject(connection, error instanceof ProtocolError ? error.message : 'malformed awareness update');
      return;
    }
    if (connection.access !== 'write') {
      // Read-only members are not shown to others (DESIGN.md): their presence is dropped too.
      connection.tellPermissionDenied(
        'you may read this document but not change it; others do not see your cursor',
      );
      return;
    }
    // A client speaks for its own awareness ids, never for another connection's.
    const taken = new Set<number>();
    for (const other of this.connections)
      if (other !== connection) for (const id of other.awarenessIds) taken.add(id);
    const own = entries.filter((entry) => !taken.has(entry.clientId));
    if (own.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), connection);
  }

  private readonly onAwarenessUpdate = (
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

  private greet(connection: Connection): void {
    connection.send(encodeSyncStep1(this.doc));
    this.sendAwarenessStates(connection);
  }

  private sendAwarenessStates(connection: Connection): void {
    const states = this.awareness.getStates();
    if (states.size === 0) return;
    connection.send(
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
    );
  }

  private reject(connection: Connection, reason: string, docMayBeDamaged = false): void {
    connection.close(CloseCode.badMessage, reason);
    // A connection turned away for bad input leaves nothing behind, not even structs of an
    // earlier update still waiting for their dependencies. A rebuild drops those; it asks the
    // other clients to resend anything of theirs that was waiting.
    const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    if (docMayBeDamaged || pending) void this.rebuild();
  }

  private afterSave(action: () => void): void {
    if (this.state === 'ready' && this.unsaved.length === 0) action();
    else this.waitingForSave.push(action);
  }

  private runWaitingForSave(): void {
    if (this.state !== 'ready' || this.unsaved.length > 0 || this.waitingForSave.length === 0) return;
    const waiting = this.waitingForSave;
    this.waitingForSave = [];
    for (const action of waiting) action();
  }

  private async freshDocFromStorage(): Promise<Y.Doc> {
    const stored = await this.deps.storage.load(this.name);
    const doc = new Y.Doc({ gc: true });
    applyRows(doc, stored.updates, null);
    this.rows = stored.updates.length;
    return doc;
  }

  private useDoc(doc: Y.Doc): void {
    this.doc = doc;
    doc.on('update', (update: Uint8Array) => this.captured.push(update));
    this.state = 'ready';
    for (const connection of this.connections) this.greet(connection);
    const inbox = this.inbox;
    this.inbox = [];
    for (const [connection, frame] of inbox) this.receive(connection, frame);
    this.runWaitingForSave();
  }

  /** Replaces a doc that a failed update may have half-changed with what is stored or being stored. */
  private async rebuild(): Promise<void> {
    if (this.state !== 'ready') return;
    this.state = 'loading';
    const broken = this.doc;
    try {
      const doc = await this.freshDocFromStorage();
      // Updates still on their way to storage are valid; a rebuilt doc must not lose them.
      applyRows(
        doc,
        this.unsaved.map((u) => u.update),
        null,
      );
      broken.destroy();
      this.useDoc(doc);
      this.deps.log({ level: 'info', msg: 'document reloaded after a rejected update', doc: this.name });
    } catch (error) {
      this.fail('document could not be reloaded', error);
    }
  }

  private fail(msg: string, error: unknown): void {
    this.state = 'failed';
    this.deps.log({ level: 'error', msg, doc: this.name, ...errorFields(error) });
    for (const connection of this.connections) {
      connection.close(CloseCode.internalError, 'the document could not be loaded; try again later');
    }
  }

  private async compact(): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      const before = this.rows;
      const result = await this.deps.storage.compact(this.name);
      // Rows appended while compacting stay in the log (none with SQLite, which compacts in one step).
      this.rows = (result.rowsMerged > 0 ? 1 : before) + (this.rows - before);
      if (result.rowsMerged > 0) this.deps.metrics.compactions += 1;
      this.deps.log({ level: 'debug', msg: 'compacted', doc: this.name, ...result });
    } catch (error) {
      this.deps.log({
        level: 'error',
        msg: 'compaction failed; the update log is kept',
        doc: this.name,
        ...errorFields(error),
      });
    } finally {
      this.compacting = false;
    }
  }

  private async unloadOnce(): Promise<boolean> {
    if (this.state === 'failed') {
      this.destroy();
      return true;
    }
    if (this.state !== 'ready') return false;
    await this.whenSaved();
    if (this.connections.size > 0) return false;
    if (this.state === 'ready' && this.rows > 1) await this.compact();
    if (this.connections.size > 0 || this.unsaved.length > 0 || this.state !== 'ready') return false;
    this.destroy();
    return true;
  }

  private destroy(): void {
    this.state = 'unloaded';
    this.awareness.destroy();
    this.doc.destroy();
  }
}
