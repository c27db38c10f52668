import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawSocket } from './helpers/clients';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('a member of one cluster', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('cannot open any document of another cluster, and is refused before any of it is sent', async () => {
    const other = server.createCluster('Bohlabela Cluster');
    // Give the other cluster a round and content, so there is something to leak.
    const otherTeacher = await server.join('teacher', 'Other teacher', 'other-school', other);
    const round = await api(server.url, otherTeacher.token, 'POST', '/api/rounds', { observers: [] });
    const roundId = (round.json.round as { id: string }).id;
    const names = [
      `${other.clusterId}/meta`,
      `${other.clusterId}/pacesetter/ns-8`,
      `${other.clusterId}/coverage/other-school`,
      `${other.clusterId}/plan/p1`,
      `${other.clusterId}/review/${roundId}`,
    ];
    for (const token of [server.leader.token, (await server.join('teacher', 'Sipho')).token]) {
      for (const name of names) {
        const socket = rawSocket(server.url, name, token);
        const closed = await socket.closed;
        expect(closed.code, name).toBe(4403);
        expect(closed.reason).toMatch(/another cluster/);
        expect(socket.messages, name).toHaveLength(0);
      }
    }
    // The other cluster's own teacher is let in (the refusal is about membership, not the names).
    const own = rawSocket(server.url, `${other.clusterId}/plan/p1`, otherTeacher.token);
    await own.opened;
    own.ws.close();
  });
});
