// Who may read or write a document (DESIGN.md, "Documents"). The server decides this from
// its own data: the member's role and school, and the access lists it keeps (a plan's
// co-authors, a review round's audience). Nothing here is read from a CRDT a client could edit.
import type { DocName } from './docName';
import type { Role } from './roles';

export type Access = 'none' | 'read' | 'write';

export interface AccessDecision {
  readonly access: Access;
  /** Said to the person (close reason or "permission denied" message); never names a token. */
  readonly reason: string;
}

export interface MemberProfile {
  readonly id: string;
  readonly cluster: string;
  readonly role: Role;
  /** School id; the id of `<cluster>/coverage/<school>`. */
  readonly school: string;
}

/** An author's restriction of a plan draft to named co-authors. */
export interface PlanRestriction {
  /** Member ids that may write, the author among them. */
  readonly coAuthors: readonly string[];
  /** Whether the rest of the cluster may still read the draft. */
  readonly othersMayRead: boolean;
}

/**
 * Where an observation round stands. A leader or advisor may propose one; only the observed
 * teacher opens it (by creating it or accepting the proposal), and feedback is written only
 * in an open or completed round: observation is invited, never imposed (DOMAIN.md, practice 4).
 */
export type RoundStatus = 'proposed' | 'open' | 'declined' | 'completed';

/** One observation round: the observed teacher, the invited observers, and whom the teacher shared it with. */
export interface RoundAudience {
  readonly status: RoundStatus;
  readonly teacher: string;
  readonly observers: readonly string[];
  readonly sharedWith: readonly string[];
}

/** The server-held access lists that matter for one document. */
export interface AccessLists {
  readonly planRestriction?: PlanRestriction | undefined;
  /** Undefined for a review document whose round does not exist. */
  readonly round?: RoundAudience | undefined;
}

const write = (reason: string): AccessDecision => ({ access: 'write', reason });
const read = (reason: string): AccessDecision => ({ access: 'read', reason });
const none = (reason: string): AccessDecision => ({ access: 'none', reason });

export function decideAccess(member: MemberProfile, doc: DocName, lists: AccessLists): AccessDecision {
  if (member.cluster !== doc.cluster) {
    return none('this document belongs to another cluster');
  }
  switch (doc.kind) {
    case 'meta':
      return member.role === 'leader'
        ? write('leader')
        : read('only the cluster leader edits the cluster record');
    case 'pacesetter':
      return member.role === 'leader' || member.role === 'advisor'
        ? write(member.role)
        : read('only the cluster leader and advisors edit the pace-setter');
    case 'coverage':
      if (member.role === 'leader') return write('leader');
      return member.role === 'teacher' && member.school === doc.id
        ? write('teacher of this school')
        : read("only this school's teachers and the leader record its coverage");
    case 'plan':
      return decidePlan(member, lists.planRestriction);
    case 'review':
      return decideReview(member, lists.round);
  }
}

function decidePlan(member: MemberProfile, restriction: PlanRestriction | undefined): AccessDecision {
  if (restriction === undefined) return write('planning together');
  if (restriction.coAuthors.includes(member.id)) return write('co-author');
  return restriction.othersMayRead
    ? read('the author restricted this draft to named co-authors')
    : none('this draft is private to its co-authors');
}

function decideReview(member: MemberProfile, round: RoundAudience | undefined): AccessDecision {
  if (round === undefined) return none('no such observation round');
  const part = partIn(member, round);
  // Someone outside the round learns nothing of it, not even where it stands.
  if (part === undefined)
    return none('this observation round is private to its teacher, observers and audience');
  // Consent first: nobody, the teacher included, attaches feedback to a round the teacher has not opened.
  if (round.status === 'proposed') return none('the teacher has not accepted this observation round');
  if (round.status === 'declined') return none('the teacher declined this observation round');
  return part;
}

function partIn(member: MemberProfile, round: RoundAudience): AccessDecision | undefined {
  if (round.teacher === member.id) return write('observed teacher');
  if (round.observers.includes(member.id)) return write('observer');
  if (round.sharedWith.includes(member.id)) return read('the teacher shared this round with you');
  return undefined;
}
