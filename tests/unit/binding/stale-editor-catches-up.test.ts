import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EditorEdit } from '../../../core/binding/editorDocument';
import { seededRandom } from './random';
import { createReplica, idle, type Replica } from './replica';

const open: Replica[] = [];
afterEach(() => {
  for (const replica of open.splice(0)) replica.dispose();
});

function sharedState(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('a plan opened from an older copy on this computer', () => {
  it('is brought to the shared text with minimal edits, never a whole-document replace', async () => {
    const shared = `# Fractions\n${'Warm-up: count in halves.\n'.repeat(200)}Exit ticket: 3 questions.\n`;
    const older = shared.replace('Exit ticket: 3 questions.', 'Exit ticket: 2 questions.');
    const replica = createReplica({ random: seededRandom(1), state: sharedState(shared), editorText: older });
    open.push(replica);
    const sent: EditorEdit[][] = [];
    const apply = replica.editor.applyEdits.bind(replica.editor);
    replica.editor.applyEdits = (edits, version) => {
      sent.push([...edits]);
      return apply(edits, version);
    };
    await idle(replica);
    expect(replica.editor.getText()).toBe(shared);
    expect(sent).toEqual([[{ offset: older.indexOf('2 questions'), deleteLength: 1, text: '3' }]]);
    expect(replica.ytext.toString()).toBe(shared); // Y.Text wins: it was not touched
  });

  it("keeps what the teacher types before the catch-up lands, in the shared text's place", async () => {
    const replica = createReplica({
      random: seededRandom(2),
      eol: '\r\n',
      state: sharedState('Aims\nMaterials: chalk\n'),
      editorText: 'Aims\nMaterials: paper\n',
    });
    open.push(replica);
    // Before the binding's first apply: the teacher adds to the first line.
    replica.editor.userEdit([{ offset: 4, deleteLength: 0, text: ' and outcomes' }]);
    await idle(replica);
    expect(replica.ytext.toString()).toBe('Aims and outcomes\nMaterials: chalk\n');
    expect(replica.editor.getText()).toBe('Aims and outcomes\r\nMaterials: chalk\r\n');
  });
});
