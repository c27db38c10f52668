// Clusters, schools, members, invites and tokens, kept in the server's database.
import type { Statement } from 'better-sqlite3';
import { isClusterId } from '../../core/cluster/docName';
import { isRole, type Role } from '../../core/cluster/roles';
import type { SqliteDatabase } from '../storage/database';
import {
  hashSecret,
  newId,
  newInviteCode,
  newToken,
  normalizeInviteCode,
  randomSuffix,
  slugify,
} from './secrets';
import { findSchool, schoolIds } from './schools';

export interface School {
  readonly id: string;
  readonly name: string;
}

export interface Cluster {
  readonly id: string;
  readonly name: string;
  readonly schools: readonly School[];
}

export interface Member {
  readonly id: string;
  readonly cluster: string;
  readonly name: string;
  /** School id, or '' in a cluster without schools. */
  readonly school: string;
  readonly role: Role;
}

export interface NewCluster {
  readonly name: string;
  readonly leader: string;
  readonly schools?: readonly string[];
  /** Name or id of the leader's school; defaults to the first school (usually the hub school). */
  readonly leaderSchool?: string;
  /** Days until the printed invite codes expire; 0 means they never do. */
  readonly inviteDays?: number;
  /** A fixed cluster id (lowercase letters, digits, dashes); by default one is made from the name. */
  readonly id?: string;
}

export interface ClusterCreated {
  readonly clusterId: string;
  readonly name: string;
  readonly schools: readonly School[];
  readonly leader: Member;
  readonly leaderToken: string;
  readonly invites: Readonly<Record<Role, string>>;
  /** ISO time, or null when the invites do not expire. */
  readonly invitesExpireAt: string | null;
}

