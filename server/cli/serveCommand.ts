import { startServer } from '../index';
import { isLogLevel, jsonLinesSink } from '../log';
import type { Limits } from '../options';
import { integer, parse, setting, UsageError } from './args';

const NUMBER_FLAGS = {
  'max-message-bytes': ['MAX_MESSAGE_BYTES', 'maxMessageBytes', 1024],
  'messages-per-second': ['MESSAGES_PER_SECOND', 'messagesPerSecond', 1],
  'message-burst': ['MESSAGE_BURST', 'messageBurst', 1],
  'max-docs-per-member': ['MAX_DOCS_PER_MEMBER', 'maxDocsPerMember', 1],
  'max-buffered-bytes': ['MAX_BUFFERED_BYTES', 'maxBufferedBytes', 1024],
  'ping-interval-ms': ['PING_INTERVAL_MS', 'pingIntervalMs', 1000],
} as const satisfies Record<string, readonly [string, keyof Limits, number]>;

export async function serveCommand(argv: readonly string[]): Promise<'help' | undefined> {
  const { values } = parse(argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    data: { type: 'string' },
    'log-level': { type: 'string' },
    'compact-after': { type: 'string' },
    'unload-delay-ms': { type: 'string' },
    ...Object.fromEntries(Object.keys(NUMBER_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
  });
  if (values.help) return 'help';
  const logLevel = setting(values['log-level'], 'CLUSTER_LESSONS_LOG_LEVEL', 'info');
  if (!isLogLevel(logLevel))
    throw new UsageError(`--log-level must be debug, info, warn or error, not "${logLevel}"`);
  const limits: Partial<Record<keyof Limits, number>> = {};
  for (const [flag, [env, key, min]] of Object.entries(NUMBER_FLAGS)) {
    const value = integer(
      setting((values as Record<string, unknown>)[flag], `CLUSTER_LESSONS_${env}`),
      `--${flag}`,
      min,
    );
    if (value !== undefined) limits[key] = value;
  }
  const log = jsonLinesSink(logLevel);
  const server = await startServer({
    host: setting(values.host, 'CLUSTER_LESSONS_HOST', '127.0.0.1'),
    port: integer(setting(values.port, 'CLUSTER_LESSONS_PORT', '1234'), '--port', 0, 65535)!,
    dataDir: setting(values.data, 'CLUSTER_LESSONS_DATA', './data'),
    log,
    limits,
    compactAfterUpdates: integer(
      setting(values['compact-after'], 'CLUSTER_LESSONS_COMPACT_AFTER'),
      '--compact-after',
      2,
    ),
    unloadDelayMs: integer(
      setting(values['unload-delay-ms'], 'CLUSTER_LESSONS_UNLOAD_DELAY_MS'),
      '--unload-delay-ms',
      0,
    ),
  });
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      log({ level: 'warn', msg: 'second signal: exiting without waiting', signal });
      process.exit(1);
    }
    log({ level: 'info', msg: 'signal received', signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log({ level: 'error', msg: 'shutdown failed', error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  return undefined;
}
