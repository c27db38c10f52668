import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, listRounds, roundCall } from './helpers/rounds';
import { startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('bad input to the round routes', () => {
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

  it('is refused with 400 and a message that says what is wrong, and creates nothing', async () => {
    const other = server.createCluster('Bohlabela Cluster');
    const stranger = await server.join('teacher', 'Other teacher', 'other-school', other);
    const eleven = Array.from({ length: 11 }, (_, i) => `Question ${i + 1}?`);
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['a day that does not exist', { date: '2026-02-30' }, /"date" must be a real day written YYYY-MM-DD/],
      ['a day written the other way', { date: '12/03/2026' }, /"date" must be a real day/],
      ['a month without its zero', { date: '2026-3-12' }, /"date" must be a real day/],
      ['a date as a number', { date: 20260312 }, /"date" must be a real day/],
      ['eleven focus questions', { focusQuestions: eleven }, /at most 10 questions \(got 11\)/],
      [
        'a focus question too long',
        { focusQuestions: ['ok?', 'x'.repeat(301)] },
        /focus question 2 is longer than 300/,
      ],
      ['focus questions that are not strings', { focusQuestions: [1, 2] }, /"focusQuestions" must be a list/],
      ['a class name too long', { className: 'G'.repeat(81) }, /"className" is longer than 80/],
      [
        'an observer who is not a member',
        { observers: ['m-nobody'] },
        /not a member of this cluster: m-nobody/,
      ],
      [
        'an observer of another cluster',
        { observers: [stranger.member.id] },
        new RegExp(`not a member of this cluster: ${stranger.member.id}`),
      ],
      ['observers that are not a list', { observers: 'm-x' }, /"observers" must be a list of member ids/],
      ['a malformed plan id', { plan: '../etc' }, /malformed plan id/],
      ['a school not in the cluster', { school: 'nowhere' }, /"school" must name a school of this cluster/],
      ['developmental as a word', { developmental: 'yes' }, /"developmental" must be true or false/],
    ];
    for (const [what, body, message] of cases) {
      const reply = await roundCall(server, teacher.token, 'POST', '/api/rounds', {
        observers: [observer.member.id],
        date: '2026-03-12',
        ...body,
      });
      expect(reply.status, what).toBe(400);
      expect(reply.json.code, what).toBe('invalid');
      expect(reply.json.error, what).toMatch(message);
    }

    for (const [what, text] of [
      ['malformed JSON', '{"observers": ['],
      ['a JSON list', '[]'],
    ] as const) {
      const response = await fetch(`${server.url}/api/rounds`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${teacher.token}`, 'Content-Type': 'application/json' },
        body: text,
      });
      expect(response.status, what).toBe(400);
      expect(((await response.json()) as { error: string }).error, what).toMatch(/JSON/);
    }
    expect(await listRounds(server, teacher.token)).toEqual([]);

    // The same checks guard changes to a round, which stays as it was.
    const round = await createRound(server, teacher.token, {
      observers: [observer.member.id],
      date: '2026-03-12',
    });
    const patches: Array<[Record<string, unknown>, RegExp]> = [
      [{ date: '2026-13-01' }, /"date" must be a real day/],
      [{ observers: ['m-nobody'] }, /not a member of this cluster/],
      [{ status: 'declined' }, /"status" may be set to "completed" or back to "open"/],
      [{ lessonStudy: 1 }, /"lessonStudy" must be true or false/],
    ];
    for (const [body, message] of patches) {
      const reply = await roundCall(server, teacher.token, 'PATCH', `/api/rounds/${round.id}`, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.error).toMatch(message);
    }
    expect((await roundCall(server, teacher.token, 'GET', `/api/rounds/${round.id}`)).round).toEqual(round);

    const proposed = await createRound(server, server.leader.token, { teacher: teacher.member.id });
    const accept = await roundCall(server, teacher.token, 'POST', `/api/rounds/${proposed.id}/accept`, {
      focusQuestions: eleven,
    });
    expect(accept.status).toBe(400);
    const decline = await roundCall(server, teacher.token, 'POST', `/api/rounds/${proposed.id}/decline`, {
      reason: 'x'.repeat(501),
    });
    expect(decline.status).toBe(400);
    expect(decline.json.error).toMatch(/"reason" is longer than 500/);
    expect((await roundCall(server, teacher.token, 'GET', `/api/rounds/${proposed.id}`)).round.status).toBe(
      'proposed',
    );
    const proposeForStranger = await roundCall(server, server.leader.token, 'POST', '/api/rounds', {
      teacher: stranger.member.id,
    });
    expect(proposeForStranger.status).toBe(400);
    expect(proposeForStranger.json.error).toMatch(/"teacher" names someone who is not a member/);
  });
});
