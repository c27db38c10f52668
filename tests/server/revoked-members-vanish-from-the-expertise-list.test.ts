import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('revoked members vanish from the expertise list', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('lists only active members, and a revoked member can no longer set theirs', async () => {
    const sipho = await server.join('teacher', 'Sipho');
    const lerato = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    await api(server.url, sipho.token, 'PUT', '/api/me/expertise', { topics: ['electric circuits'] });
    await api(server.url, lerato.token, 'PUT', '/api/me/expertise', { topics: ['photosynthesis'] });
    const names = async () =>
      (
        (await api(server.url, server.leader.token, 'GET', '/api/expertise')).json.expertise as {
          name: string;
        }[]
      ).map((e) => e.name);
    expect(await names()).toEqual(['Sipho', 'Lerato']);

    await api(server.url, server.leader.token, 'POST', `/api/members/${sipho.member.id}/revoke`);
    expect(await names()).toEqual(['Lerato']);
    const refused = await api(server.url, sipho.token, 'PUT', '/api/me/expertise', { topics: ['density'] });
    expect(refused.status).toBe(401);
    expect(await names()).toEqual(['Lerato']);
  });
});
