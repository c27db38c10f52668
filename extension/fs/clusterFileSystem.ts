import * as vscode from 'vscode';
import type * as Y from 'yjs';
import { minimalDelta } from '../../core/binding/minimalEdits';
import {
  type CatalogNode,
  lookup,
  newPlanId,
  type PlanSummary,
  summaryFromFrontMatter,
  TRASH,
} from '../../core/plan/catalog';
import { readFrontMatter, writeFrontMatter } from '../../core/plan/frontMatter';
import { planText } from '../../core/plan/planDoc';
import { CAPS_TEMPLATE, renderTemplate } from '../../core/plan/templates';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import { restorePlanAndSay } from '../commands/restorePlan';
import { planDocName, segmentsOf } from './clusterUri';

const FS_ORIGIN = { name: 'cluster-lessons/file-system' };

/**
 * The `cluster:` file system: a cluster's plans as Markdown files, in folders by subject and grade.
 * A file's content is the plan's Y.Text. While a plan is open in an editor, the editor binding
 * owns its text; a save (Ctrl+S) then only confirms what is already kept, and never reverts anything.
 */
export class ClusterFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(
    private readonly workspace: ClusterWorkspace,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private readonly announced = new Map<string, Set<string>>();
  /** Clusters whose folders the explorer has listed since start-up. */
  readonly listed = new Set<string>();

  /**
   * Tells the explorer which files and folders of a cluster appeared or went away (never fired
   * for an open plan's content: the editor binding carries that).
   */
  fireTreeChanged(root: vscode.Uri): void {
    const now = allPaths(this.workspace.catalog(root.authority).root());
    const before = this.announced.get(root.authority) ?? new Set<string>();
    this.announced.set(root.authority, now);
    const at = (p: string): vscode.Uri => root.with({ path: p });
    const events: vscode.FileChangeEvent[] = [];
    for (const p of now) if (!before.has(p)) events.push({ type: vscode.FileChangeType.Created, uri: at(p) });
    for (const p of before) if (!now.has(p)) events.push({ type: vscode.FileChangeType.Deleted, uri: at(p) });
    events.push({ type: vscode.FileChangeType.Changed, uri: root });
    this.emitter.fire(events);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  private node(uri: vscode.Uri): CatalogNode {
    const catalog = this.workspace.catalog(uri.authority);
    const node = lookup(catalog.root(), segmentsOf(uri));
    if (!node) throw vscode.FileSystemError.FileNotFound(uri);
    return node;
  }

  private plan(uri: vscode.Uri): PlanSummary {
    const node = this.node(uri);
    if (node.kind !== 'plan') throw vscode.FileSystemError.FileIsADirectory(uri);
    return node.plan;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const node = this.node(uri);
    if (node.kind === 'dir') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    return {
      type: vscode.FileType.File,
      ctime: node.plan.updatedAt,
      mtime: node.plan.updatedAt,
      size: 0,
      ...(node.plan.deletedAt !== undefined ? { permissions: vscode.FilePermission.Readonly } : {}),
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    // The first listing of a session waits for the server's list (offline: the cached one).
    await this.workspace.catalog(uri.authority).ready();
    this.log.debug(`readDirectory ${uri.toString()}`);
    this.listed.add(uri.authority);
    const node = this.node(uri);
    if (node.kind !== 'dir') throw vscode.FileSystemError.FileNotADirectory(uri);
    return [...node.children].map(([name, child]) => [
      name,
      child.kind === 'dir' ? vscode.FileType.Directory : vscode.FileType.File,
    ]);
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(
      vscode.l10n.t("Folders follow each plan's subject and grade: set them in the plan's front matter."),
    );
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const plan = this.plan(uri);
    const session = await this.workspace.openPlan(uri.authority, plan.id);
    return new TextEncoder().encode(planText(session.doc).toString());
  }

  async writeFile(
    uri: vscode.Uri,
    content: Uint8Array,
    options: { create: boolean; overwrite: boolean },
  ): Promise<void> {
    const clusterId = uri.authority;
    const existing = lookup(this.workspace.catalog(clusterId).root(), segmentsOf(uri));
    if (existing?.kind === 'plan') {
      if (!options.overwrite) throw vscode.FileSystemError.FileExists(uri);
      if (existing.plan.deletedAt !== undefined) throw vscode.FileSystemError.NoPermissions(uri);
      const docName = planDocName(clusterId, existing.plan.id);
      // Bound to an editor: every keystroke is already in the Y.Text; saving must not write it again.
      if (this.workspace.isBound(docName)) return this.workspace.flush(docName);
      const session = await this.workspace.openPlan(clusterId, existing.plan.id);
      replaceText(planText(session.doc), new TextDecoder().decode(content));
      return;
    }
    if (!options.create) throw vscode.FileSystemError.FileNotFound(uri);
    await this.createPlan(uri, new TextDecoder().decode(content));
  }

  /** A new file in the explorer is a new plan; its folder gives subject and grade, its name the title. */
  private async createPlan(uri: vscode.Uri, content: string): Promise<void> {
    const segments = segmentsOf(uri);
    const name = segments.at(-1) ?? 'Untitled.md';
    const [subject, gradeFolder] = segments.slice(0, -1);
    if (subject === TRASH) throw vscode.FileSystemError.NoPermissions(uri);
    const title = name.replace(/\.md$/i, '').replace(/^T\d+W\d+\s+/, '');
    const grade = /^Grade (.+)$/.exec(gradeFolder ?? '')?.[1];
    const member = this.workspace.member(uri.authority);
    const text = content.trim()
      ? content
      : renderTemplate(CAPS_TEMPLATE, {
          title,
          ...(subject ? { subject } : {}),
          ...(grade ? { grade } : {}),
          ...(member ? { school: member.school, teacher: member.name } : {}),
        });
    await this.workspace.createPlan(uri.authority, newPlanId(title, Math.random), text);
  }

  async delete(uri: vscode.Uri): Promise<void> {
    const plan = this.plan(uri);
    if (plan.deletedAt !== undefined) {
      throw vscode.FileSystemError.NoPermissions(
        vscode.l10n.t('Plans in Trash are removed by the server {0} days after they were deleted.', 30),
      );
    }
    await this.workspace.deletePlan(uri.authority, plan.id);
    // VS Code's question before this said "permanently delete": it cannot know that an extension's
    // file system keeps a trash. Say what really happened, and offer the way back at once.
    const restore = vscode.l10n.t('Restore');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          "'{0}' is in the cluster's Trash: it can be restored for {1} days (Restore Plan in the Trash folder).",
          plan.title,
          30,
        ),
        restore,
      )
      .then((choice) => {
        if (choice === restore) void restorePlanAndSay(this.workspace, uri.authority, plan.id);
      });
  }

  async rename(from: vscode.Uri, to: vscode.Uri): Promise<void> {
    const plan = this.plan(from);
    const target = segmentsOf(to);
    const intoTrash = target[0] === TRASH;
    if (intoTrash && plan.deletedAt === undefined) return this.workspace.deletePlan(from.authority, plan.id);
    if (!intoTrash && plan.deletedAt !== undefined)
      return this.workspace.restorePlan(from.authority, plan.id);
    const title = (target.at(-1) ?? '')
      .replace(/\.md$/i, '')
      .replace(/^T\d+W\d+\s+/, '')
      .trim();
    if (!title) throw vscode.FileSystemError.NoPermissions(to);
    const session = await this.workspace.openPlan(from.authority, plan.id);
    const text = planText(session.doc);
    // VS Code moves the explorer row itself: announcing the move as well would show it twice.
    const announced = this.announced.get(from.authority);
    announced?.delete(from.path);
    announced?.add(to.path);
    // The plan is filed under its new name at once, so that VS Code finds it at `to`.
    const renamed = withFrontMatterField(text.toString(), 'title', title);
    this.workspace.catalog(from.authority).noteLocal(summaryOf(plan.id, renamed));
    // The text changes once VS Code has closed the document at the old name: an editor still
    // bound there would receive the new title and try to save it under a name that is gone.
    void closedOrTimeout(from).then(() => setFrontMatterField(text, 'title', title));
  }
}

