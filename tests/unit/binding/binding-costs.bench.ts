// What one keystroke costs through the binding, next to what Yjs alone costs, in a 56 KB
// Markdown document built by replaying a real typing session (seph-blog1: ~15,000 Y items).
// Run: npx vitest bench --run tests/unit/binding/binding-costs.bench.ts
// A measurement, not a test: nothing here fails on time.

import { bench, describe } from 'vitest';
import * as Y from 'yjs';
import { loadTrace, type SequentialTrace } from './editingTrace';
import { FakeEditor } from './fakeEditor';
import { createReplica, type Replica } from './replica';

const noDelay = (): number => 0; // the fake editor applies at once: we time the binding, not a scheduler

function typedDocument(): Uint8Array {
  const trace = loadTrace<SequentialTrace>('seph-blog1.json.gz');
  const doc = new Y.Doc();
  const text = doc.getText('body');
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [position, deleted, inserted] of txn.patches) {
        if (deleted > 0) text.delete(position, deleted);
        if (inserted !== '') text.insert(position, inserted);
      }
    });
  }
  return Y.encodeStateAsUpdate(doc);
}

const state = typedDocument();

/** A colleague's replica that types one character, then (unless `onlyInsert`) deletes it again. */
function colleague(onlyInsert = false): { next(): Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const text = doc.getText('body');
  let typed = -1;
  let seed = 1;
  return {
    next() {
      const updates: Uint8Array[] = [];
      const listener = (update: Uint8Array): number => updates.push(update);
      doc.on('update', listener);
      if (typed >= 0 && !onlyInsert) {
        text.delete(typed, 1);
        typed = -1;
      } else {
        seed = (seed * 16807) % 2147483647;
        typed = seed % text.length;
        text.insert(typed, 'x');
      }
      doc.off('update', listener);
      return updates[0]!;
    },
  };
}

function boundReplica(eol: '\n' | '\r\n' = '\n'): Replica {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return createReplica({ random: noDelay, state, eol, editorText: doc.getText('body').toString() });
}

describe('a colleague types one character into a 56 KB plan', () => {
  const plainDoc = new Y.Doc();
  Y.applyUpdate(plainDoc, state);
  const plain = colleague();
  bench('Yjs alone: apply the update', () => {
    Y.applyUpdate(plainDoc, plain.next());
  });

  const deltaDoc = new Y.Doc();
  Y.applyUpdate(deltaDoc, state);
  const lastDelta = { ops: 0 };
  deltaDoc.getText('body').observe((event) => {
    lastDelta.ops = event.delta.length;
  });
  const withDelta = colleague();
  bench(
    "Yjs alone: apply the update and read Y.Text's event delta (O(items), as every Yjs binding does)",
    () => {
      Y.applyUpdate(deltaDoc, withDelta.next());
    },
  );

  const lf = boundReplica();
  const toLf = colleague();
  bench(
    'binding: the character reaches an LF editor (update, delta, compose, one minimal edit, applied)',
    async () => {
      Y.applyUpdate(lf.doc, toLf.next());
      await lf.binding.whenIdle();
    },
  );
});

describe('I type one character into a 56 KB plan', () => {
  const yjsDoc = new Y.Doc();
  Y.applyUpdate(yjsDoc, state);
  const yjsText = yjsDoc.getText('body');
  const um = new Y.UndoManager(yjsText, { trackedOrigins: new Set(['me']) });
  let flip = false;
  bench('Yjs alone: insert/delete in a transaction, tracked by an UndoManager', () => {
    flip = !flip;
    yjsDoc.transact(() => (flip ? yjsText.insert(20_000, 'x') : yjsText.delete(20_000, 1)), 'me');
    um.stopCapturing();
  });

  const fake = new FakeEditor({ random: noDelay, text: yjsText.toString() });
  let fakeFlip = false;
  bench('fake editor alone (its own cost, included below)', () => {
    fakeFlip = !fakeFlip;
    fake.userEdit([
      fakeFlip
        ? { offset: 20_000, deleteLength: 0, text: 'x' }
        : { offset: 20_000, deleteLength: 1, text: '' },
    ]);
  });

  const idle = boundReplica();
  let idleFlip = false;
  bench('binding: a keystroke with nothing pending goes straight to Y.Text', () => {
    idleFlip = !idleFlip;
    idle.editor.userEdit([
      idleFlip
        ? { offset: 20_000, deleteLength: 0, text: 'x' }
        : { offset: 20_000, deleteLength: 1, text: '' },
    ]);
    idle.binding.stopCapturing();
  });

  // 40 remote changes that have reached Y.Text but not yet the editor (the editor is slow).
  const busy = boundReplica();
  const remote = colleague(true);
  busy.editor.applyEdits = () => new Promise<boolean>(() => {});
  for (let i = 0; i < 40; i++) Y.applyUpdate(busy.doc, remote.next());
  let busyFlip = false;
  bench('binding: a keystroke mapped through 40 queued remote changes', () => {
    busyFlip = !busyFlip;
    busy.editor.userEdit([
      busyFlip
        ? { offset: 20_000, deleteLength: 0, text: 'x' }
        : { offset: 20_000, deleteLength: 1, text: '' },
    ]);
    busy.binding.stopCapturing();
  });
});
