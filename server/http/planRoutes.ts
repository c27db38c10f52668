// The cluster's plans as the extension's explorer lists them, the trash, and the digest a
// client compares with after syncing a document.
import { formatDocName, isDocId, parseDocName } from '../../core/cluster/docName';
import { PLAN_TEXT } from '../../core/plan/planDoc';
import type { Member } from '../directory/directory';
import type { ApiDeps } from './apiDeps';
import { HttpError, type Route } from './router';

export function planRoutes(deps: ApiDeps): Route[] {
  const planDoc = (caller: Member, id: string): string => {
    if (!isDocId(id)) throw new HttpError(400, 'invalid', 'malformed plan id');
    return formatDocName({ cluster: caller.cluster, kind: 'plan', id });
  };
  const requireWrite = (caller: Member, doc: string): void => {
    const decision = deps.decide(caller, doc);
    if (decision.access !== 'write') throw new HttpError(403, 'forbidden', decision.reason);
  };

  return [
    {
      method: 'GET',
      path: '/api/plans',
      handle: async (context) => {
        const caller = context.caller();
        const listed = await deps.plans.list(caller.cluster);
        // A private draft is not even listed to those who may not read it.
        const plans = listed
          .filter((plan) => deps.decide(caller, plan.doc).access !== 'none')
          .map(({ doc: _doc, ...summary }) => summary);
        return { json: { plans } };
      },
    },
    {
      method: 'DELETE',
      path: '/api/plans/:id',
      handle: (context) => {
        const caller = context.caller();
        const doc = planDoc(caller, context.params.id!);
        requireWrite(caller, doc);
        return { json: { id: context.params.id, deletedAt: deps.plans.trash(doc, caller.id) } };
      },
    },
    {
      method: 'POST',
      path: '/api/plans/:id/restore',
      handle: (context) => {
        const caller = context.caller();
        const doc = planDoc(caller, context.params.id!);
        requireWrite(caller, doc);
        deps.plans.restore(doc);
        return { json: { id: context.params.id } };
      },
    },
    {
      method: 'GET',
      path: '/api/docs/digest',
      handle: async (context) => {
        const caller = context.caller();
        const doc = context.url.searchParams.get('doc') ?? '';
        const parsed = parseDocName(doc);
        if (!parsed.ok) throw new HttpError(400, 'invalid', parsed.reason);
        const decision = deps.decide(caller, doc);
        if (decision.access === 'none') throw new HttpError(403, 'forbidden', decision.reason);
        return { json: await deps.digest(doc, PLAN_TEXT) };
      },
    },
  ];
}
