import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/childServer';
import { connectClient, waitFor } from './helpers/clients';
import { loadStoredDoc } from './helpers/storedRows';
import { startTestServer, type TestServer, tempDir, serverHasAllOf } from './helpers/testServer';
import { keepTyping } from './helpers/typists';

describe('backing up', () => {
  let server: TestServer;
  const dirs: string[] = [];

  afterEach(async () => {
    await server.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('while teachers type makes a consistent copy that a server can start from', async () => {
    server = await startTestServer();
    const doc = `${server.cluster.clusterId}/plan/backed-up`;
    const client = connectClient(server.url, doc, server.leader.token);
    await client.synced();
    client.doc.getMap('frontmatter').set('title', 'Before the backup');
    await serverHasAllOf(server, doc, client.doc);
    await server.running.flush();
    const typists = keepTyping([client], 2);

    const backupDir = tempDir('backup');
    dirs.push(backupDir);
    const result = await runCli([
      'backup',
      '--data',
      server.dataDir,
      '--to',
      join(backupDir, 'cluster-lessons.sqlite'),
    ]);
    await typists.stop();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).pages).toBeGreaterThan(0);

    // The copy is a database the server opens, with the document as it was at some moment.
    const copied = loadStoredDoc(backupDir, doc);
    const copy = copied.getText('body').toString();
    expect(copied.getMap('frontmatter').get('title')).toBe('Before the backup');
    const restored = await startTestServer({ dataDir: backupDir });
    const reader = connectClient(restored.url, doc, server.cluster.leaderToken);
    await reader.synced();
    await waitFor(() => reader.text.toString() === copy, 5_000, 'the restored plan');
    reader.destroy();
    await restored.close();
    client.destroy();

    // It never overwrites an existing file.
    const again = await runCli([
      'backup',
      '--data',
      server.dataDir,
      '--to',
      join(backupDir, 'cluster-lessons.sqlite'),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
