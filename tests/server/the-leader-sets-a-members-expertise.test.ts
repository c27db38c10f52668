import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe("the cluster leader sets a member's expertise", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('writes down what a colleague is confident to help with, and the colleague can change it later', async () => {
    const lerato = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    const path = `/api/members/${lerato.member.id}/expertise`;
    const set = await api(server.url, server.leader.token, 'PUT', path, {
      topics: ['photosynthesis', 'starch test'],
    });
    expect(set.status).toBe(200);
    expect(set.json.expertise).toEqual({
      memberId: lerato.member.id,
      name: 'Lerato',
      school: 'Mbuzini Secondary',
      topics: ['photosynthesis', 'starch test'],
    });
    expect((await api(server.url, lerato.token, 'GET', '/api/expertise')).json.expertise).toEqual([
      set.json.expertise,
    ]);

    // Her own word counts as much: she may change it, by either route.
    await api(server.url, lerato.token, 'PUT', path, { topics: ['photosynthesis', 'practical work safety'] });
    const listed = await api(server.url, server.leader.token, 'GET', '/api/expertise');
    expect(listed.json.expertise).toEqual([
      expect.objectContaining({ topics: ['photosynthesis', 'practical work safety'] }),
    ]);

    // The leader's own, through the same route.
    const own = await api(
      server.url,
      server.leader.token,
      'PUT',
      `/api/members/${server.leader.member.id}/expertise`,
      {
        topics: ['assessment'],
      },
    );
    expect(own.status).toBe(200);
    expect(
      (
        (await api(server.url, lerato.token, 'GET', '/api/expertise')).json.expertise as { name: string }[]
      ).map((e) => e.name),
    ).toEqual(['Thandi Mokoena', 'Lerato']);
  });

  it('answers 404 for a member of another cluster, a revoked member and an unknown id', async () => {
    const other = server.createCluster('Bohlabela Cluster');
    const elsewhere = await api(
      server.url,
      server.leader.token,
      'PUT',
      `/api/members/${other.leader.id}/expertise`,
      {
        topics: ['density'],
      },
    );
    expect(elsewhere.status).toBe(404);
    const gone = await server.join('teacher', 'Sipho');
    await api(server.url, server.leader.token, 'POST', `/api/members/${gone.member.id}/revoke`);
    const revoked = await api(
      server.url,
      server.leader.token,
      'PUT',
      `/api/members/${gone.member.id}/expertise`,
      {
        topics: ['density'],
      },
    );
    expect(revoked.status).toBe(404);
    const unknown = await api(server.url, server.leader.token, 'PUT', '/api/members/m-nobody/expertise', {
      topics: ['density'],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('not-found');
    expect((await api(server.url, server.leader.token, 'GET', '/api/expertise')).json.expertise).toEqual([]);
  });
});
