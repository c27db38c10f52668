import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyPatch,
  type ConcurrentTrace,
  causalClocks,
  hasAstral,
  loadTrace,
  type Patch,
  type SequentialTrace,
  utf16Offset,
} from './editingTrace';
import { SimulatedNetwork } from './network';
import { seededRandom } from './random';
import { createReplica, editorTextAsLf, idle, type Replica, settleAll } from './replica';

const open: Replica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.dispose();
});

/** The user types one patch (code-point positions) into the editor, as one change. */
function typePatch(replica: Replica, [position, deleted, inserted]: Patch, astral: boolean): void {
  // Only texts with astral characters need the O(text) code-point walk.
  const text = astral ? replica.editor.getText() : '';
  const offset = utf16Offset(text, position, astral);
  const end = utf16Offset(text, position + deleted, astral);
  const length = replica.editor.length;
  if (end > length) throw new Error(`patch at ${position}+${deleted} beyond the text (${length})`);
  replica.editor.userEdit([{ offset, deleteLength: end - offset, text: inserted }]);
}

function applyTrace(start: string, txns: SequentialTrace['txns'], astral: boolean): string {
  let text = start;
  for (const txn of txns) for (const patch of txn.patches) text = applyPatch(text, patch, astral);
  return text;
}

describe('a real editing session', () => {
  it('two people writing friendsforever at the same time end with its recorded text', async () => {
    const trace = loadTrace<ConcurrentTrace>('friendsforever.json.gz');
    expect(trace.numAgents).toBe(2);
    const astral = hasAstral(trace.txns.flatMap((t) => t.patches));
    const clocks = causalClocks(trace);
    const random = seededRandom(2023);
    // Yjs puts concurrent inserts at one position in client-id order. The trace has such spots
    // (around offset 3800 both typed at once), and its text is what agent 0 first gives.
    const agents = [0, 1].map((agent) =>
      createReplica({ random, clientID: agent + 1, label: `agent ${agent}` }),
    ) as [Replica, Replica];
    open.push(...agents);

    // The Y updates each agent's binding made, one entry per transaction of that agent.
    const made: Uint8Array[][] = [[], []];
    const delivered = [0, 0];
    let current: Uint8Array[] = [];
    for (const replica of agents) {
      replica.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === replica.binding.origin) current.push(update);
      });
    }

    let waits = 0;
    for (let i = 0; i < trace.txns.length; i++) {
      const txn = trace.txns[i]!;
      const me = txn.agent;
      const other = 1 - me;
      const replica = agents[me]!;
      const past = clocks[i]!;
      // The agent's own earlier transactions are all in the causal past: it types in order.
      expect(past[me]! - 1).toBe(made[me]!.length);
      // Before typing, the agent's replica must hold exactly the other agent's part of the
      // causal past: deliver just those updates (never more), then let its editor catch up.
      if (delivered[me]! < past[other]!) {
        const batch = made[other]!.slice(delivered[me], past[other]);
        delivered[me] = past[other]!;
        Y.applyUpdate(replica.doc, batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch), 'network');
        await idle(replica);
        waits += 1;
      }
      current = [];
      for (const patch of txn.patches) typePatch(replica, patch, astral);
      made[me]!.push(current.length === 1 ? current[0]! : Y.mergeUpdates(current));
      if (i % 1000 === 0) expect(replica.ytext.toString()).toBe(editorTextAsLf(replica));
    }

    for (const me of [0, 1]) {
      const rest = made[1 - me]!.slice(delivered[me]);
      if (rest.length > 0) Y.applyUpdate(agents[me]!.doc, Y.mergeUpdates(rest), 'network');
    }
    await Promise.all(agents.map((r) => idle(r)));
    for (const replica of agents) {
      expect(replica.ytext.toString()).toBe(trace.endContent);
      expect(replica.editor.getText()).toBe(trace.endContent);
      expect(replica.anomalies).toEqual([]);
    }
    // The replay really interleaved the two editors: thousands of catch-ups, all through the binding.
    expect(waits).toBeGreaterThan(1000);
    expect(agents[0].binding.stats.appliedBatches + agents[1].binding.stats.appliedBatches).toBeGreaterThan(
      1000,
    );
  }, 60_000);

  it('one person writing seph-blog1 reaches a colleague who receives it in bursts, character for character', async () => {
    const trace = loadTrace<SequentialTrace>('seph-blog1.json.gz');
    // The first 25,000 keystrokes (about 9 KB of Markdown): the sequential semantics at a small scale.
    const txns = trace.txns.slice(0, 25_000);
    const astral = hasAstral(txns.flatMap((t) => t.patches));
    const random = seededRandom(1);
    const network = new SimulatedNetwork(random);
    // A replay packs minutes of typing into one 500 ms undo-capture window, where Yjs's
    // UndoManager merges every keystroke into one growing step; people do not type that fast.
    const writer = createReplica({ random, network, label: 'writer', captureTimeout: 0 });
    const reader = createReplica({ random, network, label: 'reader' });
    open.push(writer, reader);
    let expected = trace.startContent;
    for (let i = 0; i < txns.length; i++) {
      for (const patch of txns[i]!.patches) {
        typePatch(writer, patch, astral);
        expected = applyPatch(expected, patch, astral);
      }
      // The reader receives bursts of keystrokes, sometimes while its editor is still applying.
      // (Single keystrokes one by one would spend most time in Yjs's event delta, O(items) each.)
      if (random() < 0.03) network.deliverMerged();
      if (i % 700 === 0) await idle(reader);
    }
    await settleAll([writer, reader], network);
    expect(writer.ytext.toString()).toBe(expected);
    expect(reader.editor.getText()).toBe(expected);
    const whole = hasAstral(trace.txns.flatMap((t) => t.patches));
    expect(applyTrace(trace.startContent, trace.txns, whole)).toBe(trace.endContent);
  }, 60_000);
});
