import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, eventually, waitFor } from './helpers/clients';
import { api, startTestServer, type TestMember, type TestServer, serverHasAllOf } from './helpers/testServer';

const plan = (title: string, extra = '') =>
  `---\ntitle: ${title}\nsubject: Natural Sciences\ngrade: 8\nterm: 1\nweek: 3\n${extra}---\n\n# ${title}\n`;

describe("the cluster's plans", () => {
  let server: TestServer;
  let teacher: TestMember;

  beforeEach(async () => {
    server = await startTestServer();
    teacher = await server.join('teacher', 'Sipho');
  });

  afterEach(async () => {
    await server.close();
  });

  async function write(id: string, text: string, token = teacher.token): Promise<void> {
    const client = connectClient(server.url, `${server.cluster.clusterId}/plan/${id}`, token);
    await client.synced();
    client.text.insert(0, text);
    await serverHasAllOf(server, `${server.cluster.clusterId}/plan/${id}`, client.doc);
    await server.running.flush();
    client.destroy();
  }

  const list = async (token = teacher.token) =>
    (await api(server.url, token, 'GET', '/api/plans')).json.plans as Array<Record<string, unknown>>;

  it('are listed from their front matter, and follow edits', async () => {
    const before = Date.now();
    await write('photosynthesis', plan('Photosynthesis'));
    await write('tpl-practical', plan('Practical', 'kind: template\n'));
    await waitFor(() => server.running.server.rooms.size === 0, 5_000, 'documents to unload');
    const plans = await list();
    expect(plans).toEqual([
      {
        id: 'photosynthesis',
        title: 'Photosynthesis',
        subject: 'Natural Sciences',
        grade: '8',
        term: 1,
        week: 3,
        updatedAt: expect.any(Number),
      },
      expect.objectContaining({ id: 'tpl-practical', isTemplate: true }),
    ]);
    expect(plans[0]!.updatedAt as number).toBeGreaterThanOrEqual(before);

    const editor = connectClient(
      server.url,
      `${server.cluster.clusterId}/plan/photosynthesis`,
      teacher.token,
    );
    await editor.synced();
    editor.text.delete(11, 'Photosynthesis'.length);
    editor.text.insert(11, 'Light and plants');
    await eventually(
      async () => (await list()).some((p) => p.title === 'Light and plants'),
      5_000,
      'the catalog to follow the edit',
    );
    editor.destroy();
  });

  it('typed in at the same time are all listed, each under its own title', async () => {
    // The server refreshes the entries of every plan typed in lately together, in one commit.
    const ids = ['soil', 'water', 'air', 'light', 'heat'];
    const clients = await Promise.all(
      ids.map(async (id) => {
        const client = connectClient(server.url, `${server.cluster.clusterId}/plan/${id}`, teacher.token);
        await client.synced();
        return client;
      }),
    );
    for (const [i, client] of clients.entries()) client.text.insert(0, plan(`Topic ${ids[i]}`));
    await eventually(
      async () => {
        const titles = new Map((await list()).map((p) => [p.id, p.title]));
        return ids.every((id) => titles.get(id) === `Topic ${id}`);
      },
      5_000,
      'every plan in the catalog under its title',
    );
    // And a second burst of edits to all of them is followed too.
    for (const client of clients) client.text.insert('---\ntitle: '.length, 'New ');
    await eventually(
      async () => (await list()).filter((p) => String(p.title).startsWith('New Topic')).length === ids.length,
      5_000,
      'every retitled plan in the catalog',
    );
    for (const client of clients) client.destroy();
  });

  it('with front matter longer than the part the server reads first are listed from all of it', async () => {
    // The server reads the first 4,096 characters of an open plan (server/plans/planIndex.ts).
    const long = plan('Long', `notes: ${'a careful note '.repeat(400)}\nterm: 2\n`).replace('term: 1\n', '');
    expect(long.indexOf('term: 2')).toBeGreaterThan(4096);
    const client = connectClient(server.url, `${server.cluster.clusterId}/plan/long`, teacher.token);
    await client.synced();
    client.text.insert(0, long);
    await eventually(
      async () => (await list()).some((p) => p.id === 'long' && p.term === 2),
      5_000,
      'the catalog to read the whole front matter',
    );
    client.destroy();
  });

  it('go to the trash and come back, and a private draft is not listed to others', async () => {
    await write('density', plan('Density'));
    const deleted = await api(server.url, teacher.token, 'DELETE', '/api/plans/density');
    expect(deleted.status).toBe(200);
    expect((await list()).find((p) => p.id === 'density')?.deletedAt).toEqual(deleted.json.deletedAt);
    expect((await api(server.url, teacher.token, 'POST', '/api/plans/density/restore')).status).toBe(200);
    expect((await list()).find((p) => p.id === 'density')?.deletedAt).toBeUndefined();

    await api(server.url, teacher.token, 'PUT', '/api/plans/density/coauthors', {
      coAuthors: [],
      othersMayRead: false,
    });
    const colleague = await server.join('teacher', 'Lerato');
    expect((await list(colleague.token)).map((p) => p.id)).not.toContain('density');
    expect((await api(server.url, colleague.token, 'DELETE', '/api/plans/density')).status).toBe(403);
  });

  it('in the trash for longer than 30 days are deleted for good', async () => {
    await write('old-plan', plan('Old plan'));
    await write('kept-plan', plan('Kept plan'));
    await api(server.url, teacher.token, 'DELETE', '/api/plans/old-plan');
    await waitFor(() => server.running.server.rooms.size === 0, 5_000, 'documents to unload');
    const purged = await server.running.server.plans.purgeExpired(Date.now() + 31 * 24 * 60 * 60 * 1000);
    expect(purged).toEqual([`${server.cluster.clusterId}/plan/old-plan`]);
    expect((await list()).map((p) => p.id)).toEqual(['kept-plan']);
    expect(await server.running.server.storage.list()).toEqual([
      `${server.cluster.clusterId}/plan/kept-plan`,
    ]);
  });
});
