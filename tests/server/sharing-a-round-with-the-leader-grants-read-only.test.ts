import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, sleep, waitFor } from './helpers/clients';
import { createRound, roundCall } from './helpers/rounds';
import { startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('sharing an observation round with the cluster leader', () => {
  let server: TestServer;
  let teacher: TestMember;
  let observer: TestMember;

  beforeEach(async () => {
    server = await startTestServer();
    teacher = await server.join('teacher', 'Sipho');
    observer = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
  });

  afterEach(async () => {
    await server.close();
  });

  it('lets the leader read the feedback but not write it or change the round', async () => {
    const round = await createRound(server, teacher.token, { observers: [observer.member.id] });
    const teacherClient = connectClient(server.url, round.doc, teacher.token);
    await teacherClient.synced();
    teacherClient.text.insert(0, 'Learners explained their reasoning in isiZulu first.');

    const shared = await roundCall(server, teacher.token, 'POST', `/api/rounds/${round.id}/share`, {
      members: [server.leader.member.id],
    });
    expect(shared.status).toBe(200);
    expect(shared.round.sharedWith).toEqual([server.leader.member.id]);

    const leaderClient = connectClient(server.url, round.doc, server.leader.token);
    await leaderClient.synced();
    await waitFor(
      () => leaderClient.text.toString() === 'Learners explained their reasoning in isiZulu first.',
      5_000,
      'the leader to read the feedback',
    );
    leaderClient.text.insert(0, 'Leader: ');
    await waitFor(() => leaderClient.denied.length > 0, 5_000, 'the leader to be told it is read-only');
    await sleep(100);
    expect(teacherClient.text.toString()).toBe('Learners explained their reasoning in isiZulu first.');

    const patch = await roundCall(server, server.leader.token, 'PATCH', `/api/rounds/${round.id}`, {
      status: 'completed',
    });
    expect(patch.status).toBe(403);
    const share = await roundCall(server, server.leader.token, 'POST', `/api/rounds/${round.id}/share`, {
      members: [observer.member.id],
    });
    expect(share.status).toBe(403);
    const seen = await roundCall(server, server.leader.token, 'GET', `/api/rounds/${round.id}`);
    expect(seen.round).toMatchObject({ status: 'open', sharedWith: [server.leader.member.id] });
    teacherClient.destroy();
    leaderClient.destroy();
  });
});
