// Joining with an invite or signing in with a device code, who am I, the cluster's members,
// device codes, and what only leaders may do: invite, withdraw an invite, revoke a member.
import { isRole } from '../../core/cluster/roles';
import { DirectoryError, type Member } from '../directory/directory';
import type { ApiDeps } from './apiDeps';
import { publicCluster, publicMember } from './publicViews';
import { HttpError, type Route, stringField } from './router';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MAX_DEVICE_CODE_HOURS = 72;

export function memberRoutes(deps: ApiDeps): Route[] {
  const { directory } = deps;
  const requireLeader = (member: Member): void => {
    if (member.role !== 'leader')
      throw new HttpError(403, 'forbidden', 'only the cluster leader may do this');
  };
  const clusterOf = (member: Member) => {
    const cluster = directory.getCluster(member.cluster);
    if (cluster === undefined) throw new HttpError(404, 'not-found', 'your cluster no longer exists');
    return cluster;
  };
  const deviceCode = (memberId: string, createdBy: string, body: Record<string, unknown>) => {
    const hours = body.hours ?? 24;
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_DEVICE_CODE_HOURS) {
      throw new HttpError(
        400,
        'invalid',
        `"hours" must be a number of hours, more than 0 and at most ${MAX_DEVICE_CODE_HOURS}`,
      );
    }
    const expiresAt = Date.now() + hours * HOUR_MS;
    try {
      const { code, member } = directory.createDeviceCode(memberId, createdBy, expiresAt);
      return {
        status: 201,
        json: {
          code,
          expiresAt: new Date(expiresAt).toISOString(),
          member: publicMember(member, directory.getCluster(member.cluster)),
        },
      };
    } catch (error) {
      throw asHttpError(error);
    }
  };
  return [
    {
      method: 'GET',
      path: '/api/invites/:code',
      handle: (context) => {
        try {
          const { cluster, role, expiresAt, member } = directory.previewCode(context.params.code!);
          return {
            json: {
              clusterId: cluster.id,
              clusterName: cluster.name,
              role,
              schools: cluster.schools.map((s) => s.name),
              expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
              // A device code signs in as this existing member: the extension shows whom.
              ...(member === undefined
                ? {}
                : { member: { name: member.name, school: publicMember(member, cluster).school } }),
            },
          };
        } catch (error) {
          throw asHttpError(error);
        }
      },
    },
    {
      method: 'POST',
      path: '/api/join',
      handle: async (context) => {
        const body = await context.body();
        const school = typeof body.school === 'string' ? body.school : '';
        const name = typeof body.name === 'string' ? body.name : '';
        try {
          // With a device code, name and school are ignored: it signs in an existing member.
          const joined = directory.join({ invite: stringField(body, 'invite'), name, school });
          const cluster = clusterOf(joined.member);
          return {
            status: 201,
            json: {
              token: joined.token,
              member: publicMember(joined.member, cluster),
              cluster: publicCluster(cluster),
            },
          };
        } catch (error) {
          throw asHttpError(error);
        }
      },
    },
    {
      method: 'GET',
      path: '/api/me',
      handle: (context) => {
        const member = context.caller();
        const cluster = clusterOf(member);
        return {
          json: { member: publicMember(member, cluster), role: member.role, cluster: publicCluster(cluster) },
        };
      },
    },
    {
      method: 'GET',
      path: '/api/members',
      handle: (context) => {
        const cluster = clusterOf(context.caller());
        return { json: { members: directory.listMembers(cluster.id).map((m) => publicMember(m, cluster)) } };
      },
    },
    {
      method: 'POST',
      path: '/api/me/device-code',
      handle: async (context) => {
        const member = context.caller();
        return deviceCode(member.id, member.id, await context.body());
      },
    },
    {
      method: 'POST',
      path: '/api/members/:id/device-code',
      handle: async (context) => {
        const caller = context.caller();
        const id = context.params.id!;
        if (id !== caller.id) {
          if (caller.role !== 'leader') {
            throw new HttpError(
              403,
              'forbidden',
              'only the cluster leader may get a device code for someone else; use /api/me/device-code for yourself',
            );
          }
          const target = directory.getMember(id);
          if (target === undefined || target.revoked || target.cluster !== caller.cluster)
            throw new HttpError(404, 'not-found', 'no such member');
        }
        return deviceCode(id, caller.id, await context.body());
      },
    },
    {
      method: 'POST',
      path: '/api/members/:id/revoke',
      handle: (context) => {
        const leader = context.caller();
        requireLeader(leader);
        const target = directory.getMember(context.params.id!);
        if (target === undefined || target.cluster !== leader.cluster)
          throw new HttpError(404, 'not-found', 'no such member');
        if (target.id === leader.id) throw new HttpError(400, 'invalid', 'a leader cannot revoke themselves');
        const revoked = directory.revokeMember(target.id);
        deps.disconnectMember(target.id);
        return {
          json: {
            revoked,
            member: { id: target.id, name: target.name, role: target.role, school: target.school },
          },
        };
      },
    },
    {
      method: 'POST',
      path: '/api/invites',
      handle: async (context) => {
        const leader = context.caller();
        requireLeader(leader);
        const body = await context.body();
        const role = body.role;
        if (!isRole(role)) throw new HttpError(400, 'invalid', '"role" must be leader, advisor or teacher');
        const days = body.expiresInDays ?? 30;
        if (typeof days !== 'number' || !Number.isFinite(days) || days < 0 || days > 3650) {
          throw new HttpError(400, 'invalid', '"expiresInDays" must be a number of days (0: never)');
        }
        const expiresAt = days === 0 ? null : Date.now() + days * DAY_MS;
        const code = directory.createInvite(leader.cluster, role, leader.id, expiresAt);
        return {
          status: 201,
          json: { code, role, expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() },
        };
      },
    },
    {
      method: 'POST',
      path: '/api/invites/withdraw',
      handle: async (context) => {
        const leader = context.caller();
        requireLeader(leader);
        const code = stringField(await context.body(), 'code');
        if (!directory.withdrawInvite(leader.cluster, code))
          throw new HttpError(404, 'not-found', 'no such open invite');
        return { json: { withdrawn: true } };
      },
    },
  ];
}

function asHttpError(error: unknown): unknown {
  if (!(error instanceof DirectoryError)) return error;
  const status =
    error.code === 'invite' ? 403 : error.code === 'not-found' ? 404 : error.code === 'exists' ? 409 : 400;
  return new HttpError(status, error.code, error.message);
}
