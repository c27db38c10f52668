// The running server: HTTP routes and websocket upgrades on one port, rooms of documents,
// the database, and an orderly shutdown that stores everything before it lets go.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import packageJson from '../package.json';
import { AccessListStore } from './directory/accessLists';
import { Directory } from './directory/directory';
import { accessRoutes } from './http/accessRoutes';
import type { ApiDeps } from './http/apiDeps';
import { memberRoutes } from './http/memberRoutes';
import { opsRoutes } from './http/opsRoutes';
import { Router } from './http/router';
import { errorFields, jsonLinesSink, type LogSink, silentSink } from './log';
import { Metrics } from './metrics';
import { type ResolvedOptions, resolveOptions, type ServerOptions } from './options';
import { openDatabase, type SqliteDatabase } from './storage/database';
import type { DocumentStorage } from './storage/documentStorage';
import { SqliteStorage } from './storage/sqliteStorage';
import { Gatekeeper } from './sync/admission';
import { CloseCode } from './sync/closeCodes';
import { Connection, truncateUtf8 } from './sync/connection';
import { RevocationWatcher } from './sync/revocationWatcher';
import { RoomRegistry } from './sync/roomRegistry';
import { UpdateWriter } from './sync/updateWriter';

export const VERSION: string = packageJson.version;

const SHUTDOWN_STORE_TIMEOUT_MS = 10_000;
const CLOSE_HANDSHAKE_MS = 2_000;

export class SyncServer {
  readonly options: ResolvedOptions;
  readonly log: LogSink;
  readonly metrics: Metrics;
  readonly db: SqliteDatabase;
  readonly directory: Directory;
  readonly accessLists: AccessListStore;
  readonly storage: DocumentStorage;
  readonly writer: UpdateWriter;
  readonly rooms: RoomRegistry;
  private readonly gatekeeper: Gatekeeper;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly router: Router;
  private readonly byMember = new Map<string, Set<Connection>>();
  private watcher: RevocationWatcher | null = null;
  private stopping: Promise<void> | null = null;

