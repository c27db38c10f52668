import { toBase64 } from 'lib0/buffer';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textDigest } from '../../core/sync/digest';
import { connectClient, waitFor } from './helpers/clients';
import { api, startTestServer, type TestServer } from './helpers/testServer';

describe("the server's digest of a document", () => {
  let server: TestServer;

  afterEach(async () => {
    await server.close();
  });

  it('equals what a synced client computes, whether the document is open or only stored', async () => {
    server = await startTestServer();
    const doc = `${server.cluster.clusterId}/plan/digest`;
    const client = connectClient(server.url, doc, server.leader.token);
    await client.synced();
    client.text.insert(0, 'Umthamo 3: ukukhanya — ŋ ✓\n');
    const ask = () =>
      api(server.url, server.leader.token, 'GET', `/api/docs/digest?doc=${encodeURIComponent(doc)}`);
    const local = async () => ({
      stateVector: toBase64(Y.encodeStateVector(client.doc)),
      digest: await textDigest(client.text.toString()),
    });

    expect((await ask()).json).toEqual(await local());
    const snapshot = await local();
    client.destroy();
    await waitFor(() => server.running.server.rooms.size === 0, 5_000, 'the document to unload');
    expect((await ask()).json).toEqual(snapshot);

    const outsider = await server.join('teacher', 'Z', 'other-school', server.createCluster('Elsewhere'));
    const refused = await api(
      server.url,
      outsider.token,
      'GET',
      `/api/docs/digest?doc=${encodeURIComponent(doc)}`,
    );
    expect(refused.status).toBe(403);
  });
});
