// One client of one document, as each server's own client library makes it: y-websocket's
// WebsocketProvider for ours and stock (ours adds the member's token and asks for the first sync
// in Yjs' v2 encoding, as the extension does), @hocuspocus/provider for Hocuspocus. Node's `ws` is the WebSocket: for ours the desktop
// extension's own (extension/desktopWebSocket.ts, bundled by bench/lib/product.mjs), library
// defaults for the peers. Presence (awareness) is left on, as each library sets it up by default.
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export const TEXT = 'body';

if (process.env.BENCH_DESKTOP_WEBSOCKET === undefined || process.env.BENCH_COMPACT_SYNC === undefined) {
  throw new Error(
    'BENCH_DESKTOP_WEBSOCKET or BENCH_COMPACT_SYNC is not set: bench/run.mjs bundles the extension’s client first',
  );
}
const { DesktopWebSocket } = await import(process.env.BENCH_DESKTOP_WEBSOCKET);
const { acceptCompactSync, COMPACT_SYNC_PARAMS } = await import(process.env.BENCH_COMPACT_SYNC);

/**
 * kind: 'ours' | 'stock' | 'hocuspocus'; port: where to connect (the server or a proxy);
 * token: ours only. `connect: false` leaves the client offline until connect().
 */
export function openClient({ kind, port, docName, token, doc = new Y.Doc(), connect = true }) {
  const url = `ws://127.0.0.1:${port}`;
  // Closes we did not ask for (the server's, or a dropped connection), with their codes.
  const closes = [];
  let closingOurselves = false;
  const closed = (code) => {
    if (!closingOurselves) closes.push(code ?? 'none');
  };
  let provider;
  let isSynced;
  const syncedListeners = new Set();
  const notifySynced = () => {
    for (const listener of syncedListeners) listener();
  };
  if (kind === 'hocuspocus') {
    provider = new HocuspocusProvider({
      url,
      name: docName,
      document: doc,
      WebSocketPolyfill: WebSocket,
      autoConnect: connect,
    });
    provider.on('synced', notifySynced);
    provider.on('close', ({ event }) => closed(event?.code));
    isSynced = () => provider.isSynced;
  } else {
    const ours = kind === 'ours';
    provider = new WebsocketProvider(url, docName, doc, {
      WebSocketPolyfill: ours ? DesktopWebSocket : WebSocket,
      params: ours ? { token, ...COMPACT_SYNC_PARAMS } : {},
      disableBc: true,
      connect,
    });
    // As extension/sync/docSession.ts does: ask for the first sync in Yjs' v2 encoding.
    if (ours)
      acceptCompactSync(provider, (error) => console.error('could not apply a v2 sync step 2', error));
    provider.on('sync', (synced) => synced && notifySynced());
    // `event` is null when the provider closed the socket itself (disconnect(), its watchdog).
    provider.on('connection-close', (event) => event !== null && closed(event.code));
    isSynced = () => provider.synced;
  }
  return {
    kind,
    doc,
    text: doc.getText(TEXT),
    provider,
    closes,
    /** Resolves once the first sync with the server finished (after connect()). */
    whenSynced(timeoutMs) {
      if (isSynced()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          syncedListeners.delete(done);
          reject(new Error(`${docName}: not synced after ${timeoutMs} ms (closes: ${closes.join(',')})`));
        }, timeoutMs);
        function done() {
          clearTimeout(timer);
          syncedListeners.delete(done);
          resolve();
        }
        syncedListeners.add(done);
      });
    },
    get synced() {
      return isSynced();
    },
    connect() {
      closingOurselves = false;
      provider.connect();
    },
    disconnect() {
      closingOurselves = true;
      provider.disconnect();
    },
    destroy() {
      closingOurselves = true;
      provider.destroy();
      doc.destroy();
    },
  };
}
