// What differs between the two extension hosts, decided once in each entry file.
export interface Platform {
  readonly host: 'node' | 'web';
  /** A WHATWG-compatible WebSocket constructor: the global one on the web, `ws` in Node. */
  readonly WebSocket: typeof globalThis.WebSocket;
}
