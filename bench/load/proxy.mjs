// A loopback TCP proxy in front of a server that counts the bytes passing each way: the TCP
// payload, i.e. websocket frames exactly as sent (headers, client masks, permessage-deflate
// compression if negotiated) plus the HTTP upgrade. It does not see TCP/IP headers or ACKs.
// One proxy per client connection, so the counts belong to exactly one client.
import { connect, createServer } from 'node:net';

export function startCountingProxy(targetPort) {
  const counts = { up: 0, down: 0, connections: 0 };
  const sockets = new Set();
  const server = createServer((client) => {
    counts.connections += 1;
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    // Forward at once: Nagle's delay would be ours, not the server's.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk) => {
      counts.up += chunk.length;
    });
    upstream.on('data', (chunk) => {
      counts.down += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        counts,
        /** Bytes so far, up and down. */
        snapshot: () => ({ up: counts.up, down: counts.down }),
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
