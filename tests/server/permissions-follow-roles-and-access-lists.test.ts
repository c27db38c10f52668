import { describe, expect, it } from 'vitest';
import { parseDocName } from '../../core/cluster/docName';
import { type AccessLists, decideAccess, type MemberProfile } from '../../core/cluster/permissions';

const leader: MemberProfile = { id: 'm-leader', cluster: 'nkomazi', role: 'leader', school: 'mbuzini' };
const advisor: MemberProfile = { id: 'm-advisor', cluster: 'nkomazi', role: 'advisor', school: 'mbuzini' };
const teacher: MemberProfile = { id: 'm-teacher', cluster: 'nkomazi', role: 'teacher', school: 'tonga' };
const colleague: MemberProfile = {
  id: 'm-colleague',
  cluster: 'nkomazi',
  role: 'teacher',
  school: 'mbuzini',
};
const stranger: MemberProfile = { id: 'm-stranger', cluster: 'bohlabela', role: 'leader', school: 'x' };

function access(member: MemberProfile, name: string, lists: AccessLists = {}) {
  const parsed = parseDocName(name);
  if (!parsed.ok) throw new Error(parsed.reason);
  return decideAccess(member, parsed.name, lists).access;
}

describe('who may read and write a document', () => {
  it.each([
    ['the cluster record', 'nkomazi/meta', ['write', 'read', 'read', 'read']],
    ['the pace-setter', 'nkomazi/pacesetter/ns-8-2026', ['write', 'write', 'read', 'read']],
    ["a school's coverage", 'nkomazi/coverage/tonga', ['write', 'read', 'write', 'read']],
    ['a lesson plan', 'nkomazi/plan/p1', ['write', 'write', 'write', 'write']],
  ])('%s: leader, advisor, a teacher of Tonga, a teacher of Mbuzini', (_what, name, expected) => {
    expect([leader, advisor, teacher, colleague].map((m) => access(m, name))).toEqual(expected);
  });

  it('nothing of another cluster, whatever the role', () => {
    for (const name of [
      'nkomazi/meta',
      'nkomazi/pacesetter/a',
      'nkomazi/coverage/x',
      'nkomazi/plan/p',
      'nkomazi/review/r',
    ]) {
      expect(
        access(stranger, name, {
          round: { status: 'open', teacher: stranger.id, observers: [], sharedWith: [] },
        }),
      ).toBe('none');
    }
  });

  it('a restricted draft: co-authors write, others read or, if private, nothing', () => {
    const readable = { planRestriction: { coAuthors: [teacher.id], othersMayRead: true } };
    const private_ = { planRestriction: { coAuthors: [teacher.id], othersMayRead: false } };
    expect(access(teacher, 'nkomazi/plan/p', readable)).toBe('write');
    expect(access(colleague, 'nkomazi/plan/p', readable)).toBe('read');
    expect(access(leader, 'nkomazi/plan/p', private_)).toBe('none');
  });

  it('a review round: teacher and observers write, the audience reads, nobody else, and no round means no access', () => {
    const round = {
      status: 'open',
      teacher: teacher.id,
      observers: [colleague.id],
      sharedWith: [advisor.id],
    } as const;
    expect(access(teacher, 'nkomazi/review/r1', { round })).toBe('write');
    expect(access(colleague, 'nkomazi/review/r1', { round })).toBe('write');
    expect(access(advisor, 'nkomazi/review/r1', { round })).toBe('read');
    expect(access(leader, 'nkomazi/review/r1', { round })).toBe('none');
    expect(access(teacher, 'nkomazi/review/r1', {})).toBe('none');
    const completed = { round: { ...round, status: 'completed' as const } };
    expect([teacher, colleague, advisor].map((m) => access(m, 'nkomazi/review/r1', completed))).toEqual([
      'write',
      'write',
      'read',
    ]);
  });

  it('a review round the teacher has not opened (proposed or declined) is refused to everyone in it', () => {
    for (const status of ['proposed', 'declined'] as const) {
      const round = { status, teacher: teacher.id, observers: [colleague.id], sharedWith: [advisor.id] };
      for (const member of [teacher, colleague, advisor, leader]) {
        const parsed = parseDocName('nkomazi/review/r1');
        if (!parsed.ok) throw new Error(parsed.reason);
        const decision = decideAccess(member, parsed.name, { round });
        expect(decision.access).toBe('none');
        if (member !== leader)
          expect(decision.reason).toMatch(status === 'proposed' ? /not accepted/ : /declined/);
      }
    }
  });
});
