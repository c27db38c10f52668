import * as vscode from 'vscode';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LocalReplica, REPLICA_ORIGIN } from '../../core/replica/localReplica';
import type { ReplicaFiles } from '../../core/replica/replicaFiles';
import { acceptCompactSync, COMPACT_SYNC_PARAMS } from '../../core/sync/compactSync';
import { CLOSE, isPermanentClose, reconnectDelay } from '../../core/sync/backoff';
import type { SyncState } from '../../core/sync/syncState';
import type { Platform } from '../platform';

export interface DocSessionOptions {
  readonly wsUrl: string;
  readonly docName: string;
  readonly token: string;
  readonly platform: Platform;
  readonly files: ReplicaFiles;
  readonly log: vscode.LogOutputChannel;
}

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const PENDING_CHECK_MS = 1_000;

/**
 * One shared document on this device: its Y.Doc, its local replica (loaded first, so the teacher
 * can work with no connection) and its connection to the server through the stock y-websocket
 * provider. Reconnects itself with capped, jittered backoff and always knows its SyncState.
 */
export class DocSession implements vscode.Disposable {
  readonly provider: WebsocketProvider;
  private readonly stateChanged = new vscode.EventEmitter<SyncState>();
  readonly onDidChangeState = this.stateChanged.event;
  private current: SyncState = { kind: 'connecting' };
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readOnlyReason: string | undefined;

  private constructor(
    private readonly options: DocSessionOptions,
    readonly doc: Y.Doc,
    readonly replica: LocalReplica,
  ) {
    this.provider = new WebsocketProvider(options.wsUrl, options.docName, this.doc, {
      params: { token: options.token, ...COMPACT_SYNC_PARAMS },
      WebSocketPolyfill: options.platform.WebSocket,
      // We decide about reconnecting ourselves (jitter, close codes): see onClosed.
      shouldReconnect: () => false,
      disableBc: true,
    });
    acceptCompactSync(this.provider, (error) =>
      options.log.error(`${options.docName}: could not apply what the server sent`, error),
    );
    // The y-protocols auth message: the server dropped our update because we may only read.
    this.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
        this.readOnlyReason = reason || 'read-only';
        options.log.warn(`${options.docName}: the server refused a change: ${reason}`);
        this.setState({ kind: 'denied', reason: this.readOnlyReason });
      });
    };
    this.provider.on('status', ({ status }) => {
      if (status === 'connecting' && this.current.kind !== 'offline') this.setState({ kind: 'connecting' });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.attempts = 0;
      void this.replica.setPendingChanges(0);
      this.setState(
        this.readOnlyReason ? { kind: 'denied', reason: this.readOnlyReason } : { kind: 'synced' },
      );
    });
    this.provider.on('closed', ({ code, reason }) => this.onClosed(code, reason));
    this.doc.on('update', this.onUpdate);
    // Every message from the server is applied in a transaction, even one that integrates nothing
    // (all of it held back), which emits no 'update': watch transactions instead.
    this.doc.on('afterTransaction', this.onTransaction);
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin === this.provider) this.watchPendingStructs();
  };

  static async open(options: DocSessionOptions): Promise<DocSession> {
    const doc = new Y.Doc();
    const replica = await LocalReplica.open(options.files, replicaDir(options.docName), doc, {
      onWriteError: (error) => options.log.error(`Could not save ${options.docName} on this device`, error),
    });
    // The replica is loaded before the provider exists, so the first sync step already offers it.
    return new DocSession(options, doc, replica);
  }

  get state(): SyncState {
    return this.current;
  }

  private pendingCheck: ReturnType<typeof setTimeout> | undefined;

  /**
   * Yjs holds back updates whose causal past it has not seen ("pending structs"). If some stay
   * held back, ask the server for everything we lack (sync step 1), as y-protocols does on
   * reconnect: Yjs 13.6 can otherwise strand them when one sender's updates arrive out of order.
   */
  private watchPendingStructs(): void {
    const store = this.doc.store as { pendingStructs: unknown; pendingDs: unknown };
    if ((store.pendingStructs === null && store.pendingDs === null) || this.pendingCheck) return;
    this.pendingCheck = setTimeout(() => {
      this.pendingCheck = undefined;
      const still = store.pendingStructs !== null || store.pendingDs !== null;
      const ws = this.provider.ws;
      if (!still || !ws || ws.readyState !== 1) return;
      this.options.log.info(
        `${this.options.docName}: updates held back; asking the server for what is missing`,
      );
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      ws.send(encoding.toUint8Array(encoder));
    }, PENDING_CHECK_MS);
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider || origin === REPLICA_ORIGIN) return;
    if (this.provider.synced) {
      if (this.current.kind === 'synced') this.setState({ kind: 'syncing' });
      // y-websocket sends at once; the server echoes nothing, so "synced" returns on the next tick.
      setTimeout(
        () => this.provider.synced && this.current.kind === 'syncing' && this.setState({ kind: 'synced' }),
        300,
      );
      return;
    }
    const pending = this.replica.pendingChanges + 1;
    void this.replica.setPendingChanges(pending);
    if (this.current.kind === 'offline') this.setState({ kind: 'offline', pendingChanges: pending });
  };

  private onClosed(code: number, reason: string): void {
    if (this.disposed) return;
    if (isPermanentClose(code)) {
      this.options.log.warn(`${this.options.docName}: the server closed the connection (${code} ${reason})`);
      this.setState({ kind: 'denied', reason: reason || String(code) });
      return;
    }
    if (code === CLOSE.tooLarge)
      this.options.log.error(`${this.options.docName}: a change was too large (${reason})`);
    this.setState({ kind: 'offline', pendingChanges: this.replica.pendingChanges });
    const delay = reconnectDelay(this.attempts++, Math.random);
    this.options.log.info(`${this.options.docName}: offline (${code}); trying again in ${delay} ms`);
    this.retry = setTimeout(() => this.provider.connect(), delay);
  }

  private setState(state: SyncState): void {
    this.current = state;
    this.stateChanged.fire(state);
  }

  /** Tries to connect now (the teacher clicked the status bar), instead of waiting for the next attempt. */
  reconnectNow(): void {
    if (this.retry) clearTimeout(this.retry);
    this.attempts = 0;
    this.provider.connect();
  }

  dispose(): void {
    this.disposed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.pendingCheck) clearTimeout(this.pendingCheck);
    this.doc.off('update', this.onUpdate);
    this.doc.off('afterTransaction', this.onTransaction);
    void this.replica.dispose().finally(() => {
      this.provider.destroy();
      this.doc.destroy();
    });
    this.stateChanged.dispose();
  }
}

/** A folder name for a document's replica: document names contain slashes. */
export function replicaDir(docName: string): string {
  return docName.replace(/[^A-Za-z0-9._-]/g, '_');
}
