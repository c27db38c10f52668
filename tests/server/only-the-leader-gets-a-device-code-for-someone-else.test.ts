import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('only the cluster leader gets a device code for someone else', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('refuses a teacher or an advisor asking for a colleague, with 403', async () => {
    const teacher = await server.join('teacher', 'Sipho');
    const advisor = await server.join('advisor', 'Mr Nkosi');
    const colleague = await server.join('teacher', 'Lerato');
    for (const caller of [teacher, advisor]) {
      const path = `/api/members/${colleague.member.id}/device-code`;
      const refused = await api(server.url, caller.token, 'POST', path);
      expect(refused.status).toBe(403);
      expect(refused.json.code).toBe('forbidden');
    }
    // Leader's id too: only for themselves.
    const path = `/api/members/${server.leader.member.id}/device-code`;
    expect((await api(server.url, teacher.token, 'POST', path)).status).toBe(403);
    // A member may use the same route for themselves.
    const own = await api(server.url, teacher.token, 'POST', `/api/members/${teacher.member.id}/device-code`);
    expect(own.status).toBe(201);
    expect((await api(server.url, null, 'POST', '/api/devices', {})).status).toBe(404);
    expect((await api(server.url, null, 'POST', '/api/me/device-code')).status).toBe(401);
  });

  it('answers 404 for members of another cluster and members who were revoked', async () => {
    const other = server.createCluster('Other Cluster');
    const elsewhere = await api(
      server.url,
      server.leader.token,
      'POST',
      `/api/members/${other.leader.id}/device-code`,
    );
    expect(elsewhere.status).toBe(404);
    const gone = await server.join('teacher', 'Sipho');
    await api(server.url, server.leader.token, 'POST', `/api/members/${gone.member.id}/revoke`);
    const revoked = await api(
      server.url,
      server.leader.token,
      'POST',
      `/api/members/${gone.member.id}/device-code`,
    );
    expect(revoked.status).toBe(404);
    expect(
      (await api(server.url, server.leader.token, 'POST', '/api/members/m-nobody/device-code')).status,
    ).toBe(404);
  });
});
