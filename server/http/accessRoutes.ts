// Access lists changed by those entitled to: a teacher's observation rounds (proposed by a
// leader or advisor, opened by the teacher, with observers and the audience the teacher shares
// a round with) and a plan author's co-author restriction.
import { formatDocName, isDocId } from '../../core/cluster/docName';
import type { Round, RoundChanges, RoundDetails } from '../directory/accessLists';
import type { Member } from '../directory/directory';
import { findSchool } from '../directory/schools';
import type { ApiDeps } from './apiDeps';
import {
  booleanField,
  dateField,
  focusQuestionsField,
  MAX_CLASS_NAME_CHARS,
  MAX_DECLINE_REASON_CHARS,
  shortTextField,
  today,
} from './roundInput';
import { HttpError, type Route, stringList } from './router';

export function accessRoutes(deps: ApiDeps): Route[] {
  const { directory, accessLists } = deps;

  /** Member ids that must all be active members of the caller's cluster; `except` (the teacher) is left out. */
  const colleagues = (
    caller: Member,
    ids: readonly string[],
    field: string,
    except = caller.id,
  ): string[] => {
    for (const id of ids) {
      const member = directory.getMember(id);
      if (member === undefined || member.revoked || member.cluster !== caller.cluster) {
        throw new HttpError(
          400,
          'invalid',
          `"${field}" names someone who is not a member of this cluster: ${id}`,
        );
      }
    }
    return ids.filter((id) => id !== except);
  };

  const roundOf = (caller: Member, id: string): Round => {
    const round = accessLists.getRound(id);
    const involved =
      round !== undefined &&
      round.cluster === caller.cluster &&
      (round.teacher === caller.id ||
        round.proposedBy === caller.id ||
        round.observers.includes(caller.id) ||
        round.sharedWith.includes(caller.id));
    // Someone outside a round learns nothing about it, not even that it exists.
    if (!involved) throw new HttpError(404, 'not-found', 'no such observation round');
    return round;
  };

  /** A round only its observed teacher may change; `what` completes "only the observed teacher …". */
  const ownRound = (caller: Member, id: string, what: string): Round => {
    const round = roundOf(caller, id);
    if (round.teacher !== caller.id)
      throw new HttpError(403, 'forbidden', `only the observed teacher ${what}`);
    return round;
  };

  const schoolField = (caller: Member, body: Record<string, unknown>): string | undefined => {
    const value = body.school;
    if (value === undefined) return undefined;
    const schools = directory.getCluster(caller.cluster)?.schools ?? [];
    const school = typeof value === 'string' ? findSchool(schools, value) : undefined;
    if (school === undefined)
      throw new HttpError(400, 'invalid', `"school" must name a school of this cluster: ${String(value)}`);
    return school.id;
  };

  /** The details present in a body, validated; absent ones are left out. */
  const detailsIn = (caller: Member, body: Record<string, unknown>): Partial<RoundDetails> => {
    const details: { -readonly [K in keyof RoundDetails]?: RoundDetails[K] } = {};
    const date = dateField(body, 'date');
    if (date !== undefined) details.date = date;
    const school = schoolField(caller, body);
    if (school !== undefined) details.school = school;
    const className = shortTextField(body, 'className', MAX_CLASS_NAME_CHARS);
    if (className !== undefined) details.className = className;
    const focusQuestions = focusQuestionsField(body);
    if (focusQuestions !== undefined) details.focusQuestions = focusQuestions;
    const developmental = booleanField(body, 'developmental');
    if (developmental !== undefined) details.developmental = developmental;
    const lessonStudy = booleanField(body, 'lessonStudy');
    if (lessonStudy !== undefined) details.lessonStudy = lessonStudy;
    return details;
  };

  /** The changes a body asks of an existing round: its details and, if given, its new observers. */
  const changesIn = (caller: Member, round: Round, body: Record<string, unknown>): RoundChanges => ({
    ...detailsIn(caller, body),
    ...(body.observers === undefined
      ? {}
      : { observers: colleagues(caller, stringList(body, 'observers'), 'observers', round.teacher) }),
  });

  const changed = (round: Round, changes: RoundChanges) => {
    accessLists.updateRound(round.id, changes);
    deps.accessChanged(round.doc);
    return { json: { round: accessLists.getRound(round.id) } };
  };

  const planDoc = (caller: Member, id: string): string => {
    if (!isDocId(id)) throw new HttpError(400, 'invalid', 'malformed plan id');
    return formatDocName({ cluster: caller.cluster, kind: 'plan', id });
  };

  /** The author may restrict their draft; the leader may too. A plan nobody wrote yet is claimed by the first to restrict it. */
  const mayRestrict = async (caller: Member, doc: string): Promise<void> => {
    if (caller.role === 'leader') return;
    const author = accessLists.planAuthor(doc);
    if (author === caller.id) return;
    if (author === undefined && !(await deps.documentExists(doc))) {
      accessLists.recordPlanAuthor(doc, caller.id);
      return;
    }
    throw new HttpError(403, 'forbidden', "only the plan's author or the cluster leader may restrict it");
  };

  return [
    {
      method: 'POST',
      path: '/api/rounds',
      handle: async (context) => {
        const caller = context.caller();
        const body = await context.body();
        // A round names another teacher: a proposal, which only that teacher can open.
        const proposal = body.teacher !== undefined && body.teacher !== caller.id;
        if (proposal && caller.role !== 'leader' && caller.role !== 'advisor')
          throw new HttpError(
            403,
            'forbidden',
            'only the cluster leader or an advisor may propose an observation round for another teacher',
          );
        let teacher = caller;
        if (proposal) {
          if (typeof body.teacher !== 'string')
            throw new HttpError(400, 'invalid', '"teacher" must be a member id');
          const named = directory.getMember(body.teacher);
          if (named === undefined || named.revoked || named.cluster !== caller.cluster)
            throw new HttpError(
              400,
              'invalid',
              `"teacher" names someone who is not a member of this cluster: ${body.teacher}`,
            );
          teacher = named;
        }
        const observers = colleagues(caller, stringList(body, 'observers'), 'observers', teacher.id);
        const sharedWith = colleagues(caller, stringList(body, 'sharedWith'), 'sharedWith', teacher.id);
        // Whom the feedback is shown to is the observed teacher's choice alone.
        if (proposal && sharedWith.length > 0)
          throw new HttpError(
            400,
            'invalid',
            'only the observed teacher shares a round; leave "sharedWith" out of a proposal',
          );
        let plan: string | null = null;
        if (body.plan !== undefined && body.plan !== null) {
          if (typeof body.plan !== 'string') throw new HttpError(400, 'invalid', '"plan" must be a plan id');
          plan = planDoc(caller, body.plan);
        }
        const details = detailsIn(caller, body);
        const round = accessLists.createRound({
          cluster: caller.cluster,
          teacher: teacher.id,
          observers,
          sharedWith,
          plan,
          status: proposal ? 'proposed' : 'open',
          proposedBy: proposal ? caller.id : null,
          date: details.date ?? today(),
          school: details.school ?? teacher.school,
          className: details.className ?? '',
          focusQuestions: details.focusQuestions ?? [],
          developmental: details.developmental ?? true,
          lessonStudy: details.lessonStudy ?? false,
        });
        return { status: 201, json: { round } };
      },
    },
    {
      method: 'GET',
      path: '/api/rounds',
      handle: (context) => {
        const caller = context.caller();
        return { json: { rounds: accessLists.roundsOf(caller.cluster, caller.id) } };
      },
    },
    {
      method: 'GET',
      path: '/api/rounds/:id',
      handle: (context) => ({ json: { round: roundOf(context.caller(), context.params.id!) } }),
    },
    {
      method: 'PATCH',
      path: '/api/rounds/:id',
      handle: async (context) => {
        const teacher = context.caller();
        const body = await context.body();
        const round = ownRound(teacher, context.params.id!, 'changes a round');
        const changes: { -readonly [K in keyof RoundChanges]: RoundChanges[K] } = changesIn(
          teacher,
          round,
          body,
        );
        if (body.status !== undefined) {
          if (body.status !== 'open' && body.status !== 'completed')
            throw new HttpError(
              400,
              'invalid',
              '"status" may be set to "completed" or back to "open"; a proposal is accepted or declined',
            );
          changes.status = body.status;
        }
        if (round.status !== 'open' && round.status !== 'completed')
          throw new HttpError(
            409,
            'conflict',
            round.status === 'proposed'
              ? 'this round is still a proposal: accept it (with any changes) or decline it'
              : 'this round was declined',
          );
        return changed(round, changes);
      },
    },
    {
      method: 'POST',
      path: '/api/rounds/:id/accept',
      handle: async (context) => {
        const teacher = context.caller();
        const body = await context.body();
        const round = ownRound(teacher, context.params.id!, 'accepts a proposed round');
        const changes = changesIn(teacher, round, body);
        if (round.status !== 'proposed')
          throw new HttpError(409, 'conflict', `this round is not a proposal (it is ${round.status})`);
        return changed(round, { ...changes, status: 'open' });
      },
    },
    {
      method: 'POST',
      path: '/api/rounds/:id/decline',
      handle: async (context) => {
        const teacher = context.caller();
        const body = await context.body();
        const round = ownRound(teacher, context.params.id!, 'declines a proposed round');
        const reason = shortTextField(body, 'reason', MAX_DECLINE_REASON_CHARS);
        if (round.status !== 'proposed')
          throw new HttpError(409, 'conflict', `this round is not a proposal (it is ${round.status})`);
        return changed(round, { status: 'declined', declineReason: reason || null });
      },
    },
    {
      method: 'POST',
      path: '/api/rounds/:id/share',
      handle: async (context) => {
        const teacher = context.caller();
        const round = ownRound(teacher, context.params.id!, 'shares a round');
        accessLists.shareRound(
          round.id,
          colleagues(teacher, stringList(await context.body(), 'members'), 'members'),
        );
        deps.accessChanged(round.doc);
        return { json: { round: accessLists.getRound(round.id) } };
      },
    },
    {
      method: 'POST',
      path: '/api/rounds/:id/unshare',
      handle: async (context) => {
        const teacher = context.caller();
        const round = ownRound(teacher, context.params.id!, 'shares a round');
        accessLists.unshareRound(round.id, stringList(await context.body(), 'members'));
        deps.accessChanged(round.doc);
        return { json: { round: accessLists.getRound(round.id) } };
      },
    },
    {
      method: 'GET',
      path: '/api/plans/:id/access',
      handle: (context) => {
        const caller = context.caller();
        const doc = planDoc(caller, context.params.id!);
        const decision = deps.decide(caller, doc);
        if (decision.access === 'none') throw new HttpError(403, 'forbidden', decision.reason);
        return {
          json: {
            doc,
            author: accessLists.planAuthor(doc) ?? null,
            restriction: accessLists.getPlanRestriction(doc) ?? null,
          },
        };
      },
    },
    {
      method: 'PUT',
      path: '/api/plans/:id/coauthors',
      handle: async (context) => {
        const caller = context.caller();
        const doc = planDoc(caller, context.params.id!);
        const body = await context.body();
        const othersMayRead = body.othersMayRead ?? true;
        if (typeof othersMayRead !== 'boolean')
          throw new HttpError(400, 'invalid', '"othersMayRead" must be true or false');
        const named = colleagues(caller, stringList(body, 'coAuthors'), 'coAuthors');
        await mayRestrict(caller, doc);
        const author = accessLists.planAuthor(doc);
        // The author and the one restricting never lock themselves out.
        const coAuthors = [...new Set([caller.id, ...(author === undefined ? [] : [author]), ...named])];
        accessLists.setPlanRestriction(doc, { coAuthors, othersMayRead }, caller.id);
        deps.accessChanged(doc);
        return { json: { doc, restriction: accessLists.getPlanRestriction(doc) } };
      },
    },
    {
      method: 'DELETE',
      path: '/api/plans/:id/coauthors',
      handle: async (context) => {
        const caller = context.caller();
        const doc = planDoc(caller, context.params.id!);
        await mayRestrict(caller, doc);
        accessLists.clearPlanRestriction(doc);
        deps.accessChanged(doc);
        return { json: { doc, restriction: null } };
      },
    },
  ];
}
