// The WebSocket of VS Code's Node extension host: `ws` (older runtimes inside VS Code have no
// global WebSocket). It offers permessage-deflate as browsers do; asking for an 2 KB window
// keeps the server's decompressor for this connection small. With context takeover a keystroke
// costs about 18 bytes up instead of 38 (bench scenario 1). The options live in a JSON file so
// that the bench's clients use exactly these (bench/load/clients.mjs).
import WebSocket, { type PerMessageDeflateOptions } from 'ws';
import compression from './sync/desktopCompression.json';

export class DesktopWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { perMessageDeflate: compression satisfies PerMessageDeflateOptions });
  }
}
