import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, waitFor } from './helpers/clients';
import { createRound, expectRefused, ROUND_INFO_FIELDS, roundCall } from './helpers/rounds';
import { startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('a leader proposes an observation round and the teacher accepts it', () => {
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

  it('is refused to everyone until the teacher accepts; then the observer writes to the teacher', async () => {
    const proposed = await createRound(server, server.leader.token, {
      teacher: teacher.member.id,
      plan: 'fractions-gr8',
      observers: [observer.member.id, server.leader.member.id],
      date: '2026-03-12',
      className: 'Grade 8B',
      focusQuestions: ['Do learners explain why equivalent fractions are equal?'],
    });
    const cluster = server.cluster.clusterId;
    expect(Object.keys(proposed).sort()).toEqual(ROUND_INFO_FIELDS);
    expect(proposed).toMatchObject({
      cluster,
      teacher: teacher.member.id,
      observers: [observer.member.id, server.leader.member.id],
      sharedWith: [],
      plan: `${cluster}/plan/fractions-gr8`,
      doc: `${cluster}/review/${proposed.id}`,
      status: 'proposed',
      proposedBy: server.leader.member.id,
      date: '2026-03-12',
      school: 'tonga-combined', // the teacher's school, not the leader's
      className: 'Grade 8B',
      focusQuestions: ['Do learners explain why equivalent fractions are equal?'],
      developmental: true,
      lessonStudy: false,
    });

    // No feedback can be attached before the teacher consents, not even by the teacher.
    for (const member of [teacher, observer, server.leader]) {
      await expectRefused(server, proposed.doc, member.token, /has not accepted/);
    }
    // Only the observed teacher accepts.
    for (const member of [observer, server.leader]) {
      const reply = await roundCall(server, member.token, 'POST', `/api/rounds/${proposed.id}/accept`);
      expect(reply.status).toBe(403);
      expect(reply.json.error).toMatch(/only the observed teacher/);
    }

    // The teacher accepts, moving the day and choosing the observers and the focus.
    const accepted = await roundCall(server, teacher.token, 'POST', `/api/rounds/${proposed.id}/accept`, {
      date: '2026-03-13',
      observers: [observer.member.id],
      focusQuestions: ['Which learners use the fraction wall?', 'Where do they get stuck?'],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.round).toMatchObject({
      status: 'open',
      date: '2026-03-13',
      observers: [observer.member.id],
      className: 'Grade 8B',
      focusQuestions: ['Which learners use the fraction wall?', 'Where do they get stuck?'],
      proposedBy: server.leader.member.id,
    });
    const again = await roundCall(server, teacher.token, 'POST', `/api/rounds/${proposed.id}/accept`);
    expect(again.status).toBe(409);
    expect(
      (await roundCall(server, teacher.token, 'POST', `/api/rounds/${proposed.id}/decline`)).status,
    ).toBe(409);

    const teacherClient = connectClient(server.url, proposed.doc, teacher.token);
    const observerClient = connectClient(server.url, proposed.doc, observer.token);
    await Promise.all([teacherClient.synced(), observerClient.synced()]);
    observerClient.text.insert(0, 'Strength: every learner had a fraction wall.');
    await waitFor(
      () => teacherClient.text.toString() === 'Strength: every learner had a fraction wall.',
      5_000,
      "the observer's note to reach the teacher",
    );

    // The proposer, no longer an observer, still sees where the round stands but not the feedback.
    const seen = await roundCall(server, server.leader.token, 'GET', `/api/rounds/${proposed.id}`);
    expect(seen.status).toBe(200);
    expect(seen.round.status).toBe('open');
    await expectRefused(server, proposed.doc, server.leader.token, /private/);
    teacherClient.destroy();
    observerClient.destroy();
  });
});
