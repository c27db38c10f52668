import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, waitFor } from './helpers/clients';
import { createRound, roundCall } from './helpers/rounds';
import { startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('the teacher changing a round with PATCH', () => {
  let server: TestServer;
  let teacher: TestMember;
  let kept: TestMember;
  let removed: TestMember;

  beforeEach(async () => {
    server = await startTestServer();
    teacher = await server.join('teacher', 'Sipho');
    kept = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    removed = await server.join('teacher', 'Zanele');
  });

  afterEach(async () => {
    await server.close();
  });

  it('closes the open connection of an observer it removes, and keeps the others', async () => {
    const round = await createRound(server, teacher.token, {
      observers: [kept.member.id, removed.member.id],
      date: '2026-05-04',
    });
    const teacherClient = connectClient(server.url, round.doc, teacher.token);
    const keptClient = connectClient(server.url, round.doc, kept.token);
    const removedClient = connectClient(server.url, round.doc, removed.token);
    await Promise.all([teacherClient.synced(), keptClient.synced(), removedClient.synced()]);

    const patched = await roundCall(server, teacher.token, 'PATCH', `/api/rounds/${round.id}`, {
      observers: [kept.member.id, teacher.member.id],
      className: 'Grade 9A',
      lessonStudy: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.round).toMatchObject({
      observers: [kept.member.id],
      className: 'Grade 9A',
      lessonStudy: true,
      date: '2026-05-04',
      status: 'open',
    });
    await waitFor(() => removedClient.closes.length > 0, 1_000, "the removed observer's connection to close");
    expect(removedClient.closes[0]).toMatchObject({ code: 4403, reason: expect.stringMatching(/private/) });
    expect((await roundCall(server, removed.token, 'GET', `/api/rounds/${round.id}`)).status).toBe(404);

    keptClient.text.insert(0, 'Still observing.');
    await waitFor(
      () => teacherClient.text.toString() === 'Still observing.',
      5_000,
      "the kept observer's note to reach the teacher",
    );
    expect(keptClient.connected()).toBe(true);

    // Completing the round keeps its notes open to follow-up; only the teacher completes it.
    expect(
      (await roundCall(server, kept.token, 'PATCH', `/api/rounds/${round.id}`, { status: 'completed' }))
        .status,
    ).toBe(403);
    const completed = await roundCall(server, teacher.token, 'PATCH', `/api/rounds/${round.id}`, {
      status: 'completed',
    });
    expect(completed.round.status).toBe('completed');
    keptClient.text.insert(keptClient.text.length, ' Follow-up done.');
    await waitFor(
      () => teacherClient.text.toString() === 'Still observing. Follow-up done.',
      5_000,
      'a note in the completed round to reach the teacher',
    );
    const reopened = await roundCall(server, teacher.token, 'PATCH', `/api/rounds/${round.id}`, {
      status: 'open',
    });
    expect(reopened.round.status).toBe('open');
    for (const client of [teacherClient, keptClient, removedClient]) client.destroy();
  });
});
