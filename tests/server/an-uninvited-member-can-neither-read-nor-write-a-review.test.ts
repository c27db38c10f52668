import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { textDigest } from '../../core/sync/digest';
import { connectClient, rawSocket, sleep } from './helpers/clients';
import { syncFrame } from './helpers/fuzzFrames';
import { closedWithin, createRound } from './helpers/rounds';
import { loadStoredDoc } from './helpers/storedRows';
import { api, startTestServer, type TestMember, type TestServer, serverHasAllOf } from './helpers/testServer';

/** An update that would insert `text` into the review's body, and an awareness update, as frames. */
function intrusionFrames(text: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getText('body').insert(0, text);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'intruder' } });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  const awarenessFrame = encoding.toUint8Array(encoder);
  return [syncFrame(0, Y.encodeStateVector(new Y.Doc())), syncFrame(2, updates[0]!), awarenessFrame];
}

describe('a member not invited to an observation round', () => {
  let server: TestServer;
  let teacher: TestMember;
  let observer: TestMember;
  let outsider: TestMember;

  beforeEach(async () => {
    server = await startTestServer();
    teacher = await server.join('teacher', 'Sipho');
    observer = await server.join('teacher', 'Lerato', 'mbuzini-secondary');
    outsider = await server.join('teacher', 'Zanele');
  });

  afterEach(async () => {
    await server.close();
  });

  it('can neither read nor write its review document', async () => {
    const round = await createRound(server, teacher.token, { observers: [observer.member.id], plan: 'p1' });
    const teacherClient = connectClient(server.url, round.doc, teacher.token);
    await teacherClient.synced();
    teacherClient.text.insert(0, 'Next step: group work with roles.');
    await serverHasAllOf(server, round.doc, teacherClient.doc);
    await server.running.flush();
    const receivedBefore = teacherClient.received.length;

    // Both the outsider and the cluster leader (not invited either): refused before any byte
    // of the document is sent, and whatever they send right away changes nothing.
    const attempts = [outsider, server.leader].map((member) => {
      const socket = rawSocket(server.url, round.doc, member.token);
      socket.ws.once('open', () => {
        for (const frame of intrusionFrames('INTRUSION ')) socket.ws.send(frame);
      });
      return socket;
    });
    const closes = await Promise.allSettled(attempts.map((socket) => closedWithin(socket, 3_000)));
    await sleep(200);
    await server.running.flush();

    // Nothing they sent reached the teacher (checked first, so a server that let them in fails here too).
    expect(teacherClient.text.toString()).toBe('Next step: group work with roles.');
    expect(teacherClient.received.length).toBe(receivedBefore);
    expect(teacherClient.provider.awareness.getStates().size).toBe(1);
    for (const [i, socket] of attempts.entries()) {
      const closed = closes[i]!;
      if (closed.status === 'rejected') throw closed.reason;
      expect(closed.value.code).toBe(4403);
      expect(closed.value.reason).toMatch(/private to its teacher, observers and audience/);
      expect(socket.messages).toHaveLength(0);
    }
    const digest = await api(
      server.url,
      teacher.token,
      'GET',
      `/api/docs/digest?doc=${encodeURIComponent(round.doc)}`,
    );
    expect(digest.json.digest).toBe(await textDigest('Next step: group work with roles.'));
    const stored = loadStoredDoc(server.dataDir, round.doc);
    expect(stored.getText('body').toString()).toBe('Next step: group work with roles.');
    stored.destroy();

    // Nor does the HTTP API tell them the round exists.
    expect((await api(server.url, outsider.token, 'GET', `/api/rounds/${round.id}`)).status).toBe(404);
    expect((await api(server.url, outsider.token, 'GET', '/api/rounds')).json.rounds).toEqual([]);
    teacherClient.destroy();
  });
});
