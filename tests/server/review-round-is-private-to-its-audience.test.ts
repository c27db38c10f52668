import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, rawSocket, sleep, waitFor } from './helpers/clients';
import { api, startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('an observation round (review document)', () => {
  let server: TestServer;
  let teacher: TestMember;
  let observer: TestMember;
  let outsider: TestMember;
  let advisor: TestMember;
  let roundId: string;
  let doc: string;

  beforeEach(async () => {
    server = await startTestServer();
    teacher = await server.join('teacher', 'Sipho');
    observer = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    outsider = await server.join('teacher', 'Zanele');
    advisor = await server.join('advisor', 'Mr Nkosi');
    const created = await api(server.url, teacher.token, 'POST', '/api/rounds', {
      observers: [observer.member.id],
      plan: 'photosynthesis',
    });
    expect(created.status).toBe(201);
    roundId = (created.json.round as { id: string }).id;
    doc = `${server.cluster.clusterId}/review/${roundId}`;
  });

  afterEach(async () => {
    await server.close();
  });

  it('is refused to members outside its audience, before any of it is sent, even to the leader', async () => {
    const teacherClient = connectClient(server.url, doc, teacher.token);
    await teacherClient.synced();
    teacherClient.text.insert(0, 'Learners asked good questions about chlorophyll.');
    for (const member of [outsider, advisor, server.leader]) {
      const socket = rawSocket(server.url, doc, member.token);
      const closed = await socket.closed;
      expect(closed.code).toBe(4403);
      expect(closed.reason).toMatch(/private/);
      expect(socket.messages).toHaveLength(0);
    }
    expect((await api(server.url, outsider.token, 'GET', `/api/rounds/${roundId}`)).status).toBe(404);
    teacherClient.destroy();
  });

  it('is written by the teacher and the observers, and read by those the teacher shares it with', async () => {
    const teacherClient = connectClient(server.url, doc, teacher.token);
    const observerClient = connectClient(server.url, doc, observer.token);
    await Promise.all([teacherClient.synced(), observerClient.synced()]);
    observerClient.text.insert(0, 'Strength: clear starter activity.');
    await waitFor(() => teacherClient.text.length > 0, 5_000, 'the observer note to reach the teacher');

    const shared = await api(server.url, teacher.token, 'POST', `/api/rounds/${roundId}/share`, {
      members: [advisor.member.id],
    });
    expect(shared.status).toBe(200);
    const advisorClient = connectClient(server.url, doc, advisor.token);
    await advisorClient.synced();
    await waitFor(
      () => advisorClient.text.toString() === 'Strength: clear starter activity.',
      5_000,
      'the advisor to read',
    );
    advisorClient.text.insert(0, 'advisor edit ');
    await waitFor(() => advisorClient.denied.length > 0, 5_000, 'the advisor to be told it is read-only');
    await sleep(50);
    expect(teacherClient.text.toString()).toBe('Strength: clear starter activity.');

    // Only the observed teacher shares; withdrawing the share closes the advisor's connection.
    expect(
      (
        await api(server.url, observer.token, 'POST', `/api/rounds/${roundId}/share`, {
          members: [outsider.member.id],
        })
      ).status,
    ).toBe(403);
    await api(server.url, teacher.token, 'POST', `/api/rounds/${roundId}/unshare`, {
      members: [advisor.member.id],
    });
    await waitFor(() => advisorClient.closes.length > 0, 1_000, 'the advisor connection to close');
    expect(advisorClient.closes[0]!.code).toBe(4403);
    for (const client of [teacherClient, observerClient, advisorClient]) client.destroy();
  });

  it('that does not exist is an unknown document (4404)', async () => {
    const closed = await rawSocket(
      server.url,
      `${server.cluster.clusterId}/review/r-doesnotexist`,
      teacher.token,
    ).closed;
    expect(closed.code).toBe(4404);
  });
});
