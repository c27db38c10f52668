import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedNetwork } from './network';
import { seededRandom, ticks, uniqueCharsFor } from './random';
import { createReplica, editorTextAsLf, type Replica, settleAll } from './replica';

const open: Replica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.dispose();
});

function pair(seed: number): { writer: Replica; reader: Replica; network: SimulatedNetwork } {
  const random = seededRandom(seed);
  const network = new SimulatedNetwork(random);
  const writer = createReplica({ random, network, label: 'writer' });
  const reader = createReplica({ random, network, label: 'reader' });
  open.push(writer, reader);
  return { writer, reader, network };
}

/** Counts the Y updates a replica's binding makes (transactions with its own origin). */
function countOwnUpdates(replica: Replica): { count: number } {
  const counter = { count: 0 };
  replica.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === replica.binding.origin) counter.count += 1;
  });
  return counter;
}

describe("applying a colleague's edits to my editor", () => {
  it('sends nothing back: no Y update from my binding while only they type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            remove: fc.nat(5),
            insert: fc.nat(4),
            deliver: fc.nat(2),
            wait: fc.boolean(),
          }),
          { minLength: 5, maxLength: 80 },
        ),
        async (seed, steps) => {
          const { writer, reader, network } = pair(seed);
          const echoes = countOwnUpdates(reader);
          const chars = uniqueCharsFor(0);
          for (const step of steps) {
            const text = writer.editor.getText();
            const offset = Math.min(text.length, Math.floor(step.at * (text.length + 1)));
            const end = Math.min(text.length, offset + step.remove);
            const inserted = chars.take(step.insert);
            if (inserted !== '' || end > offset) {
              writer.editor.userEdit([{ offset, deleteLength: end - offset, text: inserted }]);
            }
            for (let i = 0; i < step.deliver; i++) network.deliverSome();
            if (step.wait) await ticks(1);
          }
          await settleAll([writer, reader], network);
          expect(editorTextAsLf(reader)).toBe(writer.ytext.toString());
          expect(echoes.count).toBe(0);
          expect(reader.binding.stats.localChanges).toBe(0);
          // And the writer never saw its own changes come back through its editor.
          expect(writer.binding.stats.appliedBatches).toBe(0);
          expect(writer.editor.log.applies).toBe(0);
        },
      ),
      { numRuns: 100, interruptAfterTimeLimit: 15_000 },
    );
  }, 60_000);

  it('tells my keystroke from our own edit when I type after it lands but before VS Code confirms it', async () => {
    const { writer, reader, network } = pair(1);
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Homework: page 12' }]);
    network.deliverAll();
    // Our edit has been applied and its change event emitted; the promise is not resolved yet.
    // A flag ("we are applying") would swallow this keystroke as ours; the ledger must not.
    reader.editor.afterApply = () => {
      reader.editor.afterApply = undefined;
      reader.editor.userEdit([{ offset: 17, deleteLength: 0, text: '!' }]);
    };
    await settleAll([writer, reader], network);
    expect(writer.editor.getText()).toBe('Homework: page 12!');
    expect(reader.editor.getText()).toBe('Homework: page 12!');
    expect(reader.binding.stats.localChanges).toBe(1);
    expect(reader.binding.stats.rejectedApplies).toBe(0);
  });

  it('retries, from the text as it is then, when I type before our edit lands', async () => {
    const { writer, reader, network } = pair(2);
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Starter activity' }]);
    await settleAll([writer, reader], network);
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: '## ' }]);
    network.deliverAll();
    // The reader types while our apply is in flight: the editor rejects ours (version moved).
    reader.editor.beforeApply = () => {
      reader.editor.beforeApply = undefined;
      reader.editor.userEdit([{ offset: 16, deleteLength: 0, text: ' (10 min)' }]);
    };
    await settleAll([writer, reader], network);
    expect(reader.binding.stats.rejectedApplies).toBe(1);
    expect(reader.editor.getText()).toBe('## Starter activity (10 min)');
    expect(writer.editor.getText()).toBe('## Starter activity (10 min)');
  });

  it('applies a change event once even if the glue delivers it twice', async () => {
    const { writer, reader, network } = pair(4);
    const events: Parameters<typeof writer.binding.handleEditorChange>[0][] = [];
    writer.editor.onDidChange((event) => events.push(event));
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Plenary' }]);
    writer.binding.handleEditorChange(events[0]!);
    await settleAll([writer, reader], network);
    expect(reader.editor.getText()).toBe('Plenary');
    expect(writer.anomalies).toHaveLength(1);
  });

  it('keeps a keystroke identical to the remote edit being applied, in that same instant, beside it', async () => {
    // VS Code reports no author for a change, so a keystroke identical to our in-flight edit, at
    // its place, looks like ours; the editor's refusal of ours tells. Two people who type the
    // same letter at one spot get two letters, as a few milliseconds apart would give them.
    const { writer, reader, network } = pair(3);
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'a' }]);
    network.deliverAll();
    reader.editor.beforeApply = () => {
      reader.editor.beforeApply = undefined;
      reader.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'a' }]);
    };
    await settleAll([writer, reader], network);
    expect(reader.editor.getText()).toBe('aa');
    expect(writer.editor.getText()).toBe('aa');
    expect(reader.binding.stats.userEditsLikeOurs).toBe(1);
    expect(reader.binding.stats.localChanges).toBe(1);
  });

  it('deletes once when I delete the very character a colleague deletes, in that same instant', async () => {
    const { writer, reader, network } = pair(4);
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'abc' }]);
    network.deliverAll();
    await settleAll([writer, reader], network);
    writer.editor.userEdit([{ offset: 1, deleteLength: 1, text: '' }]);
    network.deliverAll();
    reader.editor.beforeApply = () => {
      reader.editor.beforeApply = undefined;
      reader.editor.userEdit([{ offset: 1, deleteLength: 1, text: '' }]);
    };
    await settleAll([writer, reader], network);
    expect(reader.editor.getText()).toBe('ac');
    expect(writer.editor.getText()).toBe('ac');
    expect(reader.binding.stats.userEditsLikeOurs).toBe(1);
  });

  it('reads a keystroke that waited for the answer with the line breaks it was typed with', async () => {
    const { writer, reader, network } = pair(5);
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'x\nw' }]);
    network.deliverAll();
    reader.editor.afterApply = () => {
      reader.editor.afterApply = undefined;
      // Our edit landed and was reported, and before VS Code answers she types on line 2 and
      // switches the file to CRLF: her change is in LF terms and must be read as such.
      reader.editor.userEdit([{ offset: 3, deleteLength: 0, text: 'y' }]);
      reader.editor.setEol('\r\n');
    };
    await settleAll([writer, reader], network);
    expect(reader.ytext.toString()).toBe('x\nwy');
    expect(reader.editor.getText()).toBe('x\r\nwy');
    expect(writer.editor.getText()).toBe('x\nwy');
    expect(reader.binding.stats.appliedBatches).toBe(1);
    expect(reader.binding.stats.anomalies).toBe(0);
  });
});
