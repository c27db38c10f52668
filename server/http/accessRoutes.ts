// Access lists changed by those entitled to: a teacher's observation rounds (observers and the
// audience the teacher shares a round with) and a plan author's co-author restriction.
import { formatDocName, isDocId } from '../../core/cluster/docName';
import type { Round } from '../directory/accessLists';
import type { Member } from '../directory/directory';
import type { ApiDeps } from './apiDeps';
import { HttpError, type Route, stringList } from './router';

export function accessRoutes(deps: ApiDeps): Route[] {
  const { directory, accessLists } = deps;

  /** Member ids that must all be active members of the caller's cluster, other than the caller. */
  const colleagues = (caller: Member, ids: readonly string[], field: string): string[] => {
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
    return ids.filter((id) => id !== caller.id);
  };

  const roundOf = (caller: Member, id: string): Round => {
    const round = accessLists.getRound(id);
    const involved =
      round !== undefined &&
      round.cluster === caller.cluster &&
      (round.teacher === caller.id ||
        round.observers.includes(caller.id) ||
        round.sharedWith.includes(caller.id));
    // Someone outside a round learns nothing about it, not even that it exists.
    if (!involved) throw new HttpError(404, 'not-found', 'no such observation round');
    return round;
  };

  const ownRound = (caller: Member, id: string): Round => {
    const round = roundOf(caller, id);
    if (round.teacher !== caller.id)
      throw new HttpError(403, 'forbidden', 'only the observed teacher shares a round');
    return round;
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
        const teacher = context.caller();
        const body = await context.body();
        const observers = colleagues(teacher, stringList(body, 'observers'), 'observers');
        const sharedWith = colleagues(teacher, stringList(body, 'sharedWith'), 'sharedWith');
        let plan: string | null = null;
        if (body.plan !== undefined) {
          if (typeof body.plan !== 'string') throw new HttpError(400, 'invalid', '"plan" must be a plan id');
          plan = planDoc(teacher, body.plan);
        }
        const round = accessLists.createRound({
          cluster: teacher.cluster,
          teacher: teacher.id,
          observers,
          sharedWith,
          plan,
        });
        return { status: 201, json: { round } };
      },
    },
    {
      method: 'GET',
      path: '/api/rounds/:id',
      handle: (context) => ({ json: { round: roundOf(context.caller(), context.params.id!) } }),
    },
    {
      method: 'POST',
      path: '/api/rounds/:id/share',
      handle: async (context) => {
        const teacher = context.caller();
        const round = ownRound(teacher, context.params.id!);
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
        const round = ownRound(teacher, context.params.id!);
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