export class DirectoryError extends Error {
  constructor(
    readonly code: 'exists' | 'invalid' | 'invite' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

interface MemberRow {
  id: string;
  cluster: string;
  name: string;
  school: string;
  role: string;
}

/**
 * What a code opens. An invite makes a new member of the cluster with the role; a device code
 * (`member` set) signs in an existing member on another device.
 */
export interface CodePreview {
  readonly cluster: Cluster;
  readonly role: Role;
  readonly expiresAt: number | null;
  /** The member a device code signs in as; absent for an invite. */
  readonly member?: Member;
}

interface DeviceCodeRow extends MemberRow {
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

interface InviteRow {
  cluster: string;
  role: string;
  expires_at: number | null;
  withdrawn_at: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const DEVICE_CODE_INVALID = 'this device code is not valid; ask your cluster leader for a new device code';

export class Directory {
  private readonly memberByToken: Statement<[string], MemberRow>;
  private readonly memberById: Statement<[string], MemberRow & { revoked_at: number | null }>;
  private readonly membersOfCluster: Statement<[string], MemberRow>;
  private readonly clusterById: Statement<[string], { id: string; name: string }>;
  private readonly schoolsOfCluster: Statement<[string], School>;
  private readonly insertMember: Statement<[string, string, string, string, string, number]>;
  private readonly insertToken: Statement<[string, string, number]>;
  private readonly insertInvite: Statement<[string, string, string, string | null, number, number | null]>;
  private readonly inviteByHash: Statement<[string], InviteRow>;
  private readonly withdrawInviteStmt: Statement<[number, string, string]>;
  private readonly revokeStmt: Statement<[number, string]>;
  private readonly insertRevocation: Statement<[string, number]>;
  private readonly revocationsAfterStmt: Statement<[number], { seq: number; member: string }>;
  private readonly lastRevocation: Statement<[], { seq: number | null }>;
  private readonly insertDeviceCode: Statement<[string, string, string | null, number, number]>;
  private readonly deviceCodeByHash: Statement<[string], DeviceCodeRow>;
  private readonly useDeviceCode: Statement<[number, string]>;

  constructor(private readonly db: SqliteDatabase) {
    const memberColumns = 'm.id, m.cluster, m.name, m.school, m.role';
    this.memberByToken = db.prepare(
      `SELECT ${memberColumns} FROM tokens t JOIN members m ON m.id = t.member WHERE t.hash = ? AND m.revoked_at IS NULL`,
    );
    this.memberById = db.prepare(`SELECT ${memberColumns}, m.revoked_at FROM members m WHERE m.id = ?`);
    this.membersOfCluster = db.prepare(
      `SELECT ${memberColumns} FROM members m WHERE m.cluster = ? AND m.revoked_at IS NULL ORDER BY m.created_at, m.id`,
    );
    this.clusterById = db.prepare('SELECT id, name FROM clusters WHERE id = ?');
    this.schoolsOfCluster = db.prepare('SELECT id, name FROM schools WHERE cluster = ? ORDER BY rowid');
    this.insertMember = db.prepare(
      'INSERT INTO members (id, cluster, name, school, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertToken = db.prepare('INSERT INTO tokens (hash, member, created_at) VALUES (?, ?, ?)');
    this.insertInvite = db.prepare(
      'INSERT INTO invites (hash, cluster, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.inviteByHash = db.prepare(
      'SELECT cluster, role, expires_at, withdrawn_at FROM invites WHERE hash = ?',
    );
    this.withdrawInviteStmt = db.prepare(
      'UPDATE invites SET withdrawn_at = ? WHERE hash = ? AND cluster = ? AND withdrawn_at IS NULL',
    );
    this.revokeStmt = db.prepare('UPDATE members SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.insertRevocation = db.prepare('INSERT INTO revocations (member, at) VALUES (?, ?)');
    this.revocationsAfterStmt = db.prepare('SELECT seq, member FROM revocations WHERE seq > ? ORDER BY seq');
    this.lastRevocation = db.prepare('SELECT max(seq) AS seq FROM revocations');
    this.insertDeviceCode = db.prepare(
      'INSERT INTO device_codes (hash, member, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.deviceCodeByHash = db.prepare(
      `SELECT ${memberColumns}, m.revoked_at, d.expires_at, d.used_at
       FROM device_codes d JOIN members m ON m.id = d.member WHERE d.hash = ?`,
    );
    this.useDeviceCode = db.prepare('UPDATE device_codes SET used_at = ? WHERE hash = ? AND used_at IS NULL');
  }

  createCluster(input: NewCluster): ClusterCreated {
    const name = requireName(input.name, 'cluster name');
    const leaderName = requireName(input.leader, 'leader name');
    const id = input.id ?? `${slugify(name, 'cluster')}-${randomSuffix(4)}`;
    if (!isClusterId(id)) throw new DirectoryError('invalid', `"${id}" is not a valid cluster id`);
    const schools = schoolIds((input.schools ?? []).map((s) => requireName(s, 'school name')));
    const leaderSchool =
      input.leaderSchool === undefined ? (schools[0]?.id ?? '') : findSchool(schools, input.leaderSchool)?.id;
    if (leaderSchool === undefined)
      throw new DirectoryError('invalid', `no school "${input.leaderSchool}" in this cluster`);
    const now = Date.now();
    const inviteDays = input.inviteDays ?? 30;
    const expiresAt = inviteDays > 0 ? now + inviteDays * DAY_MS : null;
    return this.db
      .transaction((): ClusterCreated => {
        if (this.clusterById.get(id))
          throw new DirectoryError('exists', `a cluster with id "${id}" already exists`);
        this.db.prepare('INSERT INTO clusters (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now);
        const insertSchool = this.db.prepare('INSERT INTO schools (cluster, id, name) VALUES (?, ?, ?)');
        for (const school of schools) insertSchool.run(id, school.id, school.name);
        const leader: Member = {
          id: newId('m'),
          cluster: id,
          name: leaderName,
          school: leaderSchool,
          role: 'leader',
        };
        const leaderToken = this.addMember(leader, now);
        const invites = {
          leader: this.createInvite(id, 'leader', leader.id, expiresAt),
          advisor: this.createInvite(id, 'advisor', leader.id, expiresAt),
          teacher: this.createInvite(id, 'teacher', leader.id, expiresAt),
        };
        const invitesExpireAt = expiresAt === null ? null : new Date(expiresAt).toISOString();
        return { clusterId: id, name, schools, leader, leaderToken, invites, invitesExpireAt };
      })
      .immediate();
  }

  /** Returns the invite code; only its hash is kept, so it cannot be shown again. */
  createInvite(cluster: string, role: Role, createdBy: string | null, expiresAt: number | null): string {
    const code = newInviteCode();
    this.insertInvite.run(
      hashSecret(normalizeInviteCode(code)),
      cluster,
      role,
      createdBy,
      Date.now(),
      expiresAt,
    );
    return code;
  }

  withdrawInvite(cluster: string, code: string): boolean {
    return (
      this.withdrawInviteStmt.run(Date.now(), hashSecret(normalizeInviteCode(code)), cluster).changes > 0
    );
  }

  /** What an open invite offers: the cluster (with its schools to choose from) and the role. */
  previewInvite(code: string): { cluster: Cluster; role: Role; expiresAt: number | null } {
    const invite = this.inviteByHash.get(hashSecret(normalizeInviteCode(code)));
    if (invite === undefined || invite.withdrawn_at !== null) {
      throw new DirectoryError(
        'invite',
        'this invite code is not valid; ask your cluster leader for a new one',
      );
    }
    if (invite.expires_at !== null && invite.expires_at <= Date.now()) {
      throw new DirectoryError(
        'invite',
        'this invite code has expired; ask your cluster leader for a new one',
      );
    }
    if (!isRole(invite.role)) throw new DirectoryError('invalid', 'the invite names an unknown role');
    const cluster = this.getCluster(invite.cluster);
    if (cluster === undefined)
      throw new DirectoryError('not-found', 'the cluster of this invite no longer exists');
    return { cluster, role: invite.role, expiresAt: invite.expires_at };
  }

  /**
   * What an invite code or a device code opens; refuses unknown, withdrawn, expired and used
   * codes, and device codes of revoked members, with what to do next.
   */
  previewCode(code: string): CodePreview {
    const device = this.deviceCodeByHash.get(hashSecret(normalizeInviteCode(code)));
    if (device === undefined) return this.previewInvite(code);
    if (device.revoked_at !== null) throw new DirectoryError('invite', DEVICE_CODE_INVALID);
    if (device.used_at !== null) {
      throw new DirectoryError(
        'invite',
        'this device code was already used; ask your cluster leader for a new device code',
      );
    }
    if (device.expires_at <= Date.now()) {
      throw new DirectoryError(
        'invite',
        'this device code has expired; ask your cluster leader for a new device code',
      );
    }
    const member = toMember(device);
    const cluster = this.getCluster(member.cluster);
    if (cluster === undefined) throw new DirectoryError('invite', DEVICE_CODE_INVALID);
    return { cluster, role: member.role, expiresAt: device.expires_at, member };
  }

  /**
   * A one-time code that signs an active member in on another device; only its hash is kept.
   * Throws 'not-found' for unknown and revoked members.
   */
  createDeviceCode(
    memberId: string,
    createdBy: string | null,
    expiresAt: number,
  ): { code: string; member: Member } {
    const found = this.getMember(memberId);
    if (found === undefined || found.revoked)
      throw new DirectoryError('not-found', `no active member with id "${memberId}"`);
    const { revoked: _revoked, ...member } = found;
    const code = newInviteCode();
    this.insertDeviceCode.run(
      hashSecret(normalizeInviteCode(code)),
      member.id,
      createdBy,
      Date.now(),
      expiresAt,
    );
    return { code, member };
  }

  /**
   * Joins with an invite (a new member; `name` and `school` required), or signs an existing
   * member in with a device code (`name` and `school` ignored). Either way a new token.
   */
  join(input: { invite: string; name?: string; school?: string }): { token: string; member: Member } {
    const preview = this.previewCode(input.invite);
    if (preview.member !== undefined) return this.signInWithDeviceCode(input.invite);
    const { cluster, role } = preview;
    const schoolName = input.school ?? '';
    const school = cluster.schools.length === 0 ? { id: '' } : findSchool(cluster.schools, schoolName);
    if (school === undefined)
      throw new DirectoryError('invalid', `no school "${schoolName}" in this cluster`);
    const member: Member = {
      id: newId('m'),
      cluster: cluster.id,
      name: requireName(input.name, 'name'),
      school: school.id,
      role,
    };
    const token = this.db.transaction(() => this.addMember(member, Date.now())).immediate();
    return { token, member };
  }

  /** Uses up a device code and gives its member a new token; their other tokens keep working. */
  private signInWithDeviceCode(code: string): { token: string; member: Member } {
    return this.db
      .transaction(() => {
        // Checked again inside the write lock: another process may have used the code meanwhile.
        const { member } = this.previewCode(code);
        if (member === undefined) throw new DirectoryError('invite', DEVICE_CODE_INVALID);
        const now = Date.now();
        if (this.useDeviceCode.run(now, hashSecret(normalizeInviteCode(code))).changes !== 1)
          throw new DirectoryError('invite', DEVICE_CODE_INVALID);
        const token = newToken();
        this.insertToken.run(hashSecret(token), member.id, now);
        return { token, member };
      })
      .immediate();
  }

  /** The active member a token belongs to; undefined for unknown and revoked tokens. */
  authenticate(token: string): Member | undefined {
    if (token.length === 0 || token.length > 200) return undefined;
    const row = this.memberByToken.get(hashSecret(token));
    return row === undefined ? undefined : toMember(row);
  }

  getMember(id: string): (Member & { readonly revoked: boolean }) | undefined {
    const row = this.memberById.get(id);
    return row === undefined ? undefined : { ...toMember(row), revoked: row.revoked_at !== null };
  }

  listMembers(cluster: string): Member[] {
    return this.membersOfCluster.all(cluster).map(toMember);
  }

  getCluster(id: string): Cluster | undefined {
    const row = this.clusterById.get(id);
    return row === undefined
      ? undefined
      : { id: row.id, name: row.name, schools: this.schoolsOfCluster.all(id) };
  }

  /** Revokes every token of the member; returns false if there was no active member with that id. */
  revokeMember(id: string): boolean {
    return this.db
      .transaction(() => {
        const now = Date.now();
        if (this.revokeStmt.run(now, id).changes === 0) return false;
        this.insertRevocation.run(id, now);
        return true;
      })
      .immediate();
  }

  revocationsAfter(seq: number): { seq: number; member: string }[] {
    return this.revocationsAfterStmt.all(seq);
  }

  lastRevocationSeq(): number {
    return this.lastRevocation.get()?.seq ?? 0;
  }

  private addMember(member: Member, now: number): string {
    this.insertMember.run(member.id, member.cluster, member.name, member.school, member.role, now);
    const token = newToken();
    this.insertToken.run(hashSecret(token), member.id, now);
    return token;
  }
}

function toMember(row: MemberRow): Member {
  if (!isRole(row.role)) throw new Error(`member ${row.id} has an unknown role`);
  return { id: row.id, cluster: row.cluster, name: row.name, school: row.school, role: row.role };
}

function requireName(value: unknown, what: string): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length === 0 || name.length > 200)
    throw new DirectoryError('invalid', `a ${what} of 1 to 200 characters is required`);
  return name;
}
