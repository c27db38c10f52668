// Drives several replicas with random user edits, network deliveries and event-loop turns,
// and keeps the oracle: every typed character is unique (see UniqueChars), so the set of
// characters that must survive is exactly "typed" minus "deleted in some editor".

import fc from 'fast-check';
import * as Y from 'yjs';
import type { EditorEdit, EndOfLine } from '../../../core/binding/editorDocument';
import { SimulatedNetwork } from './network';
import { seededRandom, ticks, UniqueChars, uniqueCharsFor } from './random';
import { createReplica, type Replica } from './replica';

export type Step =
  | {
      readonly kind: 'edit';
      readonly replica: number;
      /** Where (0..1 of the text) each cursor is; several for a multi-cursor edit. */
      readonly cursors: readonly number[];
      readonly deleteLength: number;
      readonly insertLength: number;
      /** Line breaks in the inserted text (a multi-line paste), and whether pasted as CRLF. */
      readonly lineBreaks: number;
      readonly pasteCrlf: boolean;
    }
  | { readonly kind: 'deliver'; readonly count: number }
  | { readonly kind: 'tick'; readonly count: number }
  | { readonly kind: 'dirty'; readonly replica: number }
  | { readonly kind: 'switchEol'; readonly replica: number };

export function stepArbitrary(replicas: number, allowDeletes: boolean): fc.Arbitrary<Step> {
  const replica = fc.nat(replicas - 1);
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        replica,
        cursors: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
        deleteLength: allowDeletes ? fc.oneof(fc.constant(0), fc.nat(4), fc.nat(30)) : fc.constant(0),
        insertLength: fc.oneof(fc.nat(3), fc.nat(12)),
        lineBreaks: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(3) }),
        pasteCrlf: fc.boolean(),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('deliver' as const), count: fc.integer({ min: 1, max: 4 }) }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('tick' as const), count: fc.integer({ min: 1, max: 3 }) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('dirty' as const), replica }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('switchEol' as const), replica }) },
  );
}

export interface Outcome {
  readonly replicas: readonly Replica[];
  readonly network: SimulatedNetwork;
  /** Unique characters typed (including the shared initial text), and those deleted in an editor. */
  readonly typed: ReadonlySet<string>;
  readonly deleted: ReadonlySet<string>;
  readonly lineBreaksTyped: number;
  readonly lineBreakDeletes: number;
  readonly edits: number;
}

export interface SimulationConfig {
  readonly seed: number;
  readonly eols: readonly EndOfLine[];
  readonly steps: readonly Step[];
  /** The last replica's editor opens with a stale local text that Y.Text must replace. */
  readonly staleEditor: boolean;
}

function isLineBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r';
}

export async function simulate(config: SimulationConfig): Promise<Outcome> {
  const random = seededRandom(config.seed);
  const network = new SimulatedNetwork(random);
  const typed = new Set<string>();
  const deleted = new Set<string>();
  let lineBreaksTyped = 0;
  let lineBreakDeletes = 0;
  let edits = 0;

  const initial = new UniqueChars(0x3400); // CJK extension A: the shared starting text
  const initialText = `${initial.take(8)}\n${initial.take(5)}\n\n${initial.take(6)}`;
  for (const ch of initialText) if (isLineBreak(ch)) lineBreaksTyped += 1;
  for (const ch of initialText) if (!isLineBreak(ch)) typed.add(ch);
  // Client ids decide the order of concurrent inserts; taken from the seed so a failure replays exactly.
  const seedDoc = new Y.Doc();
  seedDoc.clientID = 1;
  seedDoc.getText('body').insert(0, initialText);
  const state = Y.encodeStateAsUpdate(seedDoc);
  seedDoc.destroy();

  const stale = new UniqueChars(0xac00); // Hangul: text only a stale editor ever had
  const replicas = config.eols.map((eol, i) =>
    createReplica({
      random,
      network,
      state,
      eol,
      label: `replica ${i}`,
      clientID: 2 + Math.floor(random() * 0x7fff_fff0),
      editorText:
        config.staleEditor && i === config.eols.length - 1 ? `${stale.take(4)}\n${initialText}` : initialText,
    }),
  );
  const chars = replicas.map((_, i) => uniqueCharsFor(i));

  for (const step of config.steps) {
    if (step.kind === 'deliver') {
      for (let i = 0; i < step.count; i++) network.deliverSome();
    } else if (step.kind === 'tick') {
      await ticks(step.count);
    } else if (step.kind === 'dirty') {
      replicas[step.replica]!.editor.emitDirtyStateChange();
    } else if (step.kind === 'switchEol') {
      const editor = replicas[step.replica]!.editor;
      editor.setEol(editor.eol === '\n' ? '\r\n' : '\n');
    } else {
      const editor = replicas[step.replica]!.editor;
      const text = editor.getText();
      const starts = [
        ...new Set(step.cursors.map((c) => editor.validOffset(Math.floor(c * (text.length + 1))))),
      ].sort((a, b) => a - b);
      const userEdits: EditorEdit[] = [];
      for (let i = 0; i < starts.length; i++) {
        const offset = starts[i]!;
        const limit = i + 1 < starts.length ? starts[i + 1]! : text.length;
        const end = Math.max(offset, Math.min(editor.validOffset(offset + step.deleteLength), limit));
        let inserted = chars[step.replica]!.take(step.insertLength);
        for (let b = 0; b < step.lineBreaks; b++) {
          const at = Math.floor(random() * (inserted.length + 1));
          inserted = `${inserted.slice(0, at)}${step.pasteCrlf ? '\r\n' : '\n'}${inserted.slice(at)}`;
        }
        if (end === offset && inserted === '') continue;
        for (const ch of text.slice(offset, end).replace(/\r\n/g, '\n')) {
          if (isLineBreak(ch)) lineBreakDeletes += 1;
          else deleted.add(ch);
        }
        for (const ch of inserted.replace(/\r\n/g, '\n')) {
          if (isLineBreak(ch)) lineBreaksTyped += 1;
          else typed.add(ch);
        }
        userEdits.push({ offset, deleteLength: end - offset, text: inserted });
      }
      if (userEdits.length > 0) {
        edits += 1;
        editor.userEdit(userEdits);
      }
    }
  }
  return { replicas, network, typed, deleted, lineBreaksTyped, lineBreakDeletes, edits };
}
