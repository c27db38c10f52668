import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/childServer';
import { connectClient, rawSocket, waitFor } from './helpers/clients';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('revoking a member', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it("through the leader's HTTP route closes their open connections with 4401 within a second", async () => {
    const teacher = await server.join('teacher', 'Sipho');
    const plan = connectClient(server.url, `${server.cluster.clusterId}/plan/p1`, teacher.token);
    const meta = connectClient(server.url, `${server.cluster.clusterId}/meta`, teacher.token);
    await Promise.all([plan.synced(), meta.synced()]);

    const started = Date.now();
    const revoked = await api(
      server.url,
      server.leader.token,
      'POST',
      `/api/members/${teacher.member.id}/revoke`,
    );
    expect(revoked.status).toBe(200);
    await waitFor(() => plan.closes.length > 0 && meta.closes.length > 0, 1_000, 'both connections to close');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(plan.closes[0]).toEqual({ code: 4401, reason: 'your access to this cluster was revoked' });
    expect(meta.closes[0]!.code).toBe(4401);

    // The token no longer opens anything, over websockets or HTTP.
    expect(
      (await rawSocket(server.url, `${server.cluster.clusterId}/plan/p1`, teacher.token).closed).code,
    ).toBe(4401);
    expect((await api(server.url, teacher.token, 'GET', '/api/me')).status).toBe(401);
    plan.destroy();
    meta.destroy();
  });

  it('with the command line, beside the running server, cuts them off within a second', async () => {
    const teacher = await server.join('teacher', 'Lerato');
    const plan = connectClient(server.url, `${server.cluster.clusterId}/plan/p2`, teacher.token);
    await plan.synced();

    const result = await runCli([
      'member',
      'revoke',
      '--data',
      server.dataDir,
      '--member',
      teacher.member.id,
    ]);
    const revokedAt = Date.now();
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ revoked: true, member: { id: teacher.member.id } });
    await waitFor(() => plan.closes.length > 0, 1_000, 'the connection to close');
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    expect(plan.closes[0]!.code).toBe(4401);
    plan.destroy();
  });

  it('is for leaders only', async () => {
    const teacher = await server.join('teacher', 'Sipho');
    const other = await server.join('teacher', 'Lerato');
    const attempt = await api(server.url, teacher.token, 'POST', `/api/members/${other.member.id}/revoke`);
    expect(attempt.status).toBe(403);
  });
});
