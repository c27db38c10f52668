import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../server/storage/database';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('joining a cluster with an invite code', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('gives a token and the member, who can then ask who they are', async () => {
    const invite = server.cluster.invites.teacher.toLowerCase().replace(/-/g, ' ');
    const joined = await api(server.url, null, 'POST', '/api/join', {
      invite,
      name: 'Sipho Dube',
      school: 'Tonga Combined',
    });
    expect(joined.status).toBe(201);
    const member = joined.json.member as { id: string };
    expect(joined.json.member).toMatchObject({
      name: 'Sipho Dube',
      role: 'teacher',
      school: 'Tonga Combined',
      schoolId: 'tonga-combined',
      cluster: server.cluster.clusterId,
    });

    const me = await api(server.url, joined.json.token as string, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.json).toEqual({
      member: {
        id: member.id,
        name: 'Sipho Dube',
        role: 'teacher',
        cluster: server.cluster.clusterId,
        school: 'Tonga Combined',
        schoolId: 'tonga-combined',
      },
      role: 'teacher',
      cluster: {
        id: server.cluster.clusterId,
        name: 'Nkomazi Cluster',
        schools: ['Mbuzini Secondary', 'Tonga Combined'],
        schoolIds: ['mbuzini-secondary', 'tonga-combined'],
      },
    });
    const members = await api(server.url, joined.json.token as string, 'GET', '/api/members');
    expect((members.json.members as unknown[]).length).toBe(2);
  });

  it('can be previewed before joining, to choose a school from the list', async () => {
    const preview = await api(server.url, null, 'GET', `/api/invites/${server.cluster.invites.advisor}`);
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      clusterId: server.cluster.clusterId,
      clusterName: 'Nkomazi Cluster',
      role: 'advisor',
      schools: ['Mbuzini Secondary', 'Tonga Combined'],
    });
    const unknown = await api(server.url, null, 'GET', '/api/invites/AAAA-BBBB-CCCC');
    expect(unknown.status).toBe(403);
    expect(unknown.json.error).toMatch(/not valid/);
  });

  it('keeps only hashes of tokens and invite codes', async () => {
    const joined = await api(server.url, null, 'POST', '/api/join', {
      invite: server.cluster.invites.advisor,
      name: 'Mr Nkosi',
      school: 'mbuzini-secondary',
    });
    const db = new Database(databasePath(server.dataDir), { readonly: true });
    const everything = JSON.stringify([
      db.prepare('SELECT * FROM tokens').all(),
      db.prepare('SELECT * FROM invites').all(),
      db.prepare('SELECT * FROM members').all(),
    ]);
    db.close();
    for (const secret of [joined.json.token as string, server.leader.token, server.cluster.invites.advisor]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.replace(/-/g, ''));
    }
  });

  it('refuses codes that are unknown, withdrawn or expired, and unknown schools', async () => {
    const join = (invite: string, school = 'tonga-combined') =>
      api(server.url, null, 'POST', '/api/join', { invite, name: 'X', school });
    expect((await join('AAAA-BBBB-CCCC')).status).toBe(403);
    expect((await join(server.cluster.invites.teacher, 'atlantis')).status).toBe(400);

    const created = await api(server.url, server.leader.token, 'POST', '/api/invites', {
      role: 'teacher',
      expiresInDays: 7,
    });
    expect(created.status).toBe(201);
    const code = created.json.code as string;
    const withdrawn = await api(server.url, server.leader.token, 'POST', '/api/invites/withdraw', { code });
    expect(withdrawn.status).toBe(200);
    const refused = await join(code);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.json)).toMatch(/not valid/);

    const db = new Database(databasePath(server.dataDir));
    db.prepare('UPDATE invites SET expires_at = ?').run(Date.now() - 1000);
    db.close();
    const expired = await join(server.cluster.invites.teacher);
    expect(expired.status).toBe(403);
    expect(JSON.stringify(expired.json)).toMatch(/expired/);
  });

  it('lets only leaders create and withdraw invites', async () => {
    const teacher = await server.join('teacher', 'Sipho');
    expect((await api(server.url, teacher.token, 'POST', '/api/invites', { role: 'leader' })).status).toBe(
      403,
    );
    expect(
      (
        await api(server.url, teacher.token, 'POST', '/api/invites/withdraw', {
          code: server.cluster.invites.teacher,
        })
      ).status,
    ).toBe(403);
    expect((await api(server.url, null, 'GET', '/api/me')).status).toBe(401);
    expect((await api(server.url, 'clt_wrong', 'GET', '/api/me')).status).toBe(401);
  });

  it('answers browsers from another origin (VS Code for the Web) with CORS headers', async () => {
    const preflight = await fetch(`${server.url}/api/me`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://vscode.dev',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    for (const path of ['/healthz', '/api/me', '/api/join']) {
      const response = await fetch(`${server.url}${path}`, { headers: { Origin: 'https://vscode.dev' } });
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });

  it('rejects malformed requests with a JSON error', async () => {
    const response = await fetch(`${server.url}/api/join`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'the request body is not valid JSON',
      code: 'bad-json',
    });
    const big = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      body: JSON.stringify({ name: 'x'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
    expect((await api(server.url, null, 'GET', '/api/nothing')).status).toBe(404);
    expect((await api(server.url, null, 'DELETE', '/api/join')).status).toBe(405);
  });
});
