import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/childServer';
import { tempDir } from './helpers/testServer';

describe('the cluster-lessons-server command', () => {
  const dataDir = tempDir('cli');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    'serve',
    'cluster create',
    'member revoke',
    'member list',
    'backup',
  ])('explains "%s" with --help', async (command) => {
    const result = await runCli([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: cluster-lessons-server ${command}`));
    expect(result.stdout).toMatch(/--data DIR|--host HOST/);
  });

  it('lists its commands, and refuses unknown ones and missing flags with exit code 2', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/serve[\s\S]*cluster create[\s\S]*member revoke[\s\S]*backup/);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const missing = await runCli(['cluster', 'create', '--data', dataDir, '--name', 'X']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--leader is required/);
    const badPort = await runCli(['serve', '--port', 'eighty']);
    expect(badPort.code).toBe(2);
  });

  it('creates a cluster and prints its id, the leader token and one invite per role as JSON', async () => {
    const result = await runCli([
      'cluster',
      'create',
      '--data',
      dataDir,
      '--name',
      'Nkomazi Natural Sciences',
      '--leader',
      'Thandi Mokoena',
      '--school',
      'Mbuzini Secondary',
      '--school',
      'Tonga Combined',
      '--invite-days',
      '14',
    ]);
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(created).toMatchObject({
      clusterId: expect.stringMatching(/^nkomazi-natural-sciences-[a-z0-9]{4}$/),
      leader: { name: 'Thandi Mokoena', role: 'leader', school: 'mbuzini-secondary' },
      leaderToken: expect.stringMatching(/^clt_/),
      invites: { leader: expect.any(String), advisor: expect.any(String), teacher: expect.any(String) },
      schools: [
        { id: 'mbuzini-secondary', name: 'Mbuzini Secondary' },
        { id: 'tonga-combined', name: 'Tonga Combined' },
      ],
    });
    const list = await runCli(['member', 'list', '--data', dataDir, '--cluster', created.clusterId]);
    expect(JSON.parse(list.stdout).members).toHaveLength(1);
    const again = await runCli([
      'cluster',
      'create',
      '--data',
      dataDir,
      '--name',
      'X',
      '--leader',
      'Y',
      '--id',
      created.clusterId,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
