import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type ClusterCreated, createCluster } from '../../server/index';
import { type ChildServer, startChildServer } from './helpers/childServer';
import { type Client, connectClient, eventually, rawSocket, sleep, waitFor } from './helpers/clients';
import { type FrameKind, nextFrame, prng, syncFrame, validFrames } from './helpers/fuzzFrames';
import { isValidStep1, wouldChange } from './helpers/fuzzOracle';
import { readStoredRows } from './helpers/storedRows';
import { joinOverHttp, type TestMember, tempDir } from './helpers/testServer';

const FRAMES = 10_000;
// Well under a minute on an idle 2-core machine (about 10 s); the cap keeps a loaded CI machine bounded.
const TIME_BUDGET_MS = 55_000;
const MAX_BYTES = 64 * 1024;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

interface Target {
  readonly doc: string;
  readonly member: TestMember;
  /** Whether this member may write the document: only then can a valid frame change it. */
  readonly writes: boolean;
  readonly seeds: Uint8Array[];
  readonly state: Uint8Array;
}

function countLog(logs: ReadonlyArray<Record<string, unknown>>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const entry of logs) {
    const msg = String(entry.msg);
    if (!msg.startsWith('connection')) counts.set(msg, (counts.get(msg) ?? 0) + 1);
  }
  return [...counts];
}

