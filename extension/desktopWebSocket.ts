// The WebSocket of VS Code's Node extension host: `ws` (older runtimes inside VS Code have no
// global WebSocket). It offers permessage-deflate as browsers do, with context takeover: a
// keystroke costs about 18 bytes up instead of 38 (bench scenario 1).
// - A 2 KB client window: the server keeps the window of every connection's sender as its
//   dictionary, so this keeps the server's memory per desktop connection at 2 KB.
// - Messages are compressed and decompressed one by one on the event loop, as the server does
//   (server/sync/compression.ts), rather than by ws' zlib stream on libuv's thread pool: a
//   keystroke then costs microseconds instead of several round trips between threads. What our
//   server sends refers at most 1 KB back (it says so in its handshake), so only that much of
//   what was received is kept as the dictionary, not a 32 KB window.
// The bench's clients for our server are this very class (bench/lib/product.mjs bundles it).
import WebSocket from 'ws';
import { announcedHistory, compressOnTheEventLoop, HISTORY_HEADER } from '../server/sync/compression';

const CLIENT_WINDOW_BITS = 11;
/** ws' own default: what a server may send us in one message, decompressed. */
const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

/**
 * Set when a message could not be inflated with only the history the server announced: something
 * between us that compresses again (a school's TLS-inspecting proxy, say) passed our server's
 * header on but refers further back. From then on, for every server, keep the whole window: the
 * connection that failed closes and its document reconnects as after any drop.
 */
let announcementsFailed = false;

export class DesktopWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { perMessageDeflate: { clientMaxWindowBits: CLIENT_WINDOW_BITS } });
    // Our server says how far back its messages refer (HISTORY_HEADER); ws emits 'upgrade' with
    // the handshake response before 'open'.
    let serverHistory: number | undefined;
    this.once('upgrade', (response) => {
      if (!announcementsFailed) serverHistory = announcedHistory(response.headers[HISTORY_HEADER]);
    });
    // The first 'open' listener: ws emits 'open' once the extension is agreed and before it
    // reads a message, and y-websocket sends its first message from a later listener.
    this.once('open', () => compressOnTheEventLoop(this, MAX_MESSAGE_BYTES, 'client', serverHistory));
    this.on('error', (error: Error & { code?: string }) => {
      if (serverHistory !== undefined && error.code === 'Z_DATA_ERROR') announcementsFailed = true;
    });
  }
}
