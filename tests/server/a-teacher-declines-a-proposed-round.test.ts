import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, expectRefused, listRounds, roundCall } from './helpers/rounds';
import { startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('a teacher declines a proposed observation round', () => {
  let server: TestServer;
  let teacher: TestMember;
  let observer: TestMember;
  let advisor: TestMember;

  beforeEach(async () => {
    server = await startTestServer();
    teacher = await server.join('teacher', 'Sipho');
    observer = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    advisor = await server.join('advisor', 'Mr Nkosi');
  });

  afterEach(async () => {
    await server.close();
  });

  it('keeps the review document refused, and the proposer sees it declined', async () => {
    const proposed = await createRound(server, advisor.token, {
      teacher: teacher.member.id,
      observers: [observer.member.id],
      date: '2026-04-02',
    });
    expect(proposed.status).toBe('proposed');
    expect(proposed.proposedBy).toBe(advisor.member.id);

    const declined = await roundCall(server, teacher.token, 'POST', `/api/rounds/${proposed.id}/decline`, {
      reason: 'Not in exam week, please.',
    });
    expect(declined.status).toBe(200);
    expect(declined.round.status).toBe('declined');

    for (const member of [teacher, observer]) {
      await expectRefused(server, proposed.doc, member.token, /declined/);
    }
    const seen = await roundCall(server, advisor.token, 'GET', `/api/rounds/${proposed.id}`);
    expect(seen.status).toBe(200);
    expect(seen.round.status).toBe('declined');
    expect((await listRounds(server, advisor.token)).map((r) => [r.id, r.status])).toEqual([
      [proposed.id, 'declined'],
    ]);

    // A declined round stays declined: it is neither accepted later nor patched open.
    const accept = await roundCall(server, teacher.token, 'POST', `/api/rounds/${proposed.id}/accept`);
    expect(accept.status).toBe(409);
    expect(accept.json.error).toMatch(/not a proposal/);
    const reopen = await roundCall(server, teacher.token, 'PATCH', `/api/rounds/${proposed.id}`, {
      status: 'open',
    });
    expect(reopen.status).toBe(409);
    await expectRefused(server, proposed.doc, teacher.token, /declined/);
  });

  it('is for the teacher alone to decline', async () => {
    const proposed = await createRound(server, server.leader.token, {
      teacher: teacher.member.id,
      observers: [observer.member.id],
    });
    for (const member of [observer, server.leader]) {
      expect(
        (await roundCall(server, member.token, 'POST', `/api/rounds/${proposed.id}/decline`)).status,
      ).toBe(403);
    }
    expect(
      (await roundCall(server, advisor.token, 'POST', `/api/rounds/${proposed.id}/decline`)).status,
    ).toBe(404);
    expect(
      (await roundCall(server, server.leader.token, 'GET', `/api/rounds/${proposed.id}`)).round.status,
    ).toBe('proposed');
  });
});
