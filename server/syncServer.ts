// The running server: HTTP routes and websocket upgrades on one port, rooms of documents,
// the database, and an orderly shutdown that stores everything before it lets go.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import packageJson from '../package.json';
import { AccessListStore } from './directory/accessLists';
import { Directory } from './directory/directory';
import { ExpertiseStore } from './directory/expertiseStore';
import { PlanCatalogStore } from './directory/planCatalogStore';
import { accessRoutes } from './http/accessRoutes';
import type { ApiDeps } from './http/apiDeps';
import { expertiseRoutes } from './http/expertiseRoutes';
import { memberRoutes } from './http/memberRoutes';
import { opsRoutes } from './http/opsRoutes';
import { planRoutes } from './http/planRoutes';
import { Router } from './http/router';
import { errorFields, jsonLinesSink, type LogSink, silentSink } from './log';
import { Metrics } from './metrics';
import { type ResolvedOptions, resolveOptions, type ServerOptions } from './options';
import { PlanIndex } from './plans/planIndex';
import { openDatabase, openDocumentDatabase, type SqliteDatabase } from './storage/database';
import type { DocumentStorage } from './storage/documentStorage';
import { SqliteStorage } from './storage/sqliteStorage';
import { Gatekeeper } from './sync/admission';
import { documentDigest } from './sync/documentDigest';
import { RevocationWatcher } from './sync/revocationWatcher';
import { RoomRegistry } from './sync/roomRegistry';
import { SyncGateway } from './sync/syncGateway';
import { UpdateWriter } from './sync/updateWriter';

export const VERSION: string = packageJson.version;

const SHUTDOWN_STORE_TIMEOUT_MS = 10_000;
const PURGE_INTERVAL_MS = 6 * 60 * 60 * 1000;

export class SyncServer {
  readonly options: ResolvedOptions;
  readonly log: LogSink;
  readonly metrics: Metrics;
  readonly db: SqliteDatabase;
  private readonly docsDb: SqliteDatabase;
  readonly directory: Directory;
  readonly accessLists: AccessListStore;
  readonly storage: DocumentStorage;
  readonly writer: UpdateWriter;
  readonly rooms: RoomRegistry;
  readonly plans: PlanIndex;
  readonly gateway: SyncGateway;
  private readonly gatekeeper: Gatekeeper;
  private readonly http: Server;
  private readonly timers: NodeJS.Timeout[] = [];
  private watcher: RevocationWatcher | null = null;
  private stopping: Promise<void> | null = null;

  constructor(options: ServerOptions) {
    this.options = resolveOptions(options);
    this.log = options.quiet ? silentSink : (options.log ?? jsonLinesSink('info'));
    this.db = openDatabase(this.options.dataDir);
    this.directory = new Directory(this.db);
    this.accessLists = new AccessListStore(this.db);
    // Document log and plan catalog writes go through a connection that syncs off the event loop.
    this.docsDb = openDocumentDatabase(this.options.dataDir);
    this.storage = options.storage ?? new SqliteStorage(this.docsDb);
    this.metrics = new Metrics({
      connections: () => this.gateway.connectionCount,
      documentsLoaded: () => this.rooms.size,
      updatesQueued: () => this.writer.queued,
    });
    this.writer = new UpdateWriter(this.storage, {
      committed: (entries, _bytes, seconds) => this.metrics.storageWrite(entries, seconds),
      failed: (error, entries, retryInMs) => {
        this.metrics.storageWriteFailures += 1;
        const msg = 'storing updates failed; kept in memory, not broadcast; will retry';
        this.log({ level: 'error', msg, entries, retryInMs, ...errorFields(error) });
      },
    });
    const isPlan = (doc: string) => doc.split('/')[1] === 'plan';
    this.rooms = new RoomRegistry(
      {
        storage: this.storage,
        writer: this.writer,
        metrics: this.metrics,
        log: this.log,
        compactAfter: this.options.compactAfterUpdates,
        firstWrite: (room, connection) => {
          if (isPlan(room.name)) this.accessLists.recordPlanAuthor(room.name, connection.member.id);
        },
        stored: (room) => {
          if (isPlan(room.name)) this.plans.stored(room.name);
        },
      },
      this.options.unloadDelayMs,
      this.log,
    );
    this.plans = new PlanIndex(
      new PlanCatalogStore(this.db, this.docsDb),
      this.storage,
      this.rooms,
      this.log,
    );
    this.gatekeeper = new Gatekeeper(this.directory, this.accessLists);
    this.gateway = new SyncGateway(this.gatekeeper, this.rooms, this.options.limits, this.metrics, this.log);
    const deps = this.apiDeps();
    const router = new Router(
      [
        ...opsRoutes(deps),
        ...memberRoutes(deps),
        ...expertiseRoutes(deps),
        ...accessRoutes(deps),
        ...planRoutes(deps),
      ],
      (token) => this.directory.authenticate(token),
      (error, method, path) =>
        this.log({ level: 'error', msg: 'request failed', method, path, ...errorFields(error) }),
    );
    this.http = createServer((req, res) => void router.handle(req, res));
    this.http.on('upgrade', (req, socket, head) => this.gateway.upgrade(req, socket, head));
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    const revoked = (id: string) => this.gateway.disconnectMember(id);
    this.watcher = new RevocationWatcher(this.db, this.directory, revoked, this.options.revocationPollMs);
    const purge = () =>
      void this.plans.purgeExpired().catch((error: unknown) => {
        this.log({ level: 'error', msg: 'purging the trash failed', ...errorFields(error) });
      });
    this.timers.push(setTimeout(purge, 1_000), setInterval(purge, PURGE_INTERVAL_MS));
    for (const timer of this.timers) timer.unref();
    return this.http.address() as AddressInfo;
  }

  /** Stores everything, closes every connection, and closes the database. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    this.log({ level: 'info', msg: 'stopping: storing documents and closing connections' });
    this.watcher?.stop();
    for (const timer of this.timers) clearTimeout(timer);
    const httpClosed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    // Close first so no new update arrives, then wait for everything received to be stored.
    await this.gateway.closeAll();
    const stored = await this.writer.drain(SHUTDOWN_STORE_TIMEOUT_MS);
    if (stored) {
      await this.plans.flush();
      await this.rooms.unloadAll();
    }
    const lost = this.writer.stop();
    if (lost > 0)
      this.log({ level: 'error', msg: 'storage failing at shutdown; updates not stored', updates: lost });
    this.http.closeAllConnections();
    await httpClosed;
    await this.storage.close();
    this.docsDb.close();
    this.db.close();
    this.log({ level: 'info', msg: 'stopped' });
  }

  private apiDeps(): ApiDeps {
    return {
      directory: this.directory,
      accessLists: this.accessLists,
      expertise: new ExpertiseStore(this.db),
      metrics: this.metrics,
      plans: this.plans,
      version: VERSION,
      health: () =>
        this.writer.failing
          ? { ok: false, reason: 'storage is failing; updates are kept in memory' }
          : { ok: true },
      disconnectMember: (id) => this.gateway.disconnectMember(id),
      accessChanged: (doc) => this.gateway.accessChanged(doc),
      documentExists: async (doc) =>
        this.rooms.get(doc) !== undefined || (await this.storage.load(doc)).updates.length > 0,
      decide: (member, doc) => this.gatekeeper.decide(member, doc),
      digest: (doc, textName) => documentDigest(doc, textName, this.rooms, this.storage),
    };
  }
}