function allPaths(root: CatalogNode): Set<string> {
  const paths = new Set<string>();
  const walk = (node: CatalogNode, at: string): void => {
    if (node.kind === 'plan') return;
    for (const [name, child] of node.children) {
      paths.add(`${at}/${name}`);
      walk(child, `${at}/${name}`);
    }
  };
  walk(root, '');
  return paths;
}

function summaryOf(id: string, markdown: string): PlanSummary {
  return summaryFromFrontMatter(id, readFrontMatter(markdown).frontMatter, Date.now());
}

/** Brings a Y.Text to `text` with the smallest edit (never a whole-document replace). */
export function replaceText(ytext: Y.Text, text: string): void {
  const target = text.replace(/\r\n?/g, '\n');
  const delta = minimalDelta(ytext.toString(), target);
  if (delta.length > 0) ytext.doc?.transact(() => ytext.applyDelta(delta as never), FS_ORIGIN);
}

/** Changes one field of the front matter block in place, leaving every other character alone. */
export function setFrontMatterField(ytext: Y.Text, key: string, value: string): void {
  replaceText(ytext, withFrontMatterField(ytext.toString(), key, value));
}

function withFrontMatterField(current: string, key: string, value: string): string {
  const { frontMatter, bodyStart } = readFrontMatter(current);
  const block = writeFrontMatter({ ...frontMatter, [key]: value });
  return bodyStart > 0 ? block + current.slice(bodyStart) : `${block}\n${current}`;
}

const CLOSE_WAIT_MS = 3_000;

/** Resolves when no text document is open at `uri` any more (or after a few seconds). */
function closedOrTimeout(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const isOpen = (): boolean => vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
  if (!isOpen()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(done, CLOSE_WAIT_MS);
    const sub = vscode.workspace.onDidCloseTextDocument(() => {
      if (!isOpen()) done();
    });
  });
}
