// Real y-websocket clients (the stock WebsocketProvider) and raw sockets for bad input.
import { type ClientOptions, WebSocket } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { acceptCompactSync, COMPACT_SYNC_PARAMS } from '../../../core/sync/compactSync';

export interface Client {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly text: Y.Text;
  /** Updates this client received from the server, in order. */
  readonly received: Uint8Array[];
  /** Reasons of "permission denied" messages the server sent. */
  readonly denied: string[];
  /** Close events the server sent (code, reason). */
  readonly closes: Array<{ code: number; reason: string }>;
  /** The y-websocket message type of every message the server sent, in order. */
  readonly messageTypes: number[];
  synced(timeoutMs?: number): Promise<void>;
  /** Whether the websocket is open now. */
  connected(): boolean;
  destroy(): void;
}

/**
 * `ws` without permessage-deflate. With it, a message waits for zlib on the thread pool before it
 * is sent, and tests that type and then ask the server over HTTP (or flush and close) would race
 * it. Compression is tested on its own (keystrokes-travel-compressed.test.ts) and end to end.
 */
class UncompressedWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols, { perMessageDeflate: false });
  }
}

/** `compactSync`: ask for the first sync in Yjs' v2 encoding, as the extension does. */
export function connectClient(
  url: string,
  docName: string,
  token: string,
  doc = new Y.Doc(),
  { compactSync = false }: { compactSync?: boolean } = {},
): Client {
  const provider = new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: UncompressedWebSocket as unknown as typeof globalThis.WebSocket,
    params: compactSync ? { token, ...COMPACT_SYNC_PARAMS } : { token },
    // Clients in one test process must talk through the server, not a BroadcastChannel.
    disableBc: true,
    maxBackoffTime: 300,
  });
  const received: Uint8Array[] = [];
  const denied: string[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === provider) received.push(update);
  });
  provider.messageHandlers[2] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denied.push(reason));
  };
  if (compactSync) acceptCompactSync(provider, (error) => console.error('v2 sync step 2 failed', error));
  // y-websocket looks up each message's handler by its type, once per message, handled or not.
  const messageTypes: number[] = [];
  provider.messageHandlers = new Proxy(provider.messageHandlers, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) messageTypes.push(Number(key));
      return Reflect.get(target, key, receiver);
    },
  });
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    text: doc.getText('body'),
    received,
    denied,
    closes,
    messageTypes,
    synced: (timeoutMs = 10_000) => waitFor(() => provider.synced, timeoutMs, `${docName} to sync`),
    connected: () => provider.wsconnected,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Like waitFor, for a condition that has to ask the server. */
export async function eventually(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface RawSocket {
  readonly ws: WebSocket;
  readonly messages: Uint8Array[];
  readonly opened: Promise<void>;
  /** Resolves with the close code and reason the server sent. */
  readonly closed: Promise<{ code: number; reason: string }>;
}

/** A bare websocket to a document, for frames no well-behaved client would send. */
export function rawSocket(
  url: string,
  docName: string,
  token: string | null,
  options: ClientOptions = {},
): RawSocket {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/${docName}${query}`, options);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before open')));
  });
  opened.catch(() => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, messages, opened, closed };
}

/** Whether every update in `updates` is already contained in `state` (applying them changes nothing). */
export function containsAll(state: Uint8Array, updates: readonly Uint8Array[]): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  let changed = false;
  doc.on('update', () => {
    changed = true;
  });
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  doc.destroy();
  return !changed;
}
