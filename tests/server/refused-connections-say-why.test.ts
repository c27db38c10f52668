import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSocket } from './helpers/clients';
import { startTestServer, type TestServer } from './helpers/testServer';

describe('a connection the server refuses', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['without a token', 4401, (c: string) => `${c}/plan/p`, null],
    ['with an unknown token', 4401, (c: string) => `${c}/plan/p`, 'clt_nobody'],
    ['to an unknown document kind', 4404, (c: string) => `${c}/homework/p`, 'leader'],
    ['to a malformed name', 4404, (c: string) => `${c}/plan/..hidden`, 'leader'],
    ['to a name with too many parts', 4404, (c: string) => `${c}/plan/a/b`, 'leader'],
    ['to a meta document with an id', 4404, (c: string) => `${c}/meta/x`, 'leader'],
    ['to a malformed cluster id', 4404, () => 'Not_A_Cluster/plan/p', 'leader'],
  ])('%s is closed with %i and a reason, before any data', async (_name, code, docName, token) => {
    const socket = rawSocket(
      server.url,
      docName(server.cluster.clusterId),
      token === 'leader' ? server.leader.token : token,
    );
    const closed = await socket.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason.length).toBeGreaterThan(5);
    expect(socket.messages).toHaveLength(0);
  });
});
