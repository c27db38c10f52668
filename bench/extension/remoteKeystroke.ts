// A colleague's keystroke reaching the editor of a 50 KB plan: the Yjs update applied to the
// local Y.Doc, the binding (core/binding) turning it into one minimal edit, and the editor
// applying it. The editor is the test suite's VS Code-like FakeEditor with no scheduling delay,
// so this times our code, not VS Code's IPC to the renderer. Bundled by the bench with esbuild.
// Usage: node remoteKeystroke.mjs <state file> <keystrokes> <warm-up keystrokes>
// Prints { samples: [ms...], length } on stdout.
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { TextBinding } from '../../core/binding/textBinding';
import { FakeEditor } from '../../tests/unit/binding/fakeEditor';

async function main(): Promise<void> {
  const [stateFile, count, warmup] = process.argv.slice(2);
  const state = new Uint8Array(readFileSync(stateFile!));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const ytext = doc.getText('body');
  const editor = new FakeEditor({ random: () => 0, text: ytext.toString() });
  const binding = new TextBinding(ytext, editor, { label: 'bench' });
  editor.onDidChange((event) => binding.handleEditorChange(event));
  await binding.whenIdle();

  // The colleague types at one place, one character per keystroke, as people do.
  const colleague = new Y.Doc();
  Y.applyUpdate(colleague, state);
  const theirs = colleague.getText('body');
  let cursor = Math.floor(theirs.length / 3);
  let update: Uint8Array | undefined;
  colleague.on('update', (u: Uint8Array) => {
    update = u;
  });
  const samples: number[] = [];
  const total = Number(warmup) + Number(count);
  for (let i = 0; i < total; i++) {
    theirs.insert(cursor, 'x');
    cursor += 1;
    const started = performance.now();
    Y.applyUpdate(doc, update!, 'remote');
    await binding.whenIdle();
    const ms = performance.now() - started;
    if (i >= Number(warmup)) samples.push(ms);
  }
  if (editor.getText() !== ytext.toString()) throw new Error('the editor does not show the document');
  process.stdout.write(`${JSON.stringify({ samples, length: ytext.length })}\n`);
  binding.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
