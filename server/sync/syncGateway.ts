// Websocket upgrades → admission (token, document name, access) → a Connection in its Room.
// Also the registry of open connections by member: for the per-member limit, revocation, and
// re-deciding access when a document's access lists change.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { asksForCompactSync } from '../../core/sync/compactSync';
import type { LogSink } from '../log';
import type { Metrics } from '../metrics';
import type { Limits } from '../options';
import type { Gatekeeper } from './admission';
import { CloseCode } from './closeCodes';
import { compressOnTheEventLoop, SYNC_COMPRESSION } from './compression';
import { Connection, truncateUtf8 } from './connection';
import type { RoomRegistry } from './roomRegistry';

const REFUSED_CLOSE_MS = 3_000;
const SHUTDOWN_CLOSE_MS = 2_000;

export class SyncGateway {
  private readonly wss: WebSocketServer;
  private readonly byMember = new Map<string, Set<Connection>>();
  private closing = false;

  constructor(
    private readonly gatekeeper: Gatekeeper,
    private readonly rooms: RoomRegistry,
    private readonly limits: Limits,
    private readonly metrics: Metrics,
    private readonly log: LogSink,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: limits.maxMessageBytes,
      perMessageDeflate: SYNC_COMPRESSION,
    });
  }

  get connectionCount(): number {
    let count = 0;
    for (const set of this.byMember.values()) count += set.size;
    return count;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /** Closes a revoked member's connections with 4401. */
  disconnectMember(memberId: string): void {
    for (const connection of this.byMember.get(memberId) ?? []) {
      connection.close(CloseCode.unauthorized, 'your access to this cluster was revoked');
    }
  }

  /** Decides again for every open connection of a document whose access lists changed. */
  accessChanged(docName: string): void {
    for (const connection of this.rooms.get(docName)?.connections ?? []) {
      const decision = this.gatekeeper.decide(connection.member, docName);
      if (decision.access === 'none') connection.close(CloseCode.forbidden, decision.reason);
      else connection.access = decision.access;
    }
  }

  /** Refuses new connections and closes the open ones (1001), waiting a moment for the handshakes. */
  async closeAll(): Promise<void> {
    this.closing = true;
    const closed: Promise<void>[] = [];
    for (const client of this.wss.clients) {
      if (client.readyState === WebSocket.CLOSED) continue;
      closed.push(new Promise((resolve) => client.once('close', () => resolve())));
    }
    for (const connections of this.byMember.values()) {
      for (const connection of connections) {
        connection.close(CloseCode.goingAway, 'server shutting down; reconnect shortly');
      }
    }
    const timeout = setTimeout(() => {
      for (const client of this.wss.clients) client.terminate();
    }, SHUTDOWN_CLOSE_MS);
    await Promise.all(closed);
    clearTimeout(timeout);
    this.wss.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    compressOnTheEventLoop(ws, this.limits.maxMessageBytes);
    mapOversizeClose(ws, this.limits.maxMessageBytes);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const admission = this.gatekeeper.admit(url.pathname, url.searchParams.get('token'));
    if (!admission.ok) {
      // Log the path only: the query string holds the token.
      const { code, reason, memberId } = admission;
      this.log({
        level: 'info',
        msg: 'connection refused',
        doc: url.pathname.slice(1, 200),
        code,
        reason,
        member: memberId,
      });
      this.refuse(ws, code, reason);
      return;
    }
    const { member, docName, access } = admission;
    const open = this.byMember.get(member.id) ?? new Set<Connection>();
    if (open.size >= this.limits.maxDocsPerMember) {
      this.refuse(
        ws,
        CloseCode.tryAgainLater,
        `too many open documents (limit ${this.limits.maxDocsPerMember})`,
      );
      return;
    }
    const room = this.rooms.open(docName);
    const deps = { limits: this.limits, metrics: this.metrics, log: this.log };
    const compactSync = asksForCompactSync(url.searchParams);
    const connection = new Connection(ws, { member, docName, access, compactSync }, deps, {
      message: (from, frame) => room.receive(from, frame),
      closed: (from) => {
        room.detach(from);
        open.delete(from);
        if (open.size === 0 && this.byMember.get(member.id) === open) this.byMember.delete(member.id);
      },
    });
    open.add(connection);
    this.byMember.set(member.id, open);
    this.metrics.connectionsOpened += 1;
    room.attach(connection);
    this.log({ level: 'debug', msg: 'connection opened', doc: docName, member: member.id, access });
  }

  private refuse(ws: WebSocket, code: number, reason: string): void {
    this.metrics.closed(code);
    ws.close(code, truncateUtf8(reason, 123));
    setTimeout(() => ws.terminate(), REFUSED_CLOSE_MS).unref();
  }
}

/**
 * ws closes a connection whose message exceeds maxPayload with 1009; we promised 4413, which
 * the stock client treats as final instead of reconnecting to send the same message again.
 */
function mapOversizeClose(ws: WebSocket, limit: number): void {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) =>
    code === 1009
      ? close(CloseCode.messageTooLarge, `message larger than ${limit} bytes`)
      : close(code, reason);
}
