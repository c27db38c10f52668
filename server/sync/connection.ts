// One member's websocket to one document: what it may do, how fast it may talk, and how much
// we are willing to buffer for it.
import type { WebSocket } from 'ws';
import type { Access } from '../../core/cluster/permissions';
import type { Member } from '../directory/directory';
import type { LogSink } from '../log';
import type { Metrics } from '../metrics';
import { CloseCode } from './closeCodes';
import { encodePermissionDenied } from './protocol';
import { RateLimiter } from './rateLimiter';

export interface ConnectionLimits {
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Bytes we queue for a reader before deciding it is too slow. */
  readonly maxBufferedBytes: number;
  readonly pingIntervalMs: number;
}

export interface ConnectionEvents {
  message(connection: Connection, frame: Uint8Array): void;
  closed(connection: Connection): void;
}

const DENIED_NOTICE_INTERVAL_MS = 2_000;
// Nothing more is queued for a closing connection, so waiting costs no more memory than it
// holds already; a slow reader gets time to read what is queued and then our close code.
const CLOSE_HANDSHAKE_MS = 10_000;

export class Connection {
  /** Awareness client ids this connection introduced; removed when it closes. */
  readonly awarenessIds = new Set<number>();
  private readonly limiter: RateLimiter;
  private readonly pingTimer: NodeJS.Timeout;
  private alive = true;
  private closing = false;
  private lastDeniedNotice = Number.NEGATIVE_INFINITY;

  readonly member: Member;
  readonly docName: string;
  access: Exclude<Access, 'none'>;
  /** It asked for our answer to its sync step 1 in Yjs' v2 encoding (core/sync/compactSync.ts). */
  readonly compactSync: boolean;
  private readonly limits: ConnectionLimits;
  private readonly metrics: Metrics;
  private readonly log: LogSink;

  constructor(
    private readonly ws: WebSocket,
    who: { member: Member; docName: string; access: Exclude<Access, 'none'>; compactSync?: boolean },
    deps: { limits: ConnectionLimits; metrics: Metrics; log: LogSink },
    events: ConnectionEvents,
  ) {
    this.member = who.member;
    this.docName = who.docName;
    this.access = who.access;
    this.compactSync = who.compactSync === true;
    this.limits = deps.limits;
    this.metrics = deps.metrics;
    this.log = deps.log;
    const limits = deps.limits;
    this.limiter = new RateLimiter(limits.messagesPerSecond, limits.messageBurst);
    ws.on('message', (data, isBinary) => {
      if (this.closing) return;
      const frame = toBytes(data);
      this.metrics.messagesReceived += 1;
      this.metrics.bytesReceived += frame.byteLength;
      if (!isBinary) {
        this.close(CloseCode.unsupportedData, 'y-websocket messages are binary');
        return;
      }
      if (!this.limiter.take()) {
        this.close(CloseCode.tryAgainLater, 'too many messages; slow down and reconnect');
        return;
      }
      events.message(this, frame);
    });
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('close', (code) => {
      clearInterval(this.pingTimer);
      this.closing = true;
      this.metrics.closed(code);
      events.closed(this);
    });
    ws.on('error', () => {
      // ws closes the socket itself after an error (e.g. a frame over the size limit); 'close' follows.
    });
    // A connection that stops answering pings is dead (a phone that lost signal); free its slot.
    this.pingTimer = setInterval(() => {
      if (!this.alive) {
        this.ws.terminate();
        return;
      }
      this.alive = false;
      this.ws.ping();
    }, limits.pingIntervalMs);
    this.pingTimer.unref();
  }

  get isOpen(): boolean {
    return !this.closing && this.ws.readyState === this.ws.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.isOpen) return;
    // Close a reader that does not keep up instead of buffering for it without bound.
    if (this.ws.bufferedAmount + message.byteLength > this.limits.maxBufferedBytes) {
      this.metrics.slowReadersClosed += 1;
      this.close(CloseCode.tryAgainLater, 'connection too slow to keep up; reconnect later');
      return;
    }
    this.metrics.bytesSent += message.byteLength;
    this.ws.send(message);
  }

  /** Tells a read-only client its change was dropped (y-protocols auth message), at most every 2 s. */
  tellPermissionDenied(reason: string): void {
    const now = performance.now();
    if (now - this.lastDeniedNotice < DENIED_NOTICE_INTERVAL_MS) return;
    this.lastDeniedNotice = now;
    this.send(encodePermissionDenied(reason));
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    if (code !== CloseCode.goingAway) {
      this.log({
        level: 'info',
        msg: 'connection closed by the server',
        doc: this.docName,
        member: this.member.id,
        code,
        reason,
      });
    }
    // Close reasons are limited to 123 bytes by the websocket protocol.
    this.ws.close(code, truncateUtf8(reason, 123));
    // A peer that never answers the close handshake must not hold its socket (or our buffers).
    setTimeout(() => this.ws.terminate(), CLOSE_HANDSHAKE_MS).unref();
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export function truncateUtf8(text: string, maxBytes: number): string {
  let out = text;
  while (Buffer.byteLength(out) > maxBytes) out = out.slice(0, -1);
  return out;
}