describe('ten thousand random and mutated frames sent to a live server', () => {
  // The server runs in its own process, so the fuzzing client and the server each get a core.
  let server: ChildServer;
  let cluster: ClusterCreated;
  let leader: TestMember;
  const dataDir = tempDir('fuzz');
  const watchers: Client[] = [];
  const targets: Target[] = [];

  const documentsLoaded = async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/^cluster_lessons_documents_loaded (\d+)$/m.exec(metrics)?.[1]);
  };

  beforeAll(async () => {
    cluster = createCluster(dataDir, { name: 'Fuzz Cluster', leader: 'Leader', schools: ['Hub'] });
    server = await startChildServer(dataDir, 0, [
      '--max-message-bytes',
      String(MAX_BYTES),
      '--messages-per-second',
      '100000',
      '--message-burst',
      '100000',
    ]);
    leader = { token: cluster.leaderToken, member: cluster.leader };
    const teacher = await joinOverHttp(server.url, cluster.invites.teacher, 'Sipho', 'hub');
    const docs = [
      { doc: `${cluster.clusterId}/plan/fuzz`, member: teacher, writes: true, author: teacher },
      { doc: `${cluster.clusterId}/pacesetter/ns-8`, member: teacher, writes: false, author: leader },
      { doc: `${cluster.clusterId}/meta`, member: leader, writes: true, author: leader },
    ];
    // Give each document a history, then let the server store, compact and unload it.
    for (const { doc, member, writes, author } of docs) {
      const client = connectClient(server.url, doc, author.token);
      const updates: Uint8Array[] = [];
      client.doc.on('update', (u: Uint8Array) => updates.push(u));
      await client.synced();
      for (let i = 0; i < 30; i++) client.text.insert(client.text.length, `line ${i} of ${doc}\n`);
      client.text.delete(5, 10);
      client.doc.getMap('frontmatter').set('title', doc);
      const check = connectClient(server.url, doc, leader.token);
      await waitFor(
        () => check.text.toString() === client.text.toString(),
        5_000,
        'the history to be stored',
      );
      const state = Y.encodeStateAsUpdate(client.doc);
      client.destroy();
      check.destroy();
      targets.push({ doc, member, writes, state, seeds: validFrames(updates, state) });
    }
    await eventually(async () => (await documentsLoaded()) === 0, 5_000, 'documents to unload');
    // Well-behaved clients stay on every document through the whole run.
    for (const target of targets) {
      const watcher = connectClient(server.url, target.doc, leader.token);
      watchers.push(watcher);
      await watcher.synced();
    }
  }, 60_000);

  afterAll(async () => {
    for (const watcher of watchers) watcher.destroy();
    server.process.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('close only the sending connections, and leave every document exactly as it was', async () => {
    const before = readStoredRows(dataDir);
    const textsBefore = watchers.map((w) => w.text.toString());
    const stats = {
      sent: 0,
      skippedValidChanges: 0,
      timeouts: 0,
      closes: new Map<number, number>(),
      kinds: new Map<FrameKind, number>(),
    };
    const started = Date.now();

    // Six workers, each sending one frame, then a sync step 1 as a probe, and waiting for the
    // answer (the frame was processed and the connection lives) or the close (it was refused).
    const worker = async (target: Target, index: number) => {
      // One generator per worker: a seed replays each worker's frames, whatever the timing.
      const random = prng(SEED + index);
      let socket: ReturnType<typeof rawSocket> | null = null;
      let answered = 0;
      let expected = 0;
      while (stats.sent < FRAMES && Date.now() - started < TIME_BUDGET_MS) {
        if (socket === null) {
          socket = rawSocket(server.url, target.doc, target.member.token);
          answered = 0;
          expected = 0;
          await socket.opened;
          const current = socket;
          current.ws.on('message', (data: Buffer) => {
            if (data[0] === 0 && data[1] === 1) answered += 1;
          });
        }
        const frame = nextFrame(random, target.seeds, MAX_BYTES);
        if (target.writes && wouldChange(target.state, frame.bytes)) {
          stats.skippedValidChanges += 1;
          continue;
        }
        stats.sent += 1;
        stats.kinds.set(frame.kind, (stats.kinds.get(frame.kind) ?? 0) + 1);
        expected += 1 + (isValidStep1(frame.bytes) ? 1 : 0);
        const ws: WebSocket = socket.ws;
        ws.send(frame.bytes, { binary: frame.kind !== 'text' });
        ws.send(syncFrame(0, new Uint8Array([0])));
        const outcome = await Promise.race([
          socket.closed.then((c) => ({ closed: c })),
          waitFor(() => answered >= expected, 3_000, 'probe').then(
            () => ({ answered: true }),
            () => ({ timeout: true }),
          ),
        ]);
        if ('closed' in outcome) {
          stats.closes.set(outcome.closed.code, (stats.closes.get(outcome.closed.code) ?? 0) + 1);
          socket = null;
        } else if ('timeout' in outcome) {
          stats.timeouts += 1;
          ws.terminate();
          socket = null;
        }
      }
      socket?.ws.close();
    };
    const [plan, pacesetter, meta] = targets as [Target, Target, Target];
    await Promise.all([plan, plan, pacesetter, pacesetter, meta, meta].map((target, i) => worker(target, i)));
    const elapsed = Date.now() - started;
    console.log(
      `fuzz seed ${SEED}: ${stats.sent} frames in ${elapsed} ms`,
      JSON.stringify({
        kinds: [...stats.kinds],
        closes: [...stats.closes],
        skippedValidChanges: stats.skippedValidChanges,
        timeouts: stats.timeouts,
        serverLog: countLog(server.logs),
      }),
    );

    expect(stats.sent).toBeGreaterThanOrEqual(FRAMES);
    expect(stats.timeouts).toBeLessThanOrEqual(3);
    // Every refusal said why: bad input (4400), a text frame (1003, or 1007 from ws for invalid UTF-8),
    // an oversized message (4413).
    for (const code of stats.closes.keys()) expect([1003, 1007, 4400, 4413]).toContain(code);
    expect(stats.closes.get(4413)).toBeGreaterThan(0);

    // The server is healthy, stored bytes and documents in memory are exactly as before, and
    // the well-behaved clients noticed nothing.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    // A reply to a sync step 1 is sent only once nothing is waiting to be stored.
    const probe = connectClient(server.url, targets[0]!.doc, leader.token);
    await probe.synced();
    probe.destroy();
    const after = readStoredRows(dataDir);
    expect(after.updates.length).toBe(before.updates.length);
    expect(after.snapshots.length).toBe(before.snapshots.length);
    expect(after.updates.map((row) => row.data.toString('hex'))).toEqual(
      before.updates.map((row) => row.data.toString('hex')),
    );
    expect(after.snapshots.map((row) => row.data.toString('hex'))).toEqual(
      before.snapshots.map((row) => row.data.toString('hex')),
    );
    // What the server holds in memory is what a new client receives (sync step 2 carries the
    // whole document, structs waiting for dependencies included).
    for (const target of targets) {
      const fresh = connectClient(server.url, target.doc, leader.token);
      await fresh.synced();
      const original = new Y.Doc();
      Y.applyUpdate(original, target.state);
      expect(fresh.text.toString()).toBe(original.getText('body').toString());
      expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(original));
      expect(fresh.doc.store.pendingStructs).toBeNull();
      expect(fresh.doc.store.pendingDs).toBeNull();
      fresh.destroy();
    }
    watchers.forEach((watcher, i) => {
      expect(watcher.closes).toEqual([]);
      expect(watcher.text.toString()).toBe(textsBefore[i]);
    });

    // And they still converge with each other when they write.
    const planDoc = targets[0]!.doc;
    const lerato = await joinOverHttp(server.url, cluster.invites.teacher, 'Lerato', 'hub');
    const other = connectClient(server.url, planDoc, lerato.token);
    await other.synced();
    other.text.insert(0, 'After the storm. ');
    watchers[0]!.text.insert(watchers[0]!.text.length, 'The end.');
    await waitFor(
      () => other.text.toString() === watchers[0]!.text.toString(),
      5_000,
      'convergence after fuzzing',
    );
    expect(other.text.toString()).toMatch(/^After the storm\. .*The end\.$/s);
    other.destroy();
    await sleep(10);
  }, 120_000);
});
