import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, listRounds } from './helpers/rounds';
import { startTestServer, type TestMember, type TestServer } from './helpers/testServer';

describe('GET /api/rounds', () => {
  let server: TestServer;
  let sipho: TestMember;
  let lerato: TestMember;
  let zanele: TestMember;
  let bystander: TestMember;

  beforeEach(async () => {
    server = await startTestServer();
    sipho = await server.join('teacher', 'Sipho');
    lerato = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    zanele = await server.join('teacher', 'Zanele');
    bystander = await server.join('advisor', 'Mr Nkosi');
  });

  afterEach(async () => {
    await server.close();
  });

  it('lists exactly the rounds the caller is in (teacher, observer, audience or proposer), newest lesson first', async () => {
    const siphoObservedByLerato = await createRound(server, sipho.token, {
      observers: [lerato.member.id],
      date: '2026-03-01',
    });
    const leratoSharedWithSipho = await createRound(server, lerato.token, {
      observers: [],
      sharedWith: [sipho.member.id],
      date: '2026-03-10',
    });
    const proposedForLerato = await createRound(server, server.leader.token, {
      teacher: lerato.member.id,
      observers: [],
      date: '2026-03-05',
    });
    const zanelesOwn = await createRound(server, zanele.token, { observers: [], date: '2026-03-07' });
    // A round in another cluster on the same server is nobody's business here.
    const other = server.createCluster('Bohlabela Cluster');
    const otherTeacher = await server.join('teacher', 'Other teacher', 'other-school', other);
    const otherRound = await createRound(server, otherTeacher.token, { observers: [], date: '2026-03-20' });

    const ids = async (member: TestMember) => (await listRounds(server, member.token)).map((r) => r.id);
    expect(await ids(sipho)).toEqual([leratoSharedWithSipho.id, siphoObservedByLerato.id]);
    expect(await ids(lerato)).toEqual([
      leratoSharedWithSipho.id,
      proposedForLerato.id,
      siphoObservedByLerato.id,
    ]);
    expect(await ids(server.leader)).toEqual([proposedForLerato.id]);
    expect(await ids(zanele)).toEqual([zanelesOwn.id]);
    expect(await ids(bystander)).toEqual([]);
    expect(await ids(otherTeacher)).toEqual([otherRound.id]);

    // Each listed round is the full round, as GET /api/rounds/:id answers it.
    const [listed] = await listRounds(server, server.leader.token);
    expect(listed).toEqual(proposedForLerato);
  });
});
