import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/directory/secrets';
import { type RunningServer, startServer } from '../../server/index';
import { databasePath, MIGRATIONS } from '../../server/storage/database';
import { api, tempDir } from './helpers/testServer';

const CREATED_AT = Date.UTC(2026, 1, 2, 8, 0);

/** A database file as the server before member expertise left it (schema version 4): a cluster, a leader, a teacher, a revoked teacher. */
function writeVersion4Database(dataDir: string): void {
  const db = new Database(databasePath(dataDir));
  for (const migration of MIGRATIONS.slice(0, 4)) db.exec(migration);
  db.pragma('user_version = 4');
  db.prepare('INSERT INTO clusters (id, name, created_at) VALUES (?, ?, ?)').run(
    'old',
    'Old Cluster',
    CREATED_AT,
  );
  db.prepare('INSERT INTO schools (cluster, id, name) VALUES (?, ?, ?)').run(
    'old',
    'mbuzini',
    'Mbuzini Secondary',
  );
  const member = db.prepare(
    'INSERT INTO members (id, cluster, name, school, role, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  member.run('m-leader', 'old', 'Thandi', 'mbuzini', 'leader', CREATED_AT, null);
  member.run('m-teacher', 'old', 'Sipho', 'mbuzini', 'teacher', CREATED_AT + 1, null);
  member.run('m-gone', 'old', 'Bongani', 'mbuzini', 'teacher', CREATED_AT + 2, CREATED_AT + 3);
  const token = db.prepare('INSERT INTO tokens (hash, member, created_at) VALUES (?, ?, ?)');
  token.run(hashSecret('clt_old-leader'), 'm-leader', CREATED_AT);
  token.run(hashSecret('clt_old-teacher'), 'm-teacher', CREATED_AT);
  db.close();
}

describe('the schema migration to version 5', () => {
  const dataDir = tempDir('migration-expertise');
  let running: RunningServer | undefined;

  afterEach(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('upgrades a version-4 database: its members keep their tokens and can set and read expertise', async () => {
    writeVersion4Database(dataDir);
    running = await startServer({ dataDir, port: 0, quiet: true });

    expect((await api(running.url, 'clt_old-teacher', 'GET', '/api/expertise')).json).toEqual({
      expertise: [],
    });
    const saved = await api(running.url, 'clt_old-teacher', 'PUT', '/api/me/expertise', {
      topics: ['electric circuits'],
    });
    expect(saved.status).toBe(200);
    const byLeader = await api(running.url, 'clt_old-leader', 'PUT', '/api/members/m-teacher/expertise', {
      topics: ['electric circuits', 'density'],
    });
    expect(byLeader.status).toBe(200);
    expect(
      (await api(running.url, 'clt_old-leader', 'PUT', '/api/members/m-gone/expertise', { topics: ['x'] }))
        .status,
    ).toBe(404);
    await running.close();

    const db = new Database(databasePath(dataDir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(5);
    db.close();

    // Opening the upgraded file again migrates nothing twice and keeps what was written.
    running = await startServer({ dataDir, port: 0, quiet: true });
    expect((await api(running.url, 'clt_old-teacher', 'GET', '/api/expertise')).json).toEqual({
      expertise: [
        {
          memberId: 'm-teacher',
          name: 'Sipho',
          school: 'Mbuzini Secondary',
          topics: ['electric circuits', 'density'],
        },
      ],
    });
  });
});
