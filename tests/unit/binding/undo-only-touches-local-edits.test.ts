import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SimulatedNetwork } from './network';
import { seededRandom, ticks, uniqueCharsFor } from './random';
import { createReplica, editorTextAsLf, idle, type Replica, settleAll } from './replica';

const open: Replica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.dispose();
});

function pair(seed: number, initial = ''): { a: Replica; b: Replica; network: SimulatedNetwork } {
  const random = seededRandom(seed);
  const network = new SimulatedNetwork(random);
  const start = new Y.Doc();
  start.getText('body').insert(0, initial);
  const state = Y.encodeStateAsUpdate(start);
  const a = createReplica({ random, network, state, editorText: initial, label: 'A' });
  const b = createReplica({ random, network, state, editorText: initial, label: 'B' });
  open.push(a, b);
  return { a, b, network };
}

type Action =
  | { kind: 'type'; who: 'A' | 'B'; at: number; insert: number; remove: number }
  | { kind: 'deliver' }
  | { kind: 'tick' }
  | { kind: 'newUndoStep' };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      who: fc.constantFrom('A' as const, 'B' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      insert: fc.nat(5),
      remove: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(6) }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'deliver' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'tick' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'newUndoStep' as const }) },
);

// Unique characters, so that which ones survive proves whose edits were undone.
const INITIAL = `${uniqueCharsFor(4).take(12)}\n${uniqueCharsFor(3).take(9)}\n`;

describe('undo in a shared plan', () => {
  it("takes back only my own edits: a colleague's text stays, mine goes, redo brings it back", async () => {
    let undoSteps = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.array(action, { minLength: 10, maxLength: 150 }),
        fc.boolean(),
        async (seed, actions, colleagueTypesDuringUndo) => {
          const { a, b, network } = pair(seed, INITIAL);
          const random = seededRandom(seed ^ 0x5bd1e995);
          const chars = { A: uniqueCharsFor(0), B: uniqueCharsFor(1) };
          const typed = { A: new Set<string>(), B: new Set<string>() };
          const deleted = { A: new Set<string>(), B: new Set<string>() };
          const typeAt = (who: 'A' | 'B', at: number, insert: number, remove: number): void => {
            const editor = (who === 'A' ? a : b).editor;
            const text = editor.getText();
            const offset = Math.min(text.length, Math.floor(at * (text.length + 1)));
            const end = Math.min(text.length, offset + remove);
            const inserted = chars[who].take(insert);
            if (inserted === '' && end === offset) return;
            for (const ch of text.slice(offset, end)) deleted[who].add(ch);
            for (const ch of inserted) typed[who].add(ch);
            editor.userEdit([{ offset, deleteLength: end - offset, text: inserted }]);
          };
          for (const step of actions) {
            if (step.kind === 'type') typeAt(step.who, step.at, step.insert, step.remove);
            else if (step.kind === 'deliver') network.deliverSome();
            else if (step.kind === 'tick') await ticks(1);
            else a.binding.stopCapturing();
          }
          await settleAll([a, b], network);
          const before = a.ytext.toString();

          // A presses Ctrl+Z until there is nothing left to undo (bounded), while the network runs.
          let undos = 0;
          while (a.binding.undo()) {
            undos += 1;
            if (undos > 1000) throw new Error('undo never ran out');
            if (random() < 0.5) network.deliverSome();
            if (colleagueTypesDuringUndo && random() < 0.3) typeAt('B', random(), 1, 0);
            if (random() < 0.3) await ticks(1);
          }
          undoSteps += undos;
          await settleAll([a, b], network);

          const text = a.ytext.toString();
          expect(b.ytext.toString()).toBe(text);
          expect(editorTextAsLf(a)).toBe(text);
          expect(editorTextAsLf(b)).toBe(text);
          for (const ch of typed.A) expect(text).not.toContain(ch);
          const colleagues = new Set([...INITIAL.replace(/\n/g, ''), ...typed.B]);
          for (const ch of colleagues) {
            // Deleted by B: gone, unless A deleted it too (A's undo restores what A deleted).
            if (!deleted.B.has(ch)) expect(text).toContain(ch);
            else if (!deleted.A.has(ch)) expect(text).not.toContain(ch);
          }
          for (const ch of typed.B) expect(text.split(ch).length - 1).toBeLessThanOrEqual(1);

          if (colleagueTypesDuringUndo) return;
          for (let redos = 0; a.binding.redo(); redos++) {
            if (redos > 1000) throw new Error('redo never ran out');
            if (random() < 0.3) await ticks(1);
          }
          await settleAll([a, b], network);
          expect(a.ytext.toString()).toBe(before);
          expect(editorTextAsLf(b)).toBe(before);
        },
      ),
      { numRuns: 150, interruptAfterTimeLimit: 15_000 },
    );
    expect(undoSteps).toBeGreaterThan(150);
  }, 60_000);

  it('removes my words and keeps the word my colleague typed between them', async () => {
    const { a, b, network } = pair(7);
    a.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Aims' }]);
    a.binding.stopCapturing();
    await settleAll([a, b], network);
    b.editor.userEdit([{ offset: 4, deleteLength: 0, text: ' and outcomes' }]);
    await settleAll([a, b], network);
    a.editor.userEdit([{ offset: 17, deleteLength: 0, text: ':' }]);
    await settleAll([a, b], network);
    expect(b.editor.getText()).toBe('Aims and outcomes:');

    expect(a.binding.undo()).toBe(true);
    await settleAll([a, b], network);
    expect(b.editor.getText()).toBe('Aims and outcomes');
    expect(a.binding.undo()).toBe(true);
    await settleAll([a, b], network);
    expect(a.editor.getText()).toBe(' and outcomes');
    expect(b.editor.getText()).toBe(' and outcomes');
    expect(a.binding.undo()).toBe(false);

    expect(a.binding.redo()).toBe(true);
    expect(a.binding.redo()).toBe(true);
    await settleAll([a, b], network);
    expect(b.editor.getText()).toBe('Aims and outcomes:');
    // Undo's result reached A's editor through the apply queue, as edits of the editor's own.
    expect(a.binding.stats.appliedBatches).toBeGreaterThanOrEqual(4);
    await idle(a);
  });
});
