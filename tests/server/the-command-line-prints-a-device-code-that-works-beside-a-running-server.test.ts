import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/childServer';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe('member device-code on the command line', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it('prints a code that the running server accepts at once, for the existing member', async () => {
    const teacher = await server.join('teacher', 'Sipho Dube');
    const result = await runCli([
      'member',
      'device-code',
      '--data',
      server.dataDir,
      '--member',
      teacher.member.id,
      '--hours',
      '2',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { code: string; expiresAt: string; member: { id: string } };
    expect(printed.member).toMatchObject({ id: teacher.member.id, name: 'Sipho Dube', role: 'teacher' });
    const expiresIn = Date.parse(printed.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(1.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(2 * 3600_000);

    const preview = await api(server.url, null, 'GET', `/api/invites/${printed.code}`);
    expect(preview.json.member).toEqual({ name: 'Sipho Dube', school: 'Tonga Combined' });
    const signedIn = await api(server.url, null, 'POST', '/api/join', { invite: printed.code });
    expect(signedIn.status).toBe(201);
    expect((signedIn.json.member as { id: string }).id).toBe(teacher.member.id);
    expect((await api(server.url, signedIn.json.token as string, 'GET', '/api/me')).status).toBe(200);
  });

  it('explains itself, and refuses unknown members and too many hours', async () => {
    const help = await runCli(['member', 'device-code', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cluster-lessons-server member device-code/);
    expect((await runCli(['--help'])).stdout).toMatch(/member device-code/);

    const unknown = await runCli(['member', 'device-code', '--data', server.dataDir, '--member', 'm-nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no active member/);
    const tooLong = await runCli([
      'member',
      'device-code',
      '--data',
      server.dataDir,
      '--member',
      server.leader.member.id,
      '--hours',
      '100',
    ]);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/--hours must be a whole number from 1 to 72/);
  });
});
