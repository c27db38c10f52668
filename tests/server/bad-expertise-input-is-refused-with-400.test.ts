import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('bad input to the expertise routes', () => {
  let server: TestServer;
  let sipho: TestMember;

  beforeEach(async () => {
    server = await startTestServer();
    sipho = await server.join('teacher', 'Sipho');
  });

  afterEach(async () => {
    await server.close();
  });

  it('is refused with 400 and a message that says what is wrong, and changes nothing', async () => {
    await api(server.url, sipho.token, 'PUT', '/api/me/expertise', { topics: ['electric circuits'] });
    const before = (await api(server.url, sipho.token, 'GET', '/api/expertise')).json;
    const twentyOne = Array.from({ length: 21 }, (_, i) => `topic ${i + 1}`);
    const cases: Array<[string, unknown, RegExp]> = [
      ['no topics at all', {}, /"topics" must be a list of strings/],
      [
        'topics as one string',
        { topics: 'electric circuits, density' },
        /"topics" must be a list of strings/,
      ],
      ['a topic that is not a string', { topics: ['density', 3] }, /"topics" must be a list of strings/],
      ['twenty-one topics', { topics: twentyOne }, /at most 20 topics \(got 21\)/],
      [
        'a topic of 81 characters',
        { topics: ['density', 'x'.repeat(81)] },
        /at most 80 characters; topic 2 is longer/,
      ],
      [
        'two topics too long',
        { topics: ['y'.repeat(200), 'ok', 'z'.repeat(81)] },
        /at most 80 characters; topics 1, 3 are longer/,
      ],
    ];
    for (const [what, body, message] of cases) {
      for (const path of ['/api/me/expertise', `/api/members/${sipho.member.id}/expertise`]) {
        const reply = await api(server.url, sipho.token, 'PUT', path, body);
        expect(reply.status, `${what} on ${path}`).toBe(400);
        expect(reply.json.code, what).toBe('invalid');
        expect(reply.json.error, what).toMatch(message);
      }
    }
    // The leader is held to the same rules.
    const leader = await api(
      server.url,
      server.leader.token,
      'PUT',
      `/api/members/${sipho.member.id}/expertise`,
      {
        topics: twentyOne,
      },
    );
    expect(leader.status).toBe(400);
    const notJson = await fetch(`${server.url}/api/me/expertise`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${sipho.token}`, 'Content-Type': 'application/json' },
      body: '["density"]',
    });
    expect(notJson.status).toBe(400);
    expect((await api(server.url, sipho.token, 'GET', '/api/expertise')).json).toEqual(before);
  });

  it('accepts the limits exactly: twenty topics of eighty characters, duplicates and blanks not counted', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `${String(i + 1).padStart(2, '0')}${'x'.repeat(78)}`);
    const reply = await api(server.url, sipho.token, 'PUT', '/api/me/expertise', {
      topics: [...twenty, twenty[0]!.toUpperCase(), ' ', ''],
    });
    expect(reply.status).toBe(200);
    expect((reply.json.expertise as { topics: string[] }).topics).toEqual(twenty);
  });
});
