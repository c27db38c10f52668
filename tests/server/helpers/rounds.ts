// Observation rounds over the HTTP API, typed as the extension reads them (core/review's RoundInfo).
import { expect } from 'vitest';
import { type RawSocket, rawSocket } from './clients';
import { api, type TestServer } from './testServer';

export type RoundStatus = 'proposed' | 'open' | 'declined' | 'completed';

export interface RoundInfo {
  id: string;
  cluster: string;
  teacher: string;
  observers: string[];
  sharedWith: string[];
  plan: string | null;
  doc: string;
  status: RoundStatus;
  proposedBy: string | null;
  date: string;
  school: string;
  className: string;
  focusQuestions: string[];
  developmental: boolean;
  lessonStudy: boolean;
}

export const ROUND_INFO_FIELDS = [
  'className',
  'cluster',
  'date',
  'developmental',
  'doc',
  'focusQuestions',
  'id',
  'lessonStudy',
  'observers',
  'plan',
  'proposedBy',
  'school',
  'sharedWith',
  'status',
  'teacher',
];

export interface RoundReply {
  readonly status: number;
  readonly round: RoundInfo;
  readonly json: Record<string, unknown>;
}

/** Calls a round route; `round` is the answer's `round` (undefined-ish on errors, check `status`). */
export async function roundCall(
  server: TestServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<RoundReply> {
  const reply = await api(server.url, token, method, path, body);
  return { status: reply.status, round: reply.json.round as RoundInfo, json: reply.json };
}

/** Opens (or proposes) a round and expects 201. */
export async function createRound(server: TestServer, token: string, body: unknown): Promise<RoundInfo> {
  const reply = await roundCall(server, token, 'POST', '/api/rounds', body);
  expect(reply.status, JSON.stringify(reply.json)).toBe(201);
  return reply.round;
}

export async function listRounds(server: TestServer, token: string): Promise<RoundInfo[]> {
  const reply = await api(server.url, token, 'GET', '/api/rounds');
  expect(reply.status).toBe(200);
  return reply.json.rounds as RoundInfo[];
}

/** Expects the document to be refused (4403, reason matching) before a single byte of it is sent. */
export async function expectRefused(
  server: TestServer,
  doc: string,
  token: string,
  reason: RegExp,
): Promise<void> {
  const socket = rawSocket(server.url, doc, token);
  const closed = await socket.closed;
  expect(closed.code).toBe(4403);
  expect(closed.reason).toMatch(reason);
  expect(socket.messages).toHaveLength(0);
}

/** The close the server sent, failing (and closing the socket) if it does not come in time. */
export async function closedWithin(socket: RawSocket, ms: number): Promise<{ code: number; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      socket.ws.terminate();
      reject(new Error(`the server did not close the socket within ${ms} ms (it was let in)`));
    }, ms);
  });
  try {
    return await Promise.race([socket.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
