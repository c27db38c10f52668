import * as vscode from 'vscode';
import * as Y from 'yjs';
import { toLfCoordinates } from '../../core/binding/eol';
import { planText } from '../../core/plan/planDoc';
import { LocalPresence } from '../../core/presence/localPresence';
import { colorFor, isPresenceState, type PresenceState } from '../../core/presence/presence';
import type { ClusterAccounts } from '../clusters/accounts';
import type { BoundPlan, PlanBindings } from './planBindings';

/** A person in a plan, as the People view and the cursors show them. */
export interface Person {
  readonly clientId: number;
  readonly name: string;
  readonly school: string;
  readonly themeColor: string;
  readonly isMe: boolean;
}

export function peopleIn(plan: BoundPlan): Person[] {
  const awareness = plan.session.provider.awareness;
  const people: Person[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (!isPresenceState(state) || !state.user) continue;
    people.push({
      clientId,
      name: state.user.name,
      school: state.user.school,
      themeColor: state.user.themeColor,
      isMe: clientId === awareness.clientID,
    });
  }
  return people.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
}

/** Editor offset → index in Y.Text (LF-only): a CRLF line break is one character there. */
function lfIndex(document: vscode.TextDocument, position: vscode.Position): number {
  const offset = document.offsetAt(position);
  return document.eol === vscode.EndOfLine.CRLF ? offset - position.line : offset;
}

function editorPosition(document: vscode.TextDocument, index: number): vscode.Position {
  if (document.eol !== vscode.EndOfLine.CRLF) return document.positionAt(index);
  const lf = toLfCoordinates(document.getText(), '\r\n');
  const before = lf.slice(0, index);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, index - (before.lastIndexOf('\n') + 1));
}

/** Shares this teacher's cursor and shows colleagues' named cursors and selections. */
export function registerPresence(bindings: PlanBindings, accounts: ClusterAccounts): vscode.Disposable {
  const cursorTypes = new Map<string, vscode.TextEditorDecorationType>();
  const selectionTypes = new Map<string, vscode.TextEditorDecorationType>();
  const subscribed = new WeakSet<BoundPlan>();
  const typeFor = (
    map: Map<string, vscode.TextEditorDecorationType>,
    key: string,
    make: () => vscode.TextEditorDecorationType,
  ) => {
    let type = map.get(key);
    if (!type) {
      type = make();
      map.set(key, type);
    }
    return type;
  };

  const render = (plan: BoundPlan): void => {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === plan.document);
    if (editors.length === 0) return;
    const text = planText(plan.session.doc);
    const cursors = new Map<string, vscode.DecorationOptions[]>();
    const selections = new Map<string, vscode.Range[]>();
    for (const [clientId, raw] of plan.session.provider.awareness.getStates()) {
      if (clientId === plan.session.provider.awareness.clientID || !isPresenceState(raw)) continue;
      const state = raw as PresenceState;
      if (!state.user || !state.cursor) continue;
      const anchor = Y.createAbsolutePositionFromRelativePosition(
        Y.createRelativePositionFromJSON(state.cursor.anchor),
        plan.session.doc,
      );
      const head = Y.createAbsolutePositionFromRelativePosition(
        Y.createRelativePositionFromJSON(state.cursor.head),
        plan.session.doc,
      );
      if (!anchor || !head || anchor.type !== text || head.type !== text) continue;
      const headPos = editorPosition(plan.document, Math.min(head.index, text.length));
      const anchorPos = editorPosition(plan.document, Math.min(anchor.index, text.length));
      const key = state.user.themeColor;
      const list = cursors.get(key) ?? [];
      list.push({
        range: new vscode.Range(headPos, headPos),
        hoverMessage: `${state.user.name} (${state.user.school})`,
        renderOptions: { after: { contentText: state.user.name } },
      });
      cursors.set(key, list);
      if (!anchorPos.isEqual(headPos)) {
        selections.set(key, [...(selections.get(key) ?? []), new vscode.Range(anchorPos, headPos)]);
      }
    }
    for (const editor of editors) {
      for (const [key, type] of cursorTypes) if (!cursors.has(key)) editor.setDecorations(type, []);
      for (const [key, type] of selectionTypes) if (!selections.has(key)) editor.setDecorations(type, []);
      for (const [key, options] of cursors) {
        const color = new vscode.ThemeColor(key);
        const type = typeFor(cursorTypes, key, () =>
          vscode.window.createTextEditorDecorationType({
            borderStyle: 'solid',
            borderColor: color,
            borderWidth: '0 0 0 2px',
            after: {
              backgroundColor: color,
              color: new vscode.ThemeColor('editor.background'),
              margin: '0 0 0 2px',
              fontWeight: 'bold',
            },
            rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
          }),
        );
        editor.setDecorations(type, options);
      }
      for (const [key, ranges] of selections) {
        const type = typeFor(selectionTypes, key, () =>
          vscode.window.createTextEditorDecorationType({
            backgroundColor: new vscode.ThemeColor('editor.wordHighlightBackground'),
            border: '1px solid',
            borderColor: new vscode.ThemeColor(key),
          }),
        );
        editor.setDecorations(type, ranges);
      }
    }
  };

  const sharing = new Map<BoundPlan, LocalPresence>();
  const share = (plan: BoundPlan, selection: vscode.Selection | undefined): void => {
    const awareness = plan.session.provider.awareness;
    const clusterId = plan.document.uri.authority;
    const member = accounts.get(clusterId)?.member;
    if (!member) return;
    const color = colorFor(member.id);
    const user = { name: member.name, school: member.school, color: color.hex, themeColor: color.themeColor };
    const text = planText(plan.session.doc);
    const rel = (p: vscode.Position) =>
      Y.relativePositionToJSON(
        Y.createRelativePositionFromTypeIndex(text, Math.min(lfIndex(plan.document, p), text.length)),
      );
    const cursor = selection
      ? { anchor: rel(selection.anchor), head: rel(selection.active) }
      : (awareness.getLocalState() as PresenceState | null)?.cursor;
    let presence = sharing.get(plan);
    if (!presence) {
      presence = new LocalPresence(awareness);
      sharing.set(plan, presence);
    }
    presence.share(cursor ? { user, cursor } : { user });
  };

  const attach = (plan: BoundPlan | undefined): void => {
    if (!plan || subscribed.has(plan)) return;
    subscribed.add(plan);
    share(plan, vscode.window.visibleTextEditors.find((e) => e.document === plan.document)?.selection);
    plan.session.provider.awareness.on('change', () => render(plan));
    plan.binding.onDidApplyRemoteEdits(() => render(plan));
  };

  const subs = [
    bindings.onDidChange((plan) => {
      attach(plan);
      // A closed plan's pending share would go to a provider that is gone.
      const open = new Set(bindings.all());
      for (const [closed, presence] of sharing) {
        if (open.has(closed)) continue;
        presence.dispose();
        sharing.delete(closed);
      }
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      const plan = bindings.get(e.textEditor.document.uri);
      if (plan) share(plan, e.selections[0]);
    }),
    vscode.window.onDidChangeVisibleTextEditors(() => bindings.all().forEach(render)),
  ];
  for (const plan of bindings.all()) attach(plan);
  return new vscode.Disposable(() => {
    for (const s of subs) s.dispose();
    for (const presence of sharing.values()) presence.dispose();
    for (const t of [...cursorTypes.values(), ...selectionTypes.values()]) t.dispose();
  });
}
