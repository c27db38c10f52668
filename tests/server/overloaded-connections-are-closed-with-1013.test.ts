import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, rawSocket, waitFor } from './helpers/clients';
import { startTestServer, type TestServer } from './helpers/testServer';

describe('a connection that asks too much of the server', () => {
  let server: TestServer;

  afterEach(async () => {
    await server.close();
  });

  it('by sending messages too fast is closed with 1013 (try again later)', async () => {
    server = await startTestServer({ limits: { messagesPerSecond: 10, messageBurst: 20 } });
    const socket = rawSocket(server.url, `${server.cluster.clusterId}/plan/p`, server.leader.token);
    await socket.opened;
    for (let i = 0; i < 50; i++) socket.ws.send(new Uint8Array([3]));
    const closed = await socket.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/too many messages/);
  });

  it('by opening more documents than a member may is refused with 1013', async () => {
    server = await startTestServer({ limits: { maxDocsPerMember: 2 } });
    const open = [1, 2].map((i) =>
      rawSocket(server.url, `${server.cluster.clusterId}/plan/p${i}`, server.leader.token),
    );
    await Promise.all(open.map((s) => s.opened));
    const third = rawSocket(server.url, `${server.cluster.clusterId}/plan/p3`, server.leader.token);
    const refused = await third.closed;
    expect(refused.code).toBe(1013);
    expect(refused.reason).toMatch(/too many open documents/);
    expect(third.messages).toHaveLength(0);

    open[0]!.ws.close();
    await open[0]!.closed;
    const again = rawSocket(server.url, `${server.cluster.clusterId}/plan/p3`, server.leader.token);
    await again.opened;
    again.ws.close();
    open[1]!.ws.close();
  });

  it('by reading too slowly is closed with 1013 instead of being buffered for without bound', async () => {
    server = await startTestServer({ limits: { maxBufferedBytes: 1024 * 1024 } });
    const doc = `${server.cluster.clusterId}/plan/big`;
    const writer = connectClient(server.url, doc, server.leader.token);
    await writer.synced();
    const slow = rawSocket(server.url, doc, server.leader.token, { perMessageDeflate: false });
    await slow.opened;
    slow.ws.pause(); // stops reading from the socket: the server's send buffer fills up

    const chunk = 'x'.repeat(200 * 1024);
    const metrics = server.running.server.metrics;
    for (let i = 0; i < 150 && metrics.slowReadersClosed === 0; i++) {
      writer.text.insert(writer.text.length, chunk);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(metrics.slowReadersClosed).toBe(1);
    // The server queued nothing more; once the reader catches up it finds the close code.
    slow.ws.resume();
    const closed = await slow.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/too slow/);
    expect(writer.closes).toEqual([]);
    await waitFor(
      () => server.running.server.gateway.connectionCount === 1,
      5_000,
      'the slow reader to be gone',
    );
    writer.destroy();
  });

  it('that stops answering pings is dropped', async () => {
    server = await startTestServer({ limits: { pingIntervalMs: 100 } });
    const silent = rawSocket(server.url, `${server.cluster.clusterId}/plan/p`, server.leader.token, {
      autoPong: false,
    });
    await silent.opened;
    const closed = await silent.closed;
    expect(closed.code).toBe(1006); // terminated: a dead peer gets no close handshake
    await waitFor(
      () => server.running.server.gateway.connectionCount === 0,
      2_000,
      'the server to free the slot',
    );
  });
});
