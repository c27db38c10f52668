import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe("a teacher cannot set a colleague's expertise", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('refuses a teacher or an advisor with 403 and leaves the colleague as they were', async () => {
    const sipho = await server.join('teacher', 'Sipho');
    const advisor = await server.join('advisor', 'Mr Nkosi');
    const lerato = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    await api(server.url, lerato.token, 'PUT', '/api/me/expertise', { topics: ['photosynthesis'] });
    const before = (await api(server.url, lerato.token, 'GET', '/api/expertise')).json;

    for (const caller of [sipho, advisor]) {
      for (const target of [lerato.member.id, server.leader.member.id]) {
        const refused = await api(server.url, caller.token, 'PUT', `/api/members/${target}/expertise`, {
          topics: ['nothing she said'],
        });
        expect(refused.status).toBe(403);
        expect(refused.json.code).toBe('forbidden');
        expect(refused.json.error).toMatch(
          /only the cluster leader .* use \/api\/me\/expertise for your own/,
        );
      }
    }
    expect((await api(server.url, lerato.token, 'GET', '/api/expertise')).json).toEqual(before);

    // A teacher may use the same route for themselves.
    const own = await api(server.url, sipho.token, 'PUT', `/api/members/${sipho.member.id}/expertise`, {
      topics: ['electric circuits'],
    });
    expect(own.status).toBe(200);
  });
});
