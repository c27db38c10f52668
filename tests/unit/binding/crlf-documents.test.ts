import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EditorEdit } from '../../../core/binding/editorDocument';
import { SimulatedNetwork } from './network';
import { seededRandom } from './random';
import { createReplica, editorTextAsLf, idle, type Replica, settleAll } from './replica';
import { simulate, stepArbitrary } from './simulation';

const open: Replica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.dispose();
});

function track(replica: Replica): Replica {
  open.push(replica);
  return replica;
}

/** Records every edit list the binding hands to the editor. */
function spyOnApplies(replica: Replica): EditorEdit[][] {
  const calls: EditorEdit[][] = [];
  const original = replica.editor.applyEdits.bind(replica.editor);
  replica.editor.applyEdits = (edits, version) => {
    calls.push([...edits]);
    return original(edits, version);
  };
  return calls;
}

describe('a Windows teacher (CRLF) and a Linux teacher (LF) in one plan', () => {
  it('converge, the CRLF editor keeps CRLF throughout and Y.Text never holds a CR', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.boolean(),
        fc.array(stepArbitrary(2, true), { minLength: 50, maxLength: 200 }),
        async (seed, staleEditor, steps) => {
          const noSwitch = steps.filter((s) => s.kind !== 'switchEol');
          const outcome = await simulate({ seed, eols: ['\r\n', '\n'], steps: noSwitch, staleEditor });
          try {
            await settleAll(outcome.replicas, outcome.network);
            const [windows, linux] = outcome.replicas;
            const shared = linux!.ytext.toString();
            expect(shared).not.toContain('\r');
            expect(windows!.ytext.toString()).toBe(shared);
            expect(windows!.editor.getText()).toBe(shared.replace(/\n/g, '\r\n'));
            expect(linux!.editor.getText()).toBe(shared);
          } finally {
            for (const replica of outcome.replicas) replica.dispose();
          }
        },
      ),
      { numRuns: 40, interruptAfterTimeLimit: 15_000 },
    );
  }, 60_000);

  it("map the Windows teacher's edits line by line to the same place in Y.Text, at once", () => {
    const start = new Y.Doc();
    start.getText('body').insert(0, 'x\ny\n\nz');
    const state = Y.encodeStateAsUpdate(start);
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            remove: fc.nat(6),
            insert: fc
              .array(fc.constantFrom('a', 'b', '\r\n', '\n', ' '), { maxLength: 5 })
              .map((p) => p.join('')),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (seed, edits) => {
          const replica = track(
            createReplica({
              random: seededRandom(seed),
              eol: '\r\n',
              state,
              editorText: 'x\ny\n\nz',
              label: 'windows',
            }),
          );
          for (const edit of edits) {
            const { editor } = replica;
            const text = editor.getText();
            const offset = editor.validOffset(Math.floor(edit.at * (text.length + 1)));
            const end = Math.max(offset, editor.validOffset(offset + edit.remove));
            if (end === offset && edit.insert === '') continue;
            editor.userEdit([{ offset, deleteLength: end - offset, text: edit.insert }]);
            // With nothing pending, Y.Text follows synchronously, character for character.
            expect(replica.ytext.toString()).toBe(editorTextAsLf(replica));
          }
          expect(replica.ytext.toString()).not.toContain('\r');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('receive a line break typed on Linux as CRLF in the Windows editor', async () => {
    const random = seededRandom(3);
    const network = new SimulatedNetwork(random);
    const windows = track(createReplica({ random, network, eol: '\r\n', label: 'windows' }));
    const linux = track(createReplica({ random, network, eol: '\n', label: 'linux' }));
    const applied = spyOnApplies(windows);
    linux.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Objectives\n- add fractions\n' }]);
    await settleAll([windows, linux], network);
    expect(windows.editor.getText()).toBe('Objectives\r\n- add fractions\r\n');
    expect(applied).toEqual([[{ offset: 0, deleteLength: 0, text: 'Objectives\r\n- add fractions\r\n' }]]);

    linux.editor.userEdit([{ offset: 13, deleteLength: 3, text: 'compare\n' }]);
    await settleAll([windows, linux], network);
    // One minimal edit at the CRLF document's own offset (13 + one extra CR before it).
    expect(applied[1]).toEqual([{ offset: 14, deleteLength: 3, text: 'compare\r\n' }]);
    expect(windows.editor.getText()).toBe('Objectives\r\n- compare\r\n fractions\r\n');
  });

  it('keep CRs out of Y.Text when text with CRLF is pasted into an LF document', async () => {
    const random = seededRandom(5);
    const vscodeLike = track(createReplica({ random, eol: '\n', label: 'normalising' }));
    vscodeLike.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'a\r\nb\rc\n' }]);
    expect(vscodeLike.ytext.toString()).toBe('a\nb\nc\n');

    // An editor that does not rewrite line breaks as VS Code does: Y.Text still gets LF,
    // the anomaly is reported, and the editor itself is repaired through the apply queue.
    const raw = track(createReplica({ random, eol: '\n', normalizeEol: false, label: 'raw' }));
    raw.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'x\r\ny\rz' }]);
    expect(raw.ytext.toString()).toBe('x\ny\nz');
    expect(raw.anomalies.length).toBe(1);
    raw.editor.userEdit([{ offset: 6, deleteLength: 0, text: '!' }]);
    expect(raw.ytext.toString()).toBe('x\ny\nz!');
    await idle(raw);
    expect(raw.editor.getText()).toBe('x\ny\nz!');
  });

  it('stay in sync when a teacher switches the document from LF to CRLF with remote edits in flight', async () => {
    const random = seededRandom(11);
    const network = new SimulatedNetwork(random);
    const a = track(createReplica({ random, network, label: 'A' }));
    const b = track(createReplica({ random, network, label: 'B' }));
    a.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'one\ntwo\n' }]);
    network.deliverAll();
    b.editor.beforeApply = () => {
      b.editor.beforeApply = undefined;
      b.editor.setEol('\r\n');
    };
    await settleAll([a, b], network);
    expect(b.binding.stats.rejectedApplies).toBe(1);
    expect(b.editor.getText()).toBe('one\r\ntwo\r\n');
    b.editor.userEdit([{ offset: 5, deleteLength: 0, text: 'half\r\n' }]);
    await settleAll([a, b], network);
    expect(a.editor.getText()).toBe('one\nhalf\ntwo\n');
    expect(b.anomalies).toEqual([]);
  });
});
