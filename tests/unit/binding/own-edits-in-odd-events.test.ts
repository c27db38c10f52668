// The exact interleavings the randomized extension-host test found, one by one, and the safety
// net that catches whatever else might make the editor and Y.Text differ.

import { afterEach, describe, expect, it } from 'vitest';
import type { BindingState } from '../../../core/binding/textBinding';
import { FAITHFUL, type RaceProfile } from './extensionHost';
import { SimulatedNetwork } from './network';
import { seededRandom } from './random';
import { createReplica, idle, type Replica, settleAll } from './replica';

const open: Replica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.dispose();
});

/** A writer with a plain editor and a reader whose editor is split as VS Code splits it. */
function pair(seed: number, readerRace?: RaceProfile) {
  const random = seededRandom(seed);
  const network = new SimulatedNetwork(random);
  const writer = createReplica({ random, network, label: 'writer' });
  const reader = createReplica({
    random,
    network,
    label: 'reader',
    ...(readerRace === undefined ? {} : { race: { profile: readerRace } }),
  });
  open.push(writer, reader);
  return { writer, reader, network };
}

describe('our own edit, reported in a change event that is not just our edit', () => {
  it('is not echoed when VS Code adds its own trim of a blank indented line to our batch', async () => {
    // The reader pressed Enter in an indented list: VS Code remembers the line's indentation as
    // auto whitespace, and its next pushEditOperations (our WorkspaceEdit's, with no cursor
    // state) removes it in the same batch. The event has our change and the trim.
    const { writer, reader, network } = pair(21);
    reader.editor.userEdit([{ offset: 0, deleteLength: 0, text: '- one\n  \n- two' }]);
    await settleAll([writer, reader], network);
    const apply = reader.editor.applyEdits.bind(reader.editor);
    reader.editor.applyEdits = (edits, version) => {
      reader.editor.applyEdits = apply;
      const trim = { offset: 6, deleteLength: 2, text: '' };
      return apply(
        [...edits, trim].sort((a, b) => a.offset - b.offset),
        version,
      );
    };
    writer.editor.userEdit([{ offset: 5, deleteLength: 0, text: ' and two' }]);
    await settleAll([writer, reader], network);
    // Before: the event did not equal our edit, so all of it went to Y.Text as the reader's
    // typing and our edit was owed again: " and two" twice, in both editors.
    expect(reader.editor.getText()).toBe('- one and two\n\n- two');
    expect(writer.editor.getText()).toBe('- one and two\n\n- two');
    expect(reader.binding.stats.localChanges).toBe(2); // the reader's paste, and VS Code's trim
    expect(reader.anomalies).toEqual([]);
  });

  it('keeps a keystroke that arrives merged into the same event as our edit', async () => {
    const { writer, reader, network } = pair(22, { ...FAITHFUL, mergeEvents: 1 });
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Homework: page 12' }]);
    const host = reader.extensionHost!;
    host.afterRendererApply = () => {
      host.afterRendererApply = undefined;
      reader.editor.userEdit([{ offset: 17, deleteLength: 0, text: '!' }]);
    };
    await settleAll([writer, reader], network);
    expect(host.log.merged).toBeGreaterThan(0);
    expect(reader.editor.getText()).toBe('Homework: page 12!');
    expect(writer.editor.getText()).toBe('Homework: page 12!');
    expect(reader.binding.stats.localChanges).toBe(1);
  });

  it('is recognised when applyEdit said false (or failed) although the edit landed, and its event comes later', async () => {
    for (const lie of [{ falseAfterApply: 1 }, { throwAfterApply: 1 }]) {
      const { writer, reader, network } = pair(23, { ...FAITHFUL, ...lie, replyOvertakes: 1 });
      const states: BindingState[] = [];
      reader.binding.onDidChangeState((state) => states.push(state));
      writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Starter' }]);
      network.deliverAll();
      await idle(reader);
      writer.editor.userEdit([{ offset: 7, deleteLength: 0, text: ' activity' }]);
      await settleAll([writer, reader], network);
      // Before: "no" put the edit back in the queue, and its event, arriving after, counted as
      // the reader's typing: "Starter" went to Y.Text again, and to every editor.
      expect(reader.editor.getText()).toBe('Starter activity');
      expect(writer.editor.getText()).toBe('Starter activity');
      expect(reader.ytext.toString()).toBe('Starter activity');
      expect(reader.binding.stats.localChanges).toBe(0);
      // (Whether the binding hears "no" before the event depends on the hops; it did at least once.)
      expect(reader.binding.stats.rejectedApplies).toBeGreaterThan(0);
      // It waited for the event (stalled), instead of sending the same edit again at once.
      expect(states).toContain('stalled');
      expect(states[states.length - 1]).toBe('settled');
      for (const replica of [writer, reader]) replica.dispose();
    }
  });
});

describe('the safety net', () => {
  it('repairs the editor when only our own edits changed it since it last matched Y.Text', async () => {
    const { writer, reader, network } = pair(31);
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Plenary: 5 min' }]);
    await settleAll([writer, reader], network);
    expect(reader.binding.verify()).toBe('inSync');
    writer.editor.userEdit([{ offset: 9, deleteLength: 1, text: '10' }]);
    await settleAll([writer, reader], network);
    // An editor that applied our edit twice but reported it once.
    reader.editor.corrupt(9, 0, '10');
    expect(reader.binding.verify()).toBe('repaired');
    await idle(reader);
    expect(reader.editor.getText()).toBe('Plenary: 10 min');
    expect(reader.binding.verify()).toBe('inSync');
    expect(reader.binding.state).toBe('settled');
    expect(reader.binding.stats.repairs).toBe(1);
    expect(reader.anomalies).toHaveLength(1); // repaired, but never silently
  });

  it('goes outOfSync, touching nothing, when the teacher typed since the texts last matched', async () => {
    const random = seededRandom(32);
    const network = new SimulatedNetwork(random);
    const writer = createReplica({ random, network, label: 'writer' });
    // The binding checks by itself, soon after things go quiet.
    const reader = createReplica({ random, network, label: 'reader', verifyAfterQuietMs: 5 });
    open.push(writer, reader);
    const states: BindingState[] = [];
    reader.binding.onDidChangeState((state) => states.push(state));
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Aims' }]);
    await settleAll([writer, reader], network);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reader.binding.stats.verifications).toBeGreaterThan(0);

    reader.editor.userEdit([{ offset: 4, deleteLength: 0, text: ': fractions' }]);
    reader.editor.corrupt(0, 0, '??');
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The difference might be the teacher's typing: shown, never overwritten.
    expect(reader.binding.state).toBe('outOfSync');
    expect(reader.editor.getText()).toBe('??Aims: fractions');
    expect(reader.anomalies.some((a) => a.includes('not overwritten'))).toBe(true);
    // It keeps syncing meanwhile, and stays visible while the texts differ.
    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: '# ' }]);
    await settleAll([writer, reader], network).catch(() => undefined);
    expect(reader.binding.state).toBe('outOfSync');
    expect(reader.binding.verify()).toBe('outOfSync');

    // Once the texts match again (here: the stray text goes), it says so.
    reader.editor.corrupt(2, 2, '');
    expect(reader.binding.verify()).toBe('inSync');
    expect(reader.binding.state).toBe('settled');
    expect(states).toContain('outOfSync');
    expect(reader.ytext.toString()).toBe('# Aims: fractions');
  });
});
