// Close codes say why (DESIGN.md). The stock y-websocket client does not reconnect after a
// code in 4400-4499 (a decision reconnecting cannot change) and retries, with backoff, after any other.
export const CloseCode = {
  /** Server shutting down or restarting; reconnect. */
  goingAway: 1001,
  /** A text frame: the protocol is binary. */
  unsupportedData: 1003,
  /** The document could not be loaded or stored; reconnect later. */
  internalError: 1011,
  /** Overloaded: too many messages, too many open documents, or a reader too slow. Retry later. */
  tryAgainLater: 1013,
  /** A frame that is not a valid y-websocket message, or an update Yjs cannot apply. */
  badMessage: 4400,
  /** No token, an unknown token, or a revoked member. */
  unauthorized: 4401,
  /** A member who may not read this document, or a document of another cluster. */
  forbidden: 4403,
  /** A malformed document name, an unknown kind, or a review round that does not exist. */
  unknownDocument: 4404,
  /** A message larger than the configured maximum. */
  messageTooLarge: 4413,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
