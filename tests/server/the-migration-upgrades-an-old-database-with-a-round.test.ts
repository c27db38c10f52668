import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashSecret } from '../../server/directory/secrets';
import { today } from '../../server/http/roundInput';
import { type RunningServer, startServer } from '../../server/index';
import { databasePath, MIGRATIONS } from '../../server/storage/database';
import { connectClient, waitFor } from './helpers/clients';
import type { RoundInfo } from './helpers/rounds';
import { api, tempDir } from './helpers/testServer';

const CREATED_AT = Date.UTC(2025, 9, 14, 12, 0);

/**
 * A database file as the server before observation-round statuses left it (schema version 2):
 * a cluster, a teacher, an observer and a round with feedback in its review document.
 */
function writeVersion2Database(dataDir: string): void {
  const db = new Database(databasePath(dataDir));
  db.exec(MIGRATIONS[0]!);
  db.exec(MIGRATIONS[1]!);
  db.pragma('user_version = 2');
  db.prepare('INSERT INTO clusters (id, name, created_at) VALUES (?, ?, ?)').run(
    'old',
    'Old Cluster',
    CREATED_AT,
  );
  db.prepare('INSERT INTO schools (cluster, id, name) VALUES (?, ?, ?)').run('old', 'mbuzini', 'Mbuzini');
  const member = db.prepare(
    'INSERT INTO members (id, cluster, name, school, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  member.run('m-teacher', 'old', 'Sipho', 'mbuzini', 'teacher', CREATED_AT);
  member.run('m-observer', 'old', 'Lerato', 'mbuzini', 'teacher', CREATED_AT);
  const token = db.prepare('INSERT INTO tokens (hash, member, created_at) VALUES (?, ?, ?)');
  token.run(hashSecret('clt_old-teacher'), 'm-teacher', CREATED_AT);
  token.run(hashSecret('clt_old-observer'), 'm-observer', CREATED_AT);
  db.prepare('INSERT INTO rounds (id, cluster, teacher, plan, created_at) VALUES (?, ?, ?, ?, ?)').run(
    'r-old',
    'old',
    'm-teacher',
    'old/plan/p1',
    CREATED_AT,
  );
  db.prepare('INSERT INTO round_members (round, member, part) VALUES (?, ?, ?)').run(
    'r-old',
    'm-observer',
    'observer',
  );
  const feedback = new Y.Doc();
  feedback.getText('body').insert(0, 'Old feedback.');
  db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)').run(
    'old/review/r-old',
    Buffer.from(Y.encodeStateAsUpdate(feedback)),
  );
  db.close();
}

describe('the schema migration', () => {
  const dataDir = tempDir('migration');
  let running: RunningServer | undefined;

  afterEach(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('upgrades an old database file with a round in it, which stays an open round its members use', async () => {
    writeVersion2Database(dataDir);
    running = await startServer({ dataDir, port: 0, quiet: true });

    const reply = await api(running.url, 'clt_old-teacher', 'GET', '/api/rounds/r-old');
    expect(reply.status).toBe(200);
    const round: RoundInfo = {
      id: 'r-old',
      cluster: 'old',
      teacher: 'm-teacher',
      observers: ['m-observer'],
      sharedWith: [],
      plan: 'old/plan/p1',
      doc: 'old/review/r-old',
      status: 'open',
      proposedBy: null,
      date: today(new Date(CREATED_AT)),
      school: 'mbuzini',
      className: '',
      focusQuestions: [],
      developmental: true,
      lessonStudy: false,
    };
    expect(reply.json.round).toEqual(round);
    expect((await api(running.url, 'clt_old-observer', 'GET', '/api/rounds')).json.rounds).toEqual([round]);

    const observer = connectClient(running.url, round.doc, 'clt_old-observer');
    await observer.synced();
    expect(observer.text.toString()).toBe('Old feedback.');
    observer.text.insert(observer.text.length, ' New note.');
    const patched = await api(running.url, 'clt_old-teacher', 'PATCH', '/api/rounds/r-old', {
      focusQuestions: ['Who answers?'],
      status: 'completed',
    });
    expect(patched.status).toBe(200);
    await running.flush();
    observer.destroy();
    await running.close();

    const db = new Database(databasePath(dataDir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();

    // Opening the upgraded file again migrates nothing twice and keeps what was written.
    running = await startServer({ dataDir, port: 0, quiet: true });
    const again = await api(running.url, 'clt_old-teacher', 'GET', '/api/rounds/r-old');
    expect(again.json.round).toEqual({ ...round, status: 'completed', focusQuestions: ['Who answers?'] });
    const teacher = connectClient(running.url, round.doc, 'clt_old-teacher');
    await teacher.synced();
    await waitFor(() => teacher.text.toString() === 'Old feedback. New note.', 5_000, 'the stored feedback');
    teacher.destroy();
  });
});
