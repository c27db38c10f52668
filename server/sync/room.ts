// One document in memory with the connections that have it open. The room holds its Y.Doc
// rather than being one (unlike y-websocket-server's WSSharedDoc) so that when Yjs throws
// half-way through applying a bad update, the half-changed doc can be replaced by a fresh load
// from storage: the bad part was never stored nor broadcast, and other clients notice nothing.
import * as Y from 'yjs';
import { textStart } from '../../core/plan/textStart';
import { encodeCompactAnswer } from '../../core/sync/compactSync';
import { releaseFinishedTransactions } from '../../core/sync/finishedTransactions';
import { errorFields, type LogSink } from '../log';
import type { Metrics } from '../metrics';
import type { DocumentStorage } from '../storage/documentStorage';
import { applyRows } from '../storage/mergeRows';
import { serverDoc } from '../storage/serverDoc';
import { CloseCode } from './closeCodes';
import type { Connection } from './connection';
import { Compactor } from './compactor';
import { Presence } from './presence';
import { RecentAnswer } from './recentAnswer';
import {
  type ClientMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2Of,
  encodeUpdate,
  ProtocolError,
  parseClientMessage,
} from './protocol';
import { type Unsaved, UnsavedUpdates } from './unsavedUpdates';
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
  /** An update of this room was stored (plans refresh their catalog entry). */
  readonly stored: (room: Room) => void;
  /** The last connection left; the registry decides when to unload. */
  readonly empty: (room: Room) => void;
}

export type State = 'loading' | 'ready' | 'failed' | 'unloaded';

/** An answer to a sync step 1 as sent: the same bytes go to every connection it answers. */
interface Answer {
  readonly message: Uint8Array;
  readonly v2: boolean;
}

const READ_ONLY_CHANGE = 'you may read this document but not change it; your change was not saved';
const READ_ONLY_PRESENCE = 'you may read this document but not change it; others do not see your cursor';

