// The three roles of a cluster (DOMAIN.md, "Who uses the software").
export const ROLES = ['leader', 'advisor', 'teacher'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
