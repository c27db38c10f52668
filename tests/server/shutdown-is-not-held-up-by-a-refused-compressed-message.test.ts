import { describe, expect, it } from 'vitest';
import { rawSocket } from './helpers/clients';
import { startTestServer } from './helpers/testServer';

// A compressed message that inflates past the limit closes its connection (4413). ws must still
// be told the message is done with: before, its reader waited forever, the connection never
// reported 'close', and the server's shutdown waited for it without end.
describe('a compressed message over the size limit', () => {
  it('closes its connection with 4413 and the server still stops promptly', async () => {
    const server = await startTestServer({ limits: { maxMessageBytes: 1024 } });
    const doc = `${server.cluster.clusterId}/plan/bomb`;
    const socket = rawSocket(server.url, doc, server.leader.token);
    await socket.opened;
    // 64 KB of zeros compresses to a few dozen bytes (ws compresses with context takeover).
    socket.ws.send(new Uint8Array(64 * 1024));
    const closed = await socket.closed;
    expect(closed.code).toBe(4413);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 20_000);
});
