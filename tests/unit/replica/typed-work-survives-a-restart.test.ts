import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LocalReplica } from '../../../core/replica/localReplica';
import { nodeReplicaFiles } from './nodeReplicaFiles';

const reopen = async (root: string, dir = 'plan-1') => {
  const doc = new Y.Doc();
  const replica = await LocalReplica.open(nodeReplicaFiles(root), dir, doc);
  return { doc, replica, text: doc.getText('body') };
};

describe('A teacher working offline keeps every keystroke on the device', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'replica-'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('typing is written to disk within 250 ms, without waiting for anything else', async () => {
    vi.useFakeTimers();
    const files = nodeReplicaFiles(root);
    const doc = new Y.Doc();
    await LocalReplica.open(files, 'plan-1', doc);
    doc.getText('body').insert(0, 'Objectives: learners name the parts of a flower.');
    expect(files.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(250);
    vi.useRealTimers();
    await vi.waitFor(() => expect(readdirSync(path.join(root, 'plan-1')).length).toBeGreaterThan(0));
    // A "restart": a new Y.Doc loads only what is on disk.
    const again = await reopen(root);
    expect(again.text.toString()).toBe('Objectives: learners name the parts of a flower.');
  });

  it('a long session of small edits compacts into a snapshot and reloads identically', async () => {
    const doc = new Y.Doc();
    const replica = await LocalReplica.open(nodeReplicaFiles(root), 'plan-1', doc, { compactAfter: 8 });
    const text = doc.getText('body');
    for (let i = 0; i < 100; i++) {
      text.insert(text.length, `line ${i}\n`);
      if (i % 3 === 0) text.delete(0, 1);
      await replica.flush();
    }
    const files = readdirSync(path.join(root, 'plan-1'));
    expect(files.length).toBeLessThan(10);
    expect(files.some((f) => f.startsWith('s-'))).toBe(true);
    const again = await reopen(root);
    expect(again.text.toString()).toBe(text.toString());
  });

  it('updates that arrive from the server are kept too, so the document opens with no connection', async () => {
    const { doc, replica } = await reopen(root);
    const colleague = new Y.Doc();
    colleague.getText('body').insert(0, 'Written at Tonga Combined School. ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague), 'server');
    doc.getText('body').insert(doc.getText('body').length, 'Reviewed at Mbuzini.');
    await replica.dispose();
    const again = await reopen(root);
    expect(again.text.toString()).toBe('Written at Tonga Combined School. Reviewed at Mbuzini.');
  });

  it('the count of changes waiting for the server survives closing VS Code', async () => {
    const first = await reopen(root);
    await first.replica.setPendingChanges(7);
    await first.replica.dispose();
    const again = await reopen(root);
    expect(again.replica.pendingChanges).toBe(7);
  });

  it('a crash after a snapshot was written but before old files were removed loses and duplicates nothing', async () => {
    const files = nodeReplicaFiles(root);
    const doc = new Y.Doc();
    const replica = await LocalReplica.open(files, 'plan-1', doc);
    doc.getText('body').insert(0, 'abc');
    await replica.flush();
    doc.getText('body').insert(3, 'def');
    await replica.flush();
    // What compaction writes first; the crash happens before it deletes u-00000001 and u-00000002.
    await files.write('plan-1/s-00000002.bin', Y.encodeStateAsUpdate(doc));
    doc.getText('body').insert(6, 'ghi');
    await replica.flush();
    const again = await reopen(root);
    expect(again.text.toString()).toBe('abcdefghi');
  });

  it('a failed write (a full disk) loses nothing: the next write carries it too', async () => {
    const files = nodeReplicaFiles(root);
    let failNext = true;
    const flaky = {
      ...files,
      write: async (p: string, d: Uint8Array) => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        return files.write(p, d);
      },
    };
    const doc = new Y.Doc();
    const replica = await LocalReplica.open(flaky, 'plan-1', doc);
    doc.getText('body').insert(0, 'first ');
    await replica.flush().catch(() => undefined);
    doc.getText('body').insert(6, 'second');
    await replica.flush();
    const again = await reopen(root);
    expect(again.text.toString()).toBe('first second');
  });
});
