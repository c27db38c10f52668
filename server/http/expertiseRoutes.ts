// Member expertise: who in the cluster is confident to help with which topics. Every member reads
// the cluster's list and sets their own; the leader may set anyone's in the cluster (to write
// down what was said at a cluster meeting for a colleague without a device, say).
import type { Expertise } from '../../core/pacesetter/types';
import type { Cluster, Member } from '../directory/directory';
import { cleanTopics } from '../directory/expertiseStore';
import type { ApiDeps } from './apiDeps';
import { publicMember } from './publicViews';
import { HttpError, type Route } from './router';

export function expertiseRoutes(deps: ApiDeps): Route[] {
  const { directory, expertise } = deps;
  const clusterOf = (member: Member): Cluster => {
    const cluster = directory.getCluster(member.cluster);
    if (cluster === undefined) throw new HttpError(404, 'not-found', 'your cluster no longer exists');
    return cluster;
  };
  const view = (member: Member, cluster: Cluster, topics: readonly string[]): Expertise => ({
    memberId: member.id,
    name: member.name,
    school: publicMember(member, cluster).school,
    topics,
  });
  const setTopics = async (target: Member, by: Member, body: Promise<Record<string, unknown>>) => {
    const cleaned = cleanTopics((await body).topics);
    if ('error' in cleaned) throw new HttpError(400, 'invalid', cleaned.error);
    expertise.set(target.id, cleaned.topics, by.id);
    return { json: { expertise: view(target, clusterOf(target), cleaned.topics) } };
  };
  return [
    {
      method: 'GET',
      path: '/api/expertise',
      handle: (context) => {
        const cluster = clusterOf(context.caller());
        const topics = new Map(expertise.listCluster(cluster.id).map((e) => [e.member, e.topics]));
        const list: Expertise[] = [];
        for (const member of directory.listMembers(cluster.id)) {
          const mine = topics.get(member.id);
          if (mine !== undefined) list.push(view(member, cluster, mine));
        }
        return { json: { expertise: list } };
      },
    },
    {
      method: 'PUT',
      path: '/api/me/expertise',
      handle: (context) => {
        const member = context.caller();
        return setTopics(member, member, context.body());
      },
    },
    {
      method: 'PUT',
      path: '/api/members/:id/expertise',
      handle: (context) => {
        const caller = context.caller();
        const id = context.params.id!;
        if (id === caller.id) return setTopics(caller, caller, context.body());
        if (caller.role !== 'leader') {
          throw new HttpError(
            403,
            'forbidden',
            "only the cluster leader may set a colleague's expertise; use /api/me/expertise for your own",
          );
        }
        const target = directory.getMember(id);
        if (target === undefined || target.revoked || target.cluster !== caller.cluster)
          throw new HttpError(404, 'not-found', 'no such member');
        const { revoked: _revoked, ...member } = target;
        return setTopics(member, caller, context.body());
      },
    },
  ];
}
