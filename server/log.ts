// Structured logs: one JSON object per line, so an operator can grep or ship them.
// Nothing logged may contain a token or an invite code; callers pass document names and member ids.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly level: LogLevel;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export type LogSink = (entry: LogEntry) => void;

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A sink writing JSON lines to stdout, dropping entries below `minLevel`. */
export function jsonLinesSink(
  minLevel: LogLevel = 'info',
  write = (line: string) => process.stdout.write(line),
): LogSink {
  return (entry) => {
    if (ORDER[entry.level] < ORDER[minLevel]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
}

export const silentSink: LogSink = () => {};

export function isLogLevel(value: string): value is LogLevel {
  return value in ORDER;
}

export function errorFields(error: unknown): { error: string } {
  return { error: error instanceof Error ? error.message : String(error) };
}
