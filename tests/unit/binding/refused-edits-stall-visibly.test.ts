import { afterEach, describe, expect, it } from 'vitest';
import type { BindingState } from '../../../core/binding/textBinding';
import { SimulatedNetwork } from './network';
import { seededRandom } from './random';
import { createReplica, idle, type Replica, settleAll } from './replica';

const open: Replica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.dispose();
});

describe('an editor that refuses our edits (read-only, closing)', () => {
  it('shows a stalled state instead of spinning, keeps the changes owed, and catches up on retry', async () => {
    const random = seededRandom(9);
    const network = new SimulatedNetwork(random);
    const writer = createReplica({ random, network, label: 'writer' });
    const reader = createReplica({ random, network, label: 'reader' });
    open.push(writer, reader);
    const states: BindingState[] = [];
    reader.binding.onDidChangeState((state) => states.push(state));
    const apply = reader.editor.applyEdits.bind(reader.editor);
    let readOnly = true;
    let attempts = 0;
    reader.editor.applyEdits = async (edits, version) => {
      attempts += 1;
      return readOnly ? false : apply(edits, version);
    };

    writer.editor.userEdit([{ offset: 0, deleteLength: 0, text: 'Assessment: quiz' }]);
    network.deliverAll();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(reader.binding.state).toBe('stalled');
    expect(attempts).toBe(1); // no busy retry loop
    expect(reader.editor.getText()).toBe('');

    readOnly = false;
    reader.binding.retry();
    await idle(reader);
    await settleAll([writer, reader], network);
    expect(reader.editor.getText()).toBe('Assessment: quiz');
    expect(states).toEqual(['applying', 'stalled', 'applying', 'settled']);
  });
});
