// What an operator can tune, with defaults for a small machine serving one district.
import type { LogSink } from './log';
import type { DocumentStorage } from './storage/documentStorage';

export interface Limits {
  /** Largest websocket message accepted; larger ones close the connection with 4413. */
  readonly maxMessageBytes: number;
  /** Sustained messages per second per connection, and the burst allowed above it (1013 beyond). */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Documents one member may have open at once (1013 beyond). */
  readonly maxDocsPerMember: number;
  /** Bytes queued for one slow reader before it is closed with 1013. */
  readonly maxBufferedBytes: number;
  /** Keep-alive ping interval; a connection that misses a pong is dropped at the next ping. */
  readonly pingIntervalMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 8 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 2000,
  maxDocsPerMember: 100,
  maxBufferedBytes: 32 * 1024 * 1024,
  pingIntervalMs: 30_000,
};

export interface ServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 1234; 0 picks a free port (see RunningServer.port). */
  readonly port?: number;
  /** Directory holding the SQLite database; created if missing. */
  readonly dataDir: string;
  /** Where structured log entries go; default JSON lines on stdout from level info. */
  readonly log?: LogSink;
  /** Drop all log output (tests). */
  readonly quiet?: boolean;
  readonly limits?: Partial<Limits>;
  /** Merge a document's update log into a snapshot once it has this many rows. Default 1000. */
  readonly compactAfterUpdates?: number;
  /** How long a document with no connections stays in memory. Default 2000 ms. */
  readonly unloadDelayMs?: number;
  /** How often to look for members revoked by another process (the CLI). Default 250 ms. */
  readonly revocationPollMs?: number;
  /** Document storage to use instead of the SQLite log; identities and access lists stay in SQLite. */
  readonly storage?: DocumentStorage;
}

export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly limits: Limits;
  readonly compactAfterUpdates: number;
  readonly unloadDelayMs: number;
  readonly revocationPollMs: number;
}

export function resolveOptions(options: ServerOptions): ResolvedOptions {
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 1234,
    dataDir: options.dataDir,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    compactAfterUpdates: options.compactAfterUpdates ?? 1000,
    unloadDelayMs: options.unloadDelayMs ?? 2000,
    revocationPollMs: options.revocationPollMs ?? 250,
  };
}
