import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../server/storage/database';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('a device code works once, and only until it expires', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  const signIn = (code: string) => api(server.url, null, 'POST', '/api/join', { invite: code });

  it('is refused the second time, like a bad invite, saying what to do next', async () => {
    const teacher = await server.join('teacher', 'Sipho');
    const code = (await api(server.url, teacher.token, 'POST', '/api/me/device-code')).json.code as string;
    expect((await signIn(code)).status).toBe(201);

    const again = await signIn(code);
    expect(again.status).toBe(403);
    expect(again.json).toEqual({
      error: 'this device code was already used; ask your cluster leader for a new device code',
      code: 'invite',
    });
    const preview = await api(server.url, null, 'GET', `/api/invites/${code}`);
    expect(preview.status).toBe(403);
    expect(preview.json.error).toMatch(/already used/);
  });

  it('is refused once expired', async () => {
    const teacher = await server.join('teacher', 'Lerato');
    const code = (await api(server.url, teacher.token, 'POST', '/api/me/device-code')).json.code as string;
    // No injectable clock in the server: move the code's expiry into the past, as the invite test does.
    const db = new Database(databasePath(server.dataDir));
    db.prepare('UPDATE device_codes SET expires_at = ?').run(Date.now() - 1000);
    db.close();

    const expired = await signIn(code);
    expect(expired.status).toBe(403);
    expect(expired.json).toEqual({
      error: 'this device code has expired; ask your cluster leader for a new device code',
      code: 'invite',
    });
    expect((await api(server.url, null, 'GET', `/api/invites/${code}`)).status).toBe(403);
    // An unknown code is refused as an unknown invite is.
    const unknown = await signIn('AAAA-BBBB-CCCC');
    expect(unknown.status).toBe(403);
    expect(unknown.json.error).toMatch(/not valid/);
  });

  it('lasts 24 hours unless asked otherwise, at most 72', async () => {
    const ask = (body: unknown) => api(server.url, server.leader.token, 'POST', '/api/me/device-code', body);
    const long = await ask({ hours: 72 });
    expect(long.status).toBe(201);
    expect(Date.parse(long.json.expiresAt as string) - Date.now()).toBeGreaterThan(71.9 * 3600_000);
    for (const hours of [73, 0, -1, '5']) {
      const refused = await ask({ hours });
      expect(refused.status, String(hours)).toBe(400);
      expect(refused.json.error).toMatch(/"hours"/);
    }
  });
});
