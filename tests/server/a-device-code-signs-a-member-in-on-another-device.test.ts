import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../server/storage/database';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('a device code signs an existing member in on another device', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it("from the leader: the second device is the same member, and the first device's token still works", async () => {
    const teacher = await server.join('teacher', 'Sipho Dube', 'Tonga Combined');
    const issued = await api(
      server.url,
      server.leader.token,
      'POST',
      `/api/members/${teacher.member.id}/device-code`,
    );
    expect(issued.status).toBe(201);
    const code = issued.json.code as string;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const expiresIn = Date.parse(issued.json.expiresAt as string) - Date.now();
    expect(expiresIn).toBeGreaterThan(23.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * 3600_000);
    expect(issued.json.member).toMatchObject({ id: teacher.member.id, name: 'Sipho Dube' });

    // Typed on the new device as people type codes: lower case, spaces for dashes. Name and school are ignored.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const signedIn = await api(server.url, null, 'POST', '/api/join', {
      invite: typed,
      name: 'Someone Else',
      school: 'Mbuzini Secondary',
    });
    expect(signedIn.status).toBe(201);
    const token = signedIn.json.token as string;
    expect(token).not.toBe(teacher.token);
    expect(signedIn.json.member).toMatchObject({
      id: teacher.member.id,
      name: 'Sipho Dube',
      role: 'teacher',
      school: 'Tonga Combined',
    });

    for (const t of [token, teacher.token]) {
      const me = await api(server.url, t, 'GET', '/api/me');
      expect(me.status).toBe(200);
      expect((me.json.member as { id: string }).id).toBe(teacher.member.id);
    }
    // No new member was made.
    const members = await api(server.url, server.leader.token, 'GET', '/api/members');
    expect((members.json.members as unknown[]).length).toBe(2);
  });

  it('from the member themselves, e.g. to move to a new laptop, without name or school', async () => {
    const advisor = await server.join('advisor', 'Mr Nkosi', 'mbuzini-secondary');
    const issued = await api(server.url, advisor.token, 'POST', '/api/me/device-code', { hours: 2 });
    expect(issued.status).toBe(201);
    const expiresIn = Date.parse(issued.json.expiresAt as string) - Date.now();
    expect(expiresIn).toBeGreaterThan(1.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(2 * 3600_000);

    const signedIn = await api(server.url, null, 'POST', '/api/join', { invite: issued.json.code });
    expect(signedIn.status).toBe(201);
    expect((signedIn.json.member as { id: string }).id).toBe(advisor.member.id);
    const me = await api(server.url, signedIn.json.token as string, 'GET', '/api/me');
    expect(me.json.role).toBe('advisor');
  });

  it('can be previewed: the cluster, and whom it signs in as', async () => {
    const teacher = await server.join('teacher', 'Lerato Khumalo', 'mbuzini-secondary');
    const issued = await api(server.url, teacher.token, 'POST', '/api/me/device-code');
    const preview = await api(server.url, null, 'GET', `/api/invites/${issued.json.code as string}`);
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      clusterId: server.cluster.clusterId,
      clusterName: 'Nkomazi Cluster',
      role: 'teacher',
      schools: ['Mbuzini Secondary', 'Tonga Combined'],
      member: { name: 'Lerato Khumalo', school: 'Mbuzini Secondary' },
    });
    expect(preview.json.expiresAt).toBe(issued.json.expiresAt);
    // An invite's preview names no member.
    const invite = await api(server.url, null, 'GET', `/api/invites/${server.cluster.invites.teacher}`);
    expect(invite.json).not.toHaveProperty('member');
  });

  it('is kept only as a hash', async () => {
    const issued = await api(server.url, server.leader.token, 'POST', '/api/me/device-code');
    const code = issued.json.code as string;
    const db = new Database(databasePath(server.dataDir), { readonly: true });
    const rows = JSON.stringify(db.prepare('SELECT * FROM device_codes').all());
    db.close();
    expect(rows).toContain(server.leader.member.id);
    expect(rows).not.toContain(code);
    expect(rows).not.toContain(code.replace(/-/g, ''));
  });
});
