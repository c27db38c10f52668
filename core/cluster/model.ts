import type { Role } from './roles';

// What the server says about a member and a cluster (GET /api/me, POST /api/join).
export interface Member {
  readonly id: string;
  readonly name: string;
  readonly school: string;
  readonly role: Role;
}

export interface ClusterInfo {
  readonly id: string;
  readonly name: string;
  readonly schools: readonly string[];
}

/** What an invite code tells before it is redeemed, so the teacher can pick their school from a list. */
export interface InvitePreview {
  readonly clusterName: string;
  readonly role: Role;
  readonly schools: readonly string[];
}
