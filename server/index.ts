// The sync server's public face: start one (the CLI's `serve`, tests, scripts/start.mjs) and
// the administrative functions the CLI uses.
import type { ServerOptions } from './options';
import { SyncServer, VERSION } from './syncServer';

export {
  backupDatabase,
  createCluster,
  issueDeviceCode,
  joinCluster,
  listMembers,
  revokeMember,
} from './admin';
export type { Cluster, ClusterCreated, Member, NewCluster, School } from './directory/directory';
export { DirectoryError } from './directory/directory';
export type { LogEntry, LogLevel, LogSink } from './log';
export { DEFAULT_LIMITS, type Limits, type ServerOptions } from './options';
export { DATABASE_FILE } from './storage/database';
export type {
  AppendEntry,
  CompactionResult,
  DocumentStorage,
  StoredDocument,
} from './storage/documentStorage';
export { CloseCode } from './sync/closeCodes';
export { VERSION };

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`: the HTTP API, and the websocket base URL for y-websocket (ws is accepted on the same port). */
  readonly url: string;
  /** Resolves when every update received so far is stored. */
  flush(): Promise<void>;
  /** Stores everything, closes connections (1001) and the database. */
  close(): Promise<void>;
  /** The server object itself, for tests and diagnostics. */
  readonly server: SyncServer;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = new SyncServer(options);
  let address: { address: string; port: number };
  try {
    address = await server.listen();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  server.log({
    level: 'info',
    msg: 'listening',
    host: address.address,
    port: address.port,
    url,
    dataDir: server.options.dataDir,
    version: VERSION,
  });
  return {
    host: address.address,
    port: address.port,
    url,
    server,
    flush: async () => {
      await server.writer.drain(60_000);
    },
    close: () => server.stop(),
  };
}
