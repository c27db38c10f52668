import * as vscode from 'vscode';
import type { PlanBindings } from '../editor/planBindings';
import { type Person, peopleIn } from '../editor/presence';

/** "People in This Plan": who has the plan in the active editor open right now. */
class PeopleProvider implements vscode.TreeDataProvider<Person> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly bindings: PlanBindings) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(): Person[] {
    const editor = vscode.window.activeTextEditor;
    const plan = editor && this.bindings.get(editor.document.uri);
    return plan ? peopleIn(plan) : [];
  }

  getTreeItem(person: Person): vscode.TreeItem {
    const item = new vscode.TreeItem(person.isMe ? vscode.l10n.t('{0} (you)', person.name) : person.name);
    item.description = person.school;
    item.iconPath = new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(person.themeColor));
    item.tooltip = vscode.l10n.t('{0} of {1} has this plan open.', person.name, person.school);
    item.id = String(person.clientId);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerPeopleView(bindings: PlanBindings): vscode.Disposable {
  const provider = new PeopleProvider(bindings);
  const view = vscode.window.createTreeView('clusterLessons.people', { treeDataProvider: provider });
  const watched = new WeakSet<object>();
  const refresh = (): void => {
    const editor = vscode.window.activeTextEditor;
    const plan = editor && bindings.get(editor.document.uri);
    view.message = plan
      ? undefined
      : vscode.l10n.t('Open a lesson plan of your cluster to see who is working on it.');
    if (plan && !watched.has(plan)) {
      watched.add(plan);
      plan.session.provider.awareness.on('change', () => provider.refresh());
    }
    provider.refresh();
  };
  const subs = [vscode.window.onDidChangeActiveTextEditor(refresh), bindings.onDidChange(refresh)];
  refresh();
  return new vscode.Disposable(() => {
    for (const s of subs) s.dispose();
    view.dispose();
    provider.dispose();
  });
}
