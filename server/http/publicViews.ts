// How members and clusters look to API clients. The extension shows a member's school by name;
// the school id is what names that school's coverage document (`<cluster>/coverage/<schoolId>`).
import type { Role } from '../../core/cluster/roles';
import type { Cluster, Member } from '../directory/directory';

export interface PublicMember {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly cluster: string;
  /** The school's name ('' in a cluster without schools). */
  readonly school: string;
  readonly schoolId: string;
}

export interface PublicCluster {
  readonly id: string;
  readonly name: string;
  /** School names, in the order the cluster lists them (the hub school first). */
  readonly schools: readonly string[];
  /** The ids of the same schools, in the same order. */
  readonly schoolIds: readonly string[];
}

export function publicMember(member: Member, cluster: Cluster | undefined): PublicMember {
  const school = cluster?.schools.find((s) => s.id === member.school);
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    cluster: member.cluster,
    school: school?.name ?? member.school,
    schoolId: member.school,
  };
}

export function publicCluster(cluster: Cluster): PublicCluster {
  return {
    id: cluster.id,
    name: cluster.name,
    schools: cluster.schools.map((s) => s.name),
    schoolIds: cluster.schools.map((s) => s.id),
  };
}
