import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Client, connectClient, rawSocket, waitFor } from './helpers/clients';
import { syncFrame } from './helpers/fuzzFrames';
import { readStoredRows } from './helpers/storedRows';
import { startTestServer, type TestMember, type TestServer } from './helpers/testServer';

/** The plan as written by a client with id 1, so that a crafted update can refer to its items. */
function writePlan(doc: Y.Doc): void {
  const text = doc.getText('body');
  for (let i = 0; i < 20; i++) text.insert(text.length, `line ${i}\n`);
  text.delete(3, 5);
  doc.getMap('frontmatter').set('title', 'x');
}

// Decodes as a Yjs update, but Yjs throws half-way through applying it to the plan above.
const UNAPPLIABLE = Buffer.from('0101018e018401c201086c696e652031390a00', 'hex');

describe('bad input on one connection', () => {
  let server: TestServer;
  let teacher: TestMember;
  let doc: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startTestServer({ limits: { maxMessageBytes: 1024 } });
    teacher = await server.join('teacher', 'Sipho');
    doc = `${server.cluster.clusterId}/plan/bad-input`;
    const author = new Y.Doc();
    author.clientID = 1;
    const first = connectClient(server.url, doc, server.leader.token, author);
    await first.synced();
    writePlan(author);
    const second = connectClient(server.url, doc, teacher.token);
    clients.push(first, second);
    await waitFor(
      () => second.text.toString() === first.text.toString(),
      5_000,
      'the plan to reach the second client',
    );
    await server.running.flush();
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.close();
  });

  const cases: Array<[string, () => Uint8Array | string, number, RegExp]> = [
    ['a truncated varint', () => new Uint8Array([0x80]), 4400, /truncated/],
    [
      'a payload longer than its frame',
      () => new Uint8Array([0, 1, 0x7f, 1, 2]),
      4400,
      /longer than the frame/,
    ],
    ['an unknown message type', () => new Uint8Array([7, 1, 2]), 4400, /unknown message type 7/],
    ['an unknown sync message type', () => new Uint8Array([0, 9, 0]), 4400, /unknown sync message type/],
    ['trailing bytes', () => new Uint8Array([3, 0]), 4400, /trailing/],
    [
      'an update Yjs cannot read',
      () => syncFrame(2, new Uint8Array([1, 2, 3])),
      4400,
      /malformed Yjs update/,
    ],
    ['an update Yjs cannot apply', () => syncFrame(2, UNAPPLIABLE), 4400, /could not be applied/],
    ['a malformed awareness update', () => new Uint8Array([1, 3, 1, 1, 9]), 4400, /awareness/],
    ['an oversized frame', () => new Uint8Array(2000), 4413, /larger than 1024 bytes/],
    ['a text frame', () => 'hello', 1003, /binary/],
  ];

  it.each(
    cases,
  )('like %s closes that connection with a code and a reason', async (_name, frame, code, reason) => {
    const before = readStoredRows(server.dataDir);
    const room = server.running.server.rooms.get(doc)!;
    const memoryBefore = room.encodeState();
    const textBefore = clients[0]!.text.toString();

    const socket = rawSocket(server.url, doc, teacher.token);
    await socket.opened;
    socket.ws.send(frame());
    const closed = await socket.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason).toMatch(reason);

    await server.running.flush();
    await waitFor(() => room.status === 'ready', 5_000, 'the document to be ready');
    expect(readStoredRows(server.dataDir)).toEqual(before);
    expect(Buffer.from(room.encodeState()).equals(Buffer.from(memoryBefore))).toBe(true);
    for (const client of clients) {
      expect(client.closes).toEqual([]);
      expect(client.text.toString()).toBe(textBefore);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('leaves the other clients syncing as before', async () => {
    // The crafted update really is one Yjs cannot apply to this plan.
    const replica = new Y.Doc();
    replica.clientID = 1;
    writePlan(replica);
    expect(() => Y.applyUpdate(replica, UNAPPLIABLE)).toThrow();

    const [first, second] = clients as [Client, Client];
    first.text.insert(0, 'Still here. ');
    second.text.insert(second.text.length, 'Me too.');
    await waitFor(
      () => first.text.toString() === second.text.toString() && first.text.toString().endsWith('Me too.'),
      5_000,
      'convergence',
    );
    expect(first.text.toString().startsWith('Still here. ')).toBe(true);
  });
});
