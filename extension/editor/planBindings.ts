import * as vscode from 'vscode';
import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { TextBinding } from '../../core/binding/textBinding';
import { diverged, textDigest } from '../../core/sync/digest';
import { planText } from '../../core/plan/planDoc';
import type { SyncState } from '../../core/sync/syncState';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import { CLUSTER_SCHEME, planDocName } from '../fs/clusterUri';
import { planIdAt } from '../fs/planUri';
import type { DocSession } from '../sync/docSession';
import { VscodeEditorDocument } from './vscodeEditorDocument';

/** A plan open in an editor, bound to its Y.Text. */
export interface BoundPlan {
  readonly document: vscode.TextDocument;
  readonly docName: string;
  readonly session: DocSession;
  readonly binding: TextBinding;
}

const SAVE_AFTER_MS = 800;

/**
 * Binds every `cluster:` plan opened in an editor to its Y.Text, and unbinds it on close.
 * Keeps the editor quiet about saving: once the binding has settled, the document is saved,
 * which only confirms what the replica already holds (see ClusterFileSystem.writeFile).
 */
export class PlanBindings implements vscode.Disposable {
  private readonly bound = new Map<string, BoundPlan>();
  private readonly pendingBinds = new Map<string, Promise<void>>();
  private readonly disposeOnUnbind = new Map<string, () => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<BoundPlan | undefined>();
  /** Fires when a plan is bound or unbound, or a bound plan's sync state changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly workspace: ClusterWorkspace,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.bind(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.unbind(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        this.bound.get(e.document.uri.toString())?.binding.handleEditorChange({
          version: e.document.version,
          contentChanges: e.contentChanges,
        });
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        // A click or a cursor key starts a new undo step, as in VS Code: what the teacher types
        // after moving is undone on its own, however quickly she moved on. Typing and colleagues'
        // edits move the cursor without a kind, and keep the step.
        if (e.kind !== undefined)
          this.bound.get(e.textEditor.document.uri.toString())?.binding.stopCapturing();
      }),
      vscode.commands.registerCommand('clusterLessons.undo', () => this.undoRedo('undo')),
      vscode.commands.registerCommand('clusterLessons.redo', () => this.undoRedo('redo')),
    );
    for (const d of vscode.workspace.textDocuments) void this.bind(d);
  }

  get(uri: vscode.Uri): BoundPlan | undefined {
    return this.bound.get(uri.toString());
  }

  all(): BoundPlan[] {
    return [...this.bound.values()];
  }

  private bind(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (document.uri.scheme !== CLUSTER_SCHEME || this.bound.has(key)) return Promise.resolve();
    let pending = this.pendingBinds.get(key);
    if (!pending) {
      pending = this.doBind(document).finally(() => this.pendingBinds.delete(key));
      this.pendingBinds.set(key, pending);
    }
    return pending;
  }

  private async doBind(document: vscode.TextDocument): Promise<void> {
    const clusterId = document.uri.authority;
    const planId = planIdAt(this.workspace.catalog(clusterId), document.uri);
    if (!planId) return;
    const docName = planDocName(clusterId, planId);
    await this.workspace.openPlan(clusterId, planId);
    const session = await this.workspace.pool.acquire(clusterId, docName);
    if (document.isClosed) {
      this.workspace.pool.release(docName);
      return;
    }
    // Bound only now that the Y.Doc has loaded: at binding time Y.Text wins, with minimal edits.
    const binding = new TextBinding(planText(session.doc), new VscodeEditorDocument(document), {
      label: docName,
    });
    const plan: BoundPlan = { document, docName, session, binding };
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    const registration = this.workspace.registerBound(docName, () => session.replica.flush());
    binding.onDidDetectAnomaly((message) => this.log.warn(`${docName}: ${message}`));
    binding.onDidChangeState((state) => {
      if (state !== 'settled') return;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        if (document.isDirty && binding.state === 'settled') void document.save();
      }, SAVE_AFTER_MS);
    });
    const stateSub = session.onDidChangeState((state) => {
      if (state.kind === 'synced') void this.compareWithServer(plan);
      this.changed.fire(plan);
    });
    if (session.state.kind === 'synced') void this.compareWithServer(plan);
    this.bound.set(document.uri.toString(), plan);
    this.disposeOnUnbind.set(document.uri.toString(), () => {
      if (saveTimer) clearTimeout(saveTimer);
      registration.dispose();
      stateSub.dispose();
      binding.dispose();
      this.workspace.pool.release(docName);
    });
    this.log.info(`Editing ${docName} (${document.uri.toString()})`);
    this.changed.fire(plan);
  }

  private unbind(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.disposeOnUnbind.get(key)?.();
    this.disposeOnUnbind.delete(key);
    if (this.bound.delete(key)) this.changed.fire(undefined);
  }

  private undoRedo(which: 'undo' | 'redo'): void {
    const editor = vscode.window.activeTextEditor;
    const plan = editor && this.bound.get(editor.document.uri.toString());
    if (!plan) {
      // Not a cluster plan (or not bound yet): VS Code's own undo is right.
      void vscode.commands.executeCommand(which);
      return;
    }
    if (which === 'undo') plan.binding.undo();
    else plan.binding.redo();
  }

  private readonly divergedPlans = new WeakSet<BoundPlan>();

  /** After a sync: same state vector as the server must mean the same text. Never silent when not. */
  private async compareWithServer(plan: BoundPlan): Promise<void> {
    try {
      const clusterId = plan.document.uri.authority;
      const server = await (await this.workspace.api(clusterId)).digest(plan.docName);
      const doc = plan.session.doc;
      const local = {
        stateVector: toBase64(Y.encodeStateVector(doc)),
        digest: await textDigest(planText(doc).toString()),
      };
      if (diverged(local, server)) {
        this.divergedPlans.add(plan);
        this.log.error(
          `${plan.docName}: same state as the server but different text (${local.digest} ≠ ${server.digest})`,
        );
        this.changed.fire(plan);
      } else if (local.stateVector === server.stateVector) {
        this.divergedPlans.delete(plan);
      }
    } catch (error) {
      this.log.info(`${plan.docName}: could not compare with the server: ${String(error)}`);
    }
  }

  /** Brings the editor back to the document's text (Y.Text wins, minimal edits) and resyncs with the server. */
  async reload(plan: BoundPlan): Promise<void> {
    const fromServer = this.divergedPlans.delete(plan);
    this.unbind(plan.document);
    if (fromServer) {
      // The device's copy claims the server's state but holds other text: take the server's.
      await this.workspace.pool.resetFromServer(plan.document.uri.authority, plan.docName);
    } else {
      plan.session.reconnectNow();
    }
    await this.bind(plan.document);
  }

  /**
   * The state the status bar shows for a plan: the session's, unless the editor and the
   * Y.Text disagree once everything has settled, which must never be silent.
   */
  stateOf(plan: BoundPlan): SyncState {
    if (this.divergedPlans.has(plan)) return { kind: 'outOfSync' };
    if (plan.binding.state === 'settled' && !plan.binding.isInSync()) return { kind: 'outOfSync' };
    return plan.session.state;
  }

  dispose(): void {
    for (const d of vscode.workspace.textDocuments) this.unbind(d);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