  constructor(options: ServerOptions) {
    this.options = resolveOptions(options);
    this.log = options.quiet ? silentSink : (options.log ?? jsonLinesSink('info'));
    this.db = openDatabase(this.options.dataDir);
    this.directory = new Directory(this.db);
    this.accessLists = new AccessListStore(this.db);
    this.storage = options.storage ?? new SqliteStorage(this.db);
    this.metrics = new Metrics({
      connections: () => this.connectionCount(),
      documentsLoaded: () => this.rooms.size,
      updatesQueued: () => this.writer.queued,
    });
    this.writer = new UpdateWriter(this.storage, {
      committed: (entries, _bytes, seconds) => this.metrics.storageWrite(entries, seconds),
      failed: (error, entries, retryInMs) => {
        this.metrics.storageWriteFailures += 1;
        this.log({
          level: 'error',
          msg: 'storing updates failed; kept in memory, not broadcast; will retry',
          entries,
          retryInMs,
          ...errorFields(error),
        });
      },
    });
    this.rooms = new RoomRegistry(
      {
        storage: this.storage,
        writer: this.writer,
        metrics: this.metrics,
        log: this.log,
        compactAfter: this.options.compactAfterUpdates,
        firstWrite: (room, connection) => {
          if (room.name.split('/')[1] === 'plan')
            this.accessLists.recordPlanAuthor(room.name, connection.member.id);
        },
      },
      this.options.unloadDelayMs,
      this.log,
    );
    this.gatekeeper = new Gatekeeper(this.directory, this.accessLists);
    this.router = new Router(
      [...opsRoutes(this.apiDeps()), ...memberRoutes(this.apiDeps()), ...accessRoutes(this.apiDeps())],
      (token) => this.directory.authenticate(token),
      (error, method, path) =>
        this.log({ level: 'error', msg: 'request failed', method, path, ...errorFields(error) }),
    );
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.options.limits.maxMessageBytes,
      // Metered mobile data: compress what is worth compressing (initial syncs, pastes), not keystrokes.
      perMessageDeflate: {
        threshold: 128,
        serverNoContextTakeover: true,
        clientNoContextTakeover: true,
        zlibDeflateOptions: { memLevel: 7 },
      },
    });
    this.http = createServer((req, res) => void this.router.handle(req, res));
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.watcher = new RevocationWatcher(
      this.db,
      this.directory,
      (id) => this.disconnectMember(id),
      this.options.revocationPollMs,
    );
    return this.http.address() as AddressInfo;
  }

  connectionCount(): number {
    let count = 0;
    for (const set of this.byMember.values()) count += set.size;
    return count;
  }

  disconnectMember(memberId: string): void {
    for (const connection of this.byMember.get(memberId) ?? []) {
      connection.close(CloseCode.unauthorized, 'your access to this cluster was revoked');
    }
  }

  /** Decides again for every open connection of a document whose access lists changed. */
  accessChanged(docName: string): void {
    for (const connection of this.rooms.get(docName)?.connections ?? []) {
      const decision = this.gatekeeper.decide(connection.member, docName);
      if (decision.access === 'none') connection.close(CloseCode.forbidden, decision.reason);
      else connection.access = decision.access;
    }
  }

  /** Stores everything, closes every connection, and closes the database. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    this.log({ level: 'info', msg: 'stopping: storing documents and closing connections' });
    this.watcher?.stop();
    const httpClosed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    // Close first so no new update arrives, then wait for everything received to be stored.
    await this.closeAllConnections();
    const stored = await this.writer.drain(SHUTDOWN_STORE_TIMEOUT_MS);
    if (stored) await this.rooms.unloadAll();
    const lost = this.writer.stop();
    if (lost > 0)
      this.log({ level: 'error', msg: 'storage failing at shutdown; updates not stored', updates: lost });
    this.wss.close();
    this.http.closeAllConnections();
    await httpClosed;
    await this.storage.close();
    this.db.close();
    this.log({ level: 'info', msg: 'stopped' });
  }

  private async closeAllConnections(): Promise<void> {
    const closed: Promise<void>[] = [];
    for (const client of this.wss.clients) {
      if (client.readyState === WebSocket.CLOSED) continue;
      closed.push(new Promise((resolve) => client.once('close', () => resolve())));
    }
    for (const connections of this.byMember.values()) {
      for (const connection of connections)
        connection.close(CloseCode.goingAway, 'server shutting down; reconnect shortly');
    }
    const timeout = setTimeout(() => {
      for (const client of this.wss.clients) client.terminate();
    }, CLOSE_HANDSHAKE_MS);
    await Promise.all(closed);
    clearTimeout(timeout);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.stopping !== null) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    mapOversizeClose(ws, this.options.limits.maxMessageBytes);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const admission = this.gatekeeper.admit(url.pathname, url.searchParams.get('token'));
    // Log the path only: the query string holds the token.
    const doc = url.pathname.slice(1, 200);
    if (!admission.ok) {
      this.log({
        level: 'info',
        msg: 'connection refused',
        doc,
        code: admission.code,
        reason: admission.reason,
        member: admission.memberId,
      });
      this.metrics.closed(admission.code);
      refuse(ws, admission.code, admission.reason);
      return;
    }
    const { member, docName, access } = admission;
    const open = this.byMember.get(member.id) ?? new Set<Connection>();
    if (open.size >= this.options.limits.maxDocsPerMember) {
      this.metrics.closed(CloseCode.tryAgainLater);
      refuse(
        ws,
        CloseCode.tryAgainLater,
        `too many open documents (limit ${this.options.limits.maxDocsPerMember})`,
      );
      return;
    }
    const room = this.rooms.open(docName);
    const deps = { limits: this.options.limits, metrics: this.metrics, log: this.log };
    const connection = new Connection(ws, { member, docName, access }, deps, {
      message: (from, frame) => room.receive(from, frame),
      closed: (from) => {
        room.detach(from);
        open.delete(from);
        if (open.size === 0 && this.byMember.get(member.id) === open) this.byMember.delete(member.id);
      },
    });
    open.add(connection);
    this.byMember.set(member.id, open);
    this.metrics.connectionsOpened += 1;
    room.attach(connection);
    this.log({ level: 'debug', msg: 'connection opened', doc: docName, member: member.id, access });
  }

  private apiDeps(): ApiDeps {
    return {
      directory: this.directory,
      accessLists: this.accessLists,
      metrics: this.metrics,
      version: VERSION,
      health: () =>
        this.writer.failing
          ? { ok: false, reason: 'storage is failing; updates are kept in memory' }
          : { ok: true },
      disconnectMember: (id) => this.disconnectMember(id),
      accessChanged: (doc) => this.accessChanged(doc),
      documentExists: async (doc) =>
        this.rooms.get(doc) !== undefined || (await this.storage.load(doc)).updates.length > 0,
    };
  }
}

function refuse(ws: WebSocket, code: number, reason: string): void {
  ws.close(code, truncateUtf8(reason, 123));
  setTimeout(() => ws.terminate(), 3_000).unref();
}

/**
 * ws closes a connection whose message exceeds maxPayload with 1009; we promised 4413, which
 * the stock client treats as final instead of reconnecting to send the same message again.
 */
function mapOversizeClose(ws: WebSocket, limit: number): void {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) =>
    code === 1009
      ? close(CloseCode.messageTooLarge, `message larger than ${limit} bytes`)
      : close(code, reason);
}
