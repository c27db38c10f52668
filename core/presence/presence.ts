// What each person in a document shares through Yjs awareness: who they are, and where their
// cursor is as relative positions (so it stays on the same text while others type).

export interface PresenceColor {
  /** A VS Code theme colour id, so the colour follows the teacher's theme. */
  readonly themeColor: string;
  /** For Yjs clients that are not VS Code (they expect `user.color`). */
  readonly hex: string;
}

export const PRESENCE_COLORS: readonly PresenceColor[] = [
  { themeColor: 'charts.blue', hex: '#1a85ff' },
  { themeColor: 'charts.orange', hex: '#d18616' },
  { themeColor: 'charts.green', hex: '#388a34' },
  { themeColor: 'charts.purple', hex: '#652d90' },
  { themeColor: 'charts.red', hex: '#e51400' },
  { themeColor: 'charts.yellow', hex: '#bf8803' },
];

export function colorFor(seed: string): PresenceColor {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]!;
}

export interface PresenceUser {
  readonly name: string;
  readonly school: string;
  readonly color: string;
  readonly themeColor: string;
}

/** Y.RelativePosition as JSON (Y.relativePositionToJSON), kept opaque here. */
export type RelativePositionJson = Record<string, unknown>;

export interface PresenceState {
  readonly user?: PresenceUser;
  readonly cursor?: { readonly anchor: RelativePositionJson; readonly head: RelativePositionJson };
}

export function isPresenceState(value: unknown): value is PresenceState {
  if (typeof value !== 'object' || value === null) return false;
  const user = (value as PresenceState).user;
  return user === undefined || (typeof user.name === 'string' && typeof user.school === 'string');
}
