// Administration without a running server (the CLI) or beside one (same database file, WAL):
// create a cluster, revoke a member, issue a device code, back up the database.
import { existsSync } from 'node:fs';
import {
  type ClusterCreated,
  Directory,
  DirectoryError,
  type Member,
  type NewCluster,
} from './directory/directory';
import { databasePath, openDatabase } from './storage/database';

function withDirectory<T>(dataDir: string, use: (directory: Directory) => T): T {
  const db = openDatabase(dataDir);
  try {
    return use(new Directory(db));
  } finally {
    db.close();
  }
}

/** Creates a cluster with its schools and leader; returns the leader's token and one invite code per role. */
export function createCluster(dataDir: string, input: NewCluster): ClusterCreated {
  return withDirectory(dataDir, (directory) => directory.createCluster(input));
}

/** Joins a cluster with an invite code, or signs in with a device code, as `POST /api/join` does. */
export function joinCluster(
  dataDir: string,
  input: { invite: string; name?: string; school?: string },
): { token: string; member: Member } {
  return withDirectory(dataDir, (directory) => directory.join(input));
}

/** Revokes a member; a running server closes their connections with 4401 within its poll interval. */
export function revokeMember(dataDir: string, memberId: string): { revoked: boolean; member?: Member } {
  return withDirectory(dataDir, (directory) => {
    const member = directory.getMember(memberId);
    if (member === undefined) return { revoked: false };
    const { revoked: _wasRevoked, ...profile } = member;
    return { revoked: directory.revokeMember(memberId), member: profile };
  });
}

/**
 * A one-time code that signs an active member in on another device (`POST /api/join`), valid
 * for `hours` (at most 72). A running server on the same data directory accepts it at once.
 */
export function issueDeviceCode(
  dataDir: string,
  memberId: string,
  hours = 24,
): { code: string; expiresAt: string; member: Member } {
  if (!(hours > 0 && hours <= 72))
    throw new DirectoryError('invalid', 'a device code lasts more than 0 and at most 72 hours');
  const expiresAt = Date.now() + hours * 60 * 60 * 1000;
  return withDirectory(dataDir, (directory) => {
    const { code, member } = directory.createDeviceCode(memberId, null, expiresAt);
    return { code, expiresAt: new Date(expiresAt).toISOString(), member };
  });
}

export function listMembers(dataDir: string, clusterId: string): Member[] {
  return withDirectory(dataDir, (directory) => directory.listMembers(clusterId));
}

/**
 * Copies the database with SQLite's online backup API: a consistent copy even while the
 * server writes. The copy is a complete data directory database; restore by placing it as
 * `cluster-lessons.sqlite` in an empty data directory.
 */
export async function backupDatabase(
  dataDir: string,
  toFile: string,
): Promise<{ file: string; pages: number }> {
  if (!existsSync(databasePath(dataDir))) throw new Error(`no database in ${dataDir}`);
  if (existsSync(toFile)) throw new Error(`${toFile} already exists; choose a new file`);
  const db = openDatabase(dataDir, { readonly: true });
  try {
    const result = await db.backup(toFile);
    return { file: toFile, pages: result.totalPages };
  } finally {
    db.close();
  }
}
