// One participant: a Y.Doc, an editor like VS Code's, and the binding between them, wired as
// the VS Code glue will wire them (onDidChangeTextDocument -> handleEditorChange).

import * as Y from 'yjs';
import type { EndOfLine } from '../../../core/binding/editorDocument';
import { TextBinding, type TextBindingOptions } from '../../../core/binding/textBinding';
import { FakeEditor } from './fakeEditor';
import type { SimulatedNetwork } from './network';
import type { Random } from './random';

export interface Replica {
  readonly doc: Y.Doc;
  readonly ytext: Y.Text;
  readonly editor: FakeEditor;
  readonly binding: TextBinding;
  readonly anomalies: string[];
  dispose(): void;
}

export interface ReplicaOptions extends TextBindingOptions {
  readonly random: Random;
  readonly network?: SimulatedNetwork;
  /** Y.Doc state to start from (a snapshot everyone shares), before the binding starts. */
  readonly state?: Uint8Array;
  readonly editorText?: string;
  readonly eol?: EndOfLine;
  readonly normalizeEol?: boolean;
  /** Yjs orders concurrent inserts at one position by client id; a replay may need to fix it. */
  readonly clientID?: number;
}

export function createReplica(options: ReplicaOptions): Replica {
  const doc = new Y.Doc();
  if (options.clientID !== undefined) doc.clientID = options.clientID;
  if (options.state !== undefined) Y.applyUpdate(doc, options.state);
  options.network?.join(doc);
  const ytext = doc.getText('body');
  const editor = new FakeEditor({
    text: options.editorText ?? '',
    eol: options.eol ?? '\n',
    random: options.random,
    normalizeEol: options.normalizeEol ?? true,
  });
  const binding = new TextBinding(ytext, editor, options);
  const anomalies: string[] = [];
  binding.onDidDetectAnomaly((message) => anomalies.push(message));
  const subscription = editor.onDidChange((event) => binding.handleEditorChange(event));
  return {
    doc,
    ytext,
    editor,
    binding,
    anomalies,
    dispose: () => {
      subscription.dispose();
      binding.dispose();
      doc.destroy();
    },
  };
}

/** The editor's text as Y.Text would hold it. */
export function editorTextAsLf(replica: Replica): string {
  return replica.editor.getText().replace(/\r\n/g, '\n');
}

/** Waits for the binding to be idle, or fails after `ms` (a binding that never settles is a bug, not a hang). */
export async function idle(replica: Replica, ms = 5_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${replica.binding.origin} did not settle in ${ms} ms`)), ms);
  });
  try {
    await Promise.race([replica.binding.whenIdle(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Delivers the network and waits for every binding until all is quiet (bounded in rounds and
 * time). Each settled editor must show exactly its own Y.Text, before any repair of Yjs's state.
 */
export async function settleAll(replicas: readonly Replica[], network: SimulatedNetwork): Promise<void> {
  for (let round = 0; round < 100; round++) {
    network.deliverAll();
    await Promise.all(replicas.map((r) => idle(r)));
    for (const r of replicas) {
      if (r.binding.state === 'settled' && !r.binding.isInSync())
        throw new Error(`${r.binding.origin} shows another text`);
    }
    if (network.queued > 0 || !replicas.every((r) => r.binding.state === 'settled')) continue;
    if (network.stuck === 0) return;
    network.exchangeStateVectors();
  }
  throw new Error('replicas did not settle within 100 rounds');
}
