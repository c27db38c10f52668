// Reconnect delays: exponential, capped, with "equal jitter" so that when a school's connection
// (or the server) comes back, dozens of devices do not all reconnect in the same instant.
export interface BackoffOptions {
  readonly baseMs?: number;
  readonly maxMs?: number;
}

export function reconnectDelay(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Close codes the server uses (DESIGN.md) and what the client does about them. */
export const CLOSE = {
  unauthorised: 4401,
  forbidden: 4403,
  unknownDocument: 4404,
  tooLarge: 4413,
  overloaded: 1013,
} as const;

/** Whether reconnecting can help after the server closed with `code`. */
export function isPermanentClose(code: number): boolean {
  return code === CLOSE.unauthorised || code === CLOSE.forbidden || code === CLOSE.unknownDocument;
}
