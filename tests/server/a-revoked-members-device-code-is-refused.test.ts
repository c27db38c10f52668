import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe("a revoked member's device code", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('stops working when the member is revoked', async () => {
    const teacher = await server.join('teacher', 'Sipho');
    const issued = await api(
      server.url,
      server.leader.token,
      'POST',
      `/api/members/${teacher.member.id}/device-code`,
    );
    expect(issued.status).toBe(201);
    const code = issued.json.code as string;
    const revoke = await api(
      server.url,
      server.leader.token,
      'POST',
      `/api/members/${teacher.member.id}/revoke`,
    );
    expect(revoke.status).toBe(200);

    const preview = await api(server.url, null, 'GET', `/api/invites/${code}`);
    expect(preview.status).toBe(403);
    const refused = await api(server.url, null, 'POST', '/api/join', { invite: code });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({
      error: 'this device code is not valid; ask your cluster leader for a new device code',
      code: 'invite',
    });
  });
});