export class Room {
  readonly connections = new Set<Connection>();
  private readonly presence = new Presence(this.connections);
  private doc: Y.Doc;
  private state: State = 'loading';
  private inbox: Array<[Connection, Uint8Array]> = [];
  private readonly unsaved = new UnsavedUpdates();
  private captured: Uint8Array[] = [];
  private readonly lastAnswer = new RecentAnswer<Answer>();
  /** Connections whose sync step 1 waits for unsaved updates. */
  private readonly awaitingAnswer = new Set<Connection>();
  private readonly compactor: Compactor;
  private unloading: Promise<boolean> | null = null;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    this.compactor = new Compactor(name, deps.storage, deps.compactAfter, deps.metrics, deps.log);
    this.doc = serverDoc(name);
  }

  get status(): State {
    return this.state;
  }

  /** The document's content as stored plus what is being stored; for tests and diagnostics. */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** A text of the document, when it is loaded. */
  readText(name: string): string | undefined {
    return this.state === 'ready' ? this.doc.getText(name).toString() : undefined;
  }

  /** The first `chars` characters of a text of the document (or fewer), when it is loaded. */
  readTextStart(
    name: string,
    chars: number,
    enough?: (start: string, checkedUpTo: number) => boolean,
  ): string | undefined {
    return this.state === 'ready' ? textStart(this.doc.getText(name), chars, enough) : undefined;
  }

  /** The state vector and a text of the document, when it is loaded. */
  readState(textName: string): { stateVector: Uint8Array; text: string } | undefined {
    if (this.state !== 'ready') return undefined;
    return { stateVector: Y.encodeStateVector(this.doc), text: this.doc.getText(textName).toString() };
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
    this.awaitingAnswer.delete(connection);
    this.inbox = this.inbox.filter(([from]) => from !== connection);
    this.presence.leave(connection);
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
    return new Promise((resolve) => this.unsaved.whenStored(resolve, this.state === 'ready'));
  }

  /** Stores what is pending, compacts, and frees the document if still nobody has it open. */
  unload(): Promise<boolean> {
    this.unloading ??= this.unloadOnce().finally(() => {
      this.unloading = null;
    });
    return this.unloading;
  }

  /** What the client lacks; the same bytes for everyone who asks alike (recentAnswer.ts). */
  private answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    const compact = connection.compactSync;
    // Structs waiting for missing ones are part of the answer but change it without an
    // 'update' event, which is what clears the kept answer: never keep one while any wait.
    const settled = this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null;
    let answer = settled ? this.lastAnswer.find(compact, stateVector) : undefined;
    if (answer !== undefined) {
      this.deps.metrics.syncAnswersReused += 1;
    } else {
      answer = this.encodeAnswer(compact, stateVector);
      if (settled) this.lastAnswer.keep(compact, stateVector, answer);
    }
    this.deps.metrics.syncAnswers += 1;
    if (answer.v2) this.deps.metrics.syncAnswersV2 += 1;
    connection.send(answer.message);
  }

  /** In v2 if the client asked and that is worth it (core/sync/compactSync.ts). */
  private encodeAnswer(compact: boolean, stateVector: Uint8Array): Answer {
    if (!compact) return { message: encodeSyncStep2(this.doc, stateVector), v2: false };
    const answer = encodeCompactAnswer(this.doc, stateVector);
    return 'v2Message' in answer
      ? { message: answer.v2Message, v2: true }
      : { message: encodeSyncStep2Of(answer.v1Update), v2: false };
  }

  private handle(connection: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        // Never answer with updates that are not yet stored: wait for the writes before it.
        // Meanwhile what gets stored is not also broadcast to this connection: the answer, made
        // once nothing is unsaved, has all of it (committed). Two teachers back online at once,
        // each uploading a day's work, would otherwise each get the other's twice.
        // (A second request waiting alongside is answered in the same release, right after.)
        this.awaitingAnswer.add(connection);
        this.unsaved.whenStored(() => {
          this.awaitingAnswer.delete(connection);
          this.answerSyncStep1(connection, message.stateVector);
        }, this.state === 'ready');
        return;
      case 'update':
        if (message.empty) return;
        if (connection.access !== 'write') {
          this.deps.metrics.updatesRejected += 1;
          connection.tellPermissionDenied(READ_ONLY_CHANGE);
          return;
        }
        this.applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        this.applyAwareness(connection, message.update);
        return;
      case 'query-awareness':
        this.presence.sendAll(connection);
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
      const fields = { doc: this.name, member: connection.member.id, ...errorFields(error) };
      this.deps.log({ level: 'warn', msg: 'update could not be applied', ...fields });
      this.reject(connection, 'the update could not be applied to this document', true);
      return;
    }
    const captured = this.captured;
    this.captured = [];
    for (const stored of captured) this.persist(stored, connection);
  }

  private persist(update: Uint8Array, origin: Connection): void {
    const entry = this.unsaved.add(update, origin);
    const wasEmpty = this.compactor.rows === 0;
    this.deps.writer.write(this.name, update).then(
      () => this.committed(entry, wasEmpty),
      () => {
        // Only when the server stops with storage failing; the shutdown logs the count.
      },
    );
  }

  private committed(entry: Unsaved, firstWrite: boolean): void {
    this.unsaved.stored(entry);
    if (firstWrite) this.deps.firstWrite(this, entry.origin);
    this.deps.stored(this);
    const message = encodeUpdate(entry.update);
    for (const connection of this.connections) {
      if (connection !== entry.origin && !this.awaitingAnswer.has(connection)) connection.send(message);
    }
    this.compactor.appended();
    this.unsaved.release(this.state === 'ready');
  }

  private applyAwareness(connection: Connection, update: Uint8Array): void {
    try {
      if (connection.access === 'write') {
        this.presence.apply(connection, update);
        return;
      }
      this.presence.check(update);
    } catch (error) {
      this.reject(connection, error instanceof ProtocolError ? error.message : 'malformed awareness update');
      return;
    }
    // Read-only members are not shown to others (DESIGN.md): their presence is dropped too.
    connection.tellPermissionDenied(READ_ONLY_PRESENCE);
  }

  private greet(connection: Connection): void {
    connection.send(encodeSyncStep1(this.doc));
    this.presence.sendAll(connection);
  }

  private reject(connection: Connection, reason: string, docMayBeDamaged = false): void {
    connection.close(CloseCode.badMessage, reason);
    // A connection turned away for bad input leaves nothing behind, not even structs of an
    // earlier update still waiting for their dependencies. A rebuild drops those; it asks the
    // other clients to resend anything of theirs that was waiting.
    const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    if (docMayBeDamaged || pending) void this.rebuild();
  }

  private async freshDocFromStorage(): Promise<Y.Doc> {
    const stored = await this.deps.storage.load(this.name);
    const doc = serverDoc(this.name);
    releaseFinishedTransactions(doc);
    applyRows(doc, stored.updates, null);
    this.compactor.loaded(stored.updates.length);
    return doc;
  }

  private useDoc(doc: Y.Doc): void {
    this.doc = doc;
    this.lastAnswer.clear();
    doc.on('update', (update: Uint8Array) => {
      this.lastAnswer.clear();
      this.captured.push(update);
    });
    this.state = 'ready';
    for (const connection of this.connections) this.greet(connection);
    const inbox = this.inbox;
    this.inbox = [];
    for (const [connection, frame] of inbox) this.receive(connection, frame);
    this.unsaved.release(this.state === 'ready');
    // Everyone may have left while it loaded: let the registry unload it again.
    if (this.connections.size === 0) this.deps.empty(this);
  }

  /** Replaces a doc that a failed update may have half-changed with what is stored or being stored. */
  private async rebuild(): Promise<void> {
    if (this.state !== 'ready') return;
    this.state = 'loading';
    const broken = this.doc;
    try {
      const doc = await this.freshDocFromStorage();
      // Updates still on their way to storage are valid; a rebuilt doc must not lose them.
      applyRows(doc, this.unsaved.updates(), null);
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
    // Whoever waits for a save stops waiting; replies to closed connections go nowhere.
    this.unsaved.release(false, true);
  }

  private async unloadOnce(): Promise<boolean> {
    if (this.state === 'failed') {
      this.destroy();
      return true;
    }
    if (this.state !== 'ready') return false;
    await this.whenSaved();
    if (this.connections.size > 0) return false;
    if (this.compactor.rows > 1) await this.compactor.compact();
    if (this.connections.size > 0 || this.unsaved.size > 0 || this.state !== 'ready') return false;
    this.destroy();
    return true;
  }

  private destroy(): void {
    this.state = 'unloaded';
    this.lastAnswer.clear();
    this.presence.destroy();
    this.doc.destroy();
  }
}
