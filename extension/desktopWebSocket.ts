// The WebSocket of VS Code's Node extension host: `ws` (older runtimes inside VS Code have no
// global WebSocket). It offers permessage-deflate as browsers do, with context takeover: a
// keystroke costs about 18 bytes up instead of 38 (bench scenario 1).
// - A 2 KB client window: the server keeps the window of every connection's sender as its
//   dictionary, so this keeps the server's memory per desktop connection at 2 KB.
// - Messages are compressed and decompressed on the event loop by zlib streams kept for the
//   connection (server/sync/clientCompression.ts), rather than by ws' zlib streams on libuv's
//   thread pool: a keystroke then costs a microsecond or two instead of several round trips
//   between threads. Where Node's zlib does not allow that, ws' own streams do the work.
// The bench's clients for our server are this very class (bench/lib/product.mjs bundles it).
import WebSocket from 'ws';
import { compressWithKeptStreams } from '../server/sync/clientCompression';

const CLIENT_WINDOW_BITS = 11;
/** ws' own default: what a server may send us in one message, decompressed. */
const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

export class DesktopWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { perMessageDeflate: { clientMaxWindowBits: CLIENT_WINDOW_BITS } });
    // The first 'open' listener: ws emits 'open' once the extension is agreed and before it
    // reads a message, and y-websocket sends its first message from a later listener.
    this.once('open', () => compressWithKeptStreams(this, MAX_MESSAGE_BYTES));
  }
}
