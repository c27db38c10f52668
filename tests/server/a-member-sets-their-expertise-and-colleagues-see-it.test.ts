import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { whoKnows } from '../../core/pacesetter/expertise';
import type { Expertise } from '../../core/pacesetter/types';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('a member sets their expertise and colleagues see it', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('keeps the topics as written, tidied, and shows them to everyone in the cluster with name and school', async () => {
    const sipho = await server.join('teacher', 'Sipho');
    const lerato = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    const advisor = await server.join('advisor', 'Mr Nkosi');

    // Nobody has said anything yet.
    expect((await api(server.url, lerato.token, 'GET', '/api/expertise')).json).toEqual({ expertise: [] });

    const saved = await api(server.url, sipho.token, 'PUT', '/api/me/expertise', {
      topics: ['  Electric circuits ', 'series and   parallel circuits', 'electric CIRCUITS', '', '   '],
    });
    expect(saved.status).toBe(200);
    const siphos: Expertise = {
      memberId: sipho.member.id,
      name: 'Sipho',
      school: 'Tonga Combined',
      topics: ['Electric circuits', 'series and parallel circuits'],
    };
    expect(saved.json.expertise).toEqual(siphos);

    // Sipho reads it back; a colleague at another school, the advisor and the leader see it too.
    for (const reader of [sipho, lerato, advisor, server.leader]) {
      const listed = await api(server.url, reader.token, 'GET', '/api/expertise');
      expect(listed.status).toBe(200);
      expect(listed.json.expertise).toEqual([siphos]);
    }

    // The extension's "who can help with this week's topic" finds him from the list.
    const list = (await api(server.url, lerato.token, 'GET', '/api/expertise')).json.expertise as Expertise[];
    expect(whoKnows(list, 'Series and parallel circuits').map((m) => m.member.name)).toEqual(['Sipho']);

    // Setting again replaces the list; an empty list takes him off it.
    await api(server.url, lerato.token, 'PUT', '/api/me/expertise', { topics: ['photosynthesis'] });
    await api(server.url, sipho.token, 'PUT', '/api/me/expertise', { topics: ['electric circuits'] });
    expect((await api(server.url, advisor.token, 'GET', '/api/expertise')).json.expertise).toEqual([
      { ...siphos, topics: ['electric circuits'] },
      { memberId: lerato.member.id, name: 'Lerato', school: 'Mbuzini Secondary', topics: ['photosynthesis'] },
    ]);
    const cleared = await api(server.url, sipho.token, 'PUT', '/api/me/expertise', { topics: [] });
    expect(cleared.json.expertise).toEqual({ ...siphos, topics: [] });
    expect(
      ((await api(server.url, lerato.token, 'GET', '/api/expertise')).json.expertise as Expertise[]).map(
        (e) => e.name,
      ),
    ).toEqual(['Lerato']);
  });

  it("never shows one cluster's expertise to another, and asks for a token", async () => {
    const sipho = await server.join('teacher', 'Sipho');
    await api(server.url, sipho.token, 'PUT', '/api/me/expertise', { topics: ['electric circuits'] });
    const other = server.createCluster('Bohlabela Cluster');
    const stranger = await server.join('teacher', 'Zanele', 'other-school', other);
    expect((await api(server.url, stranger.token, 'GET', '/api/expertise')).json).toEqual({ expertise: [] });
    expect((await api(server.url, null, 'GET', '/api/expertise')).status).toBe(401);
    expect((await api(server.url, null, 'PUT', '/api/me/expertise', { topics: ['x'] })).status).toBe(401);
  });
});
