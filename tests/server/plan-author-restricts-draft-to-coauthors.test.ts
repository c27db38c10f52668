import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, rawSocket, waitFor } from './helpers/clients';
import { api, startTestServer, type TestMember, type TestServer, serverHasAllOf } from './helpers/testServer';

describe('a plan author restricting a draft to named co-authors', () => {
  let server: TestServer;
  let author: TestMember;
  let coAuthor: TestMember;
  let colleague: TestMember;
  let doc: string;

  beforeEach(async () => {
    server = await startTestServer();
    author = await server.join('teacher', 'Sipho');
    coAuthor = await server.join('teacher', 'Lerato');
    colleague = await server.join('teacher', 'Zanele');
    doc = `${server.cluster.clusterId}/plan/draft-1`;
    // The first member to store an update in a plan is its author.
    const writer = connectClient(server.url, doc, author.token);
    await writer.synced();
    writer.text.insert(0, 'Draft: density of liquids.');
    await serverHasAllOf(server, doc, writer.doc);
    await server.running.flush();
    await waitFor(
      () => writer.received.length === 0 && server.running.server.writer.queued === 0,
      2_000,
      'the write',
    );
    writer.destroy();
  });

  afterEach(async () => {
    await server.close();
  });

  it('lets the co-authors write while the rest of the cluster may only read, and a private draft is refused', async () => {
    const colleagueClient = connectClient(server.url, doc, colleague.token);
    await colleagueClient.synced();
    const restricted = await api(server.url, author.token, 'PUT', '/api/plans/draft-1/coauthors', {
      coAuthors: [coAuthor.member.id],
      othersMayRead: true,
    });
    expect(restricted.status).toBe(200);
    expect(restricted.json.restriction).toEqual({
      coAuthors: [author.member.id, coAuthor.member.id],
      othersMayRead: true,
    });

    // The open connection of a colleague becomes read-only at once.
    colleagueClient.text.insert(0, 'colleague edit ');
    await waitFor(() => colleagueClient.denied.length > 0, 5_000, 'the colleague to be told');
    const coAuthorClient = connectClient(server.url, doc, coAuthor.token);
    await coAuthorClient.synced();
    expect(coAuthorClient.text.toString()).toBe('Draft: density of liquids.');
    coAuthorClient.text.insert(coAuthorClient.text.length, ' Materials: water, oil.');
    await waitFor(
      () => colleagueClient.text.toString().endsWith('oil.'),
      5_000,
      'the co-author edit to reach the reader',
    );

    // Someone else may not change the restriction.
    expect((await api(server.url, colleague.token, 'DELETE', '/api/plans/draft-1/coauthors')).status).toBe(
      403,
    );

    // Made private: the colleague's connection closes with 4403, and a new one is refused.
    await api(server.url, author.token, 'PUT', '/api/plans/draft-1/coauthors', {
      coAuthors: [coAuthor.member.id],
      othersMayRead: false,
    });
    await waitFor(() => colleagueClient.closes.length > 0, 1_000, 'the colleague to be closed');
    expect(colleagueClient.closes[0]!.code).toBe(4403);
    expect((await rawSocket(server.url, doc, colleague.token).closed).code).toBe(4403);

    // Lifting the restriction lets everyone write again.
    expect((await api(server.url, author.token, 'DELETE', '/api/plans/draft-1/coauthors')).status).toBe(200);
    const again = rawSocket(server.url, doc, colleague.token);
    await again.opened;
    again.ws.close();
    colleagueClient.destroy();
    coAuthorClient.destroy();
  });

  it('is for the author or the leader only, and a new plan is claimed by whoever restricts it first', async () => {
    expect(
      (await api(server.url, coAuthor.token, 'PUT', '/api/plans/draft-1/coauthors', { coAuthors: [] }))
        .status,
    ).toBe(403);
    expect(
      (await api(server.url, server.leader.token, 'PUT', '/api/plans/draft-1/coauthors', { coAuthors: [] }))
        .status,
    ).toBe(200);
    const fresh = await api(server.url, colleague.token, 'PUT', '/api/plans/new-plan/coauthors', {
      coAuthors: [author.member.id],
    });
    expect(fresh.status).toBe(200);
    const access = await api(server.url, author.token, 'GET', '/api/plans/new-plan/access');
    expect(access.json).toMatchObject({
      author: colleague.member.id,
      restriction: { coAuthors: [colleague.member.id, author.member.id] },
    });
  });
});
