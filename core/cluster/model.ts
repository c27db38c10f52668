import type { Role } from './roles';

// What the server says about a member and a cluster (GET /api/me, POST /api/join).
export interface Member {
  readonly id: string;
  readonly name: string;
  /** The school's name, as people read it. */
  readonly school: string;
  /** The school's id: it names the school's coverage document. */
  readonly schoolId: string;
  readonly role: Role;
}

export interface ClusterInfo {
  readonly id: string;
  readonly name: string;
  /** School names, and their ids in the same order. */
  readonly schools: readonly string[];
  readonly schoolIds: readonly string[];
}

/** What an invite code tells before it is redeemed, so the teacher can pick their school from a list. */
export interface InvitePreview {
  readonly clusterName: string;
  readonly role: Role;
  readonly schools: readonly string[];
}
