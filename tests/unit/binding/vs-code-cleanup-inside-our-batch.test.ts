import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SimulatedNetwork } from './network';
import { seededRandom } from './random';
import { createReplica, type Replica, settleAll } from './replica';

// VS Code's TextModel may add a change of its own to the batch of an edit we apply: when the
// teacher pressed Enter and left the auto-indented line blank, the next edit near her cursor also
// trims that line's indentation, reported in the same change event as ours. The binding must
// recognise its own edits inside that event (else it echoes a colleague's text back, twice) and
// send the trim to Y.Text as the teacher's change (else the texts differ).

const open: Replica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.dispose();
});

const START = '- seeds\n    \n- leaves\n';

describe("VS Code's own cleanup inside a batch of ours", () => {
  it.each([
    '\n',
    '\r\n',
  ] as const)('is kept as her change; the colleague’s text arrives once (EOL %j)', async (eol) => {
    const random = seededRandom(7);
    const network = new SimulatedNetwork(random);
    const seed = new Y.Doc();
    seed.getText('body').insert(0, START);
    const state = Y.encodeStateAsUpdate(seed);
    const amina = createReplica({ random, network, label: 'amina', state, editorText: START, eol });
    const bongani = createReplica({ random, network, label: 'bongani', state, editorText: START, eol });
    open.push(amina, bongani);
    await settleAll([amina, bongani], network);

    // Amina's editor trims her blank indented line (line 2) with the next edit of ours.
    let trimmed = 0;
    amina.editor.cleanupWithOurs = () => {
      amina.editor.cleanupWithOurs = undefined;
      trimmed += 1;
      const lineStart = amina.editor.getText().indexOf(`${eol}    ${eol}`) + eol.length;
      return [{ offset: lineStart, deleteLength: 4, text: '' }];
    };
    // Bongani adds to the first item; it reaches Amina's editor as a batch of ours.
    bongani.editor.userEdit([{ offset: '- seeds'.length, deleteLength: 0, text: ' and roots' }]);
    await settleAll([amina, bongani], network);

    expect(trimmed).toBe(1);
    const expected = '- seeds and roots\n\n- leaves\n';
    for (const replica of [amina, bongani]) {
      expect(replica.ytext.toString()).toBe(expected);
      expect(replica.editor.getText().replace(/\r\n/g, '\n')).toBe(expected);
      expect(replica.anomalies).toEqual([]);
    }
  });
});
