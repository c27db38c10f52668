import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { today } from '../../server/http/roundInput';
import { createRound, listRounds, roundCall } from './helpers/rounds';
import { startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('a teacher', () => {
  let server: TestServer;
  let teacher: TestMember;
  let colleague: TestMember;

  beforeEach(async () => {
    server = await startTestServer();
    teacher = await server.join('teacher', 'Sipho');
    colleague = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
  });

  afterEach(async () => {
    await server.close();
  });

  it('cannot propose an observation round for someone else, only open their own', async () => {
    const refused = await roundCall(server, teacher.token, 'POST', '/api/rounds', {
      teacher: colleague.member.id,
      observers: [teacher.member.id],
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({
      error: 'only the cluster leader or an advisor may propose an observation round for another teacher',
      code: 'forbidden',
    });
    expect(await listRounds(server, colleague.token)).toEqual([]);
    expect(await listRounds(server, teacher.token)).toEqual([]);

    // Naming oneself as the teacher is just opening one's own round, dated today by default.
    const own = await createRound(server, teacher.token, {
      teacher: teacher.member.id,
      observers: [colleague.member.id],
    });
    expect(own).toMatchObject({
      status: 'open',
      proposedBy: null,
      teacher: teacher.member.id,
      date: today(),
      school: 'tonga-combined',
      className: '',
      focusQuestions: [],
      plan: null,
    });
  });
});
