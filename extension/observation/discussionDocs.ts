import * as vscode from 'vscode';
import type * as Y from 'yjs';
import { TextBinding } from '../../core/binding/textBinding';
import { discussionText } from '../../core/review/reviewDoc';
import { DISCUSSION_PARTS, type DiscussionPart } from '../../core/review/types';
import { VscodeEditorDocument } from '../editor/vscodeEditorDocument';
import { replaceText } from '../fs/clusterFileSystem';
import type { ClusterRounds, KnownRound } from './clusterRounds';
import type { ReviewDocs } from './reviewDocs';

export const DISCUSSION_SCHEME = 'cluster-round';
const SAVE_AFTER_MS = 800;

/** `cluster-round://<cluster>/<round>/<n>-<part>.md`: one part of a round's post-lesson discussion. */
export function discussionUri(known: KnownRound, part: DiscussionPart): vscode.Uri {
  const n = DISCUSSION_PARTS.indexOf(part) + 1;
  return vscode.Uri.from({
    scheme: DISCUSSION_SCHEME,
    authority: known.clusterId,
    path: `/${known.round.id}/${n}-${part}.md`,
  });
}

function parse(uri: vscode.Uri): { roundId: string; part?: DiscussionPart } | undefined {
  const [roundId, file] = uri.path.split('/').filter(Boolean);
  if (!roundId) return undefined;
  if (!file) return { roundId };
  const part = DISCUSSION_PARTS.find((p, i) => file === `${i + 1}-${p}.md`);
  return part ? { roundId, part } : undefined;
}

/**
 * The post-lesson discussion as three Markdown files, in the order it is held (teacher, then
 * planners, then observers). Each is a Y.Text of the round's review document, bound to its
 * editor with the same binding as the plans, so the teacher and observers can write at once.
 */
export class DiscussionDocs implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly bound = new Map<string, { binding: TextBinding; dispose: () => void }>();
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly rounds: ClusterRounds,
    private readonly reviews: ReviewDocs,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs = [
      vscode.workspace.registerFileSystemProvider(DISCUSSION_SCHEME, this, { isCaseSensitive: true }),
      vscode.workspace.onDidOpenTextDocument((d) => void this.bind(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.unbind(d)),
      vscode.workspace.onDidChangeTextDocument((e) =>
        this.bound.get(e.document.uri.toString())?.binding.handleEditorChange({
          version: e.document.version,
          contentChanges: e.contentChanges,
        }),
      ),
    ];
    for (const d of vscode.workspace.textDocuments) void this.bind(d);
  }

  private known(uri: vscode.Uri): { known: KnownRound; part?: DiscussionPart } {
    const parsed = parse(uri);
    const known = parsed && this.rounds.readable().find((r) => r.round.id === parsed.roundId);
    if (!parsed || !known || known.clusterId !== uri.authority)
      throw vscode.FileSystemError.FileNotFound(uri);
    return { known, ...(parsed.part ? { part: parsed.part } : {}) };
  }

  private async text(uri: vscode.Uri) {
    const { known, part } = this.known(uri);
    if (!part) throw vscode.FileSystemError.FileIsADirectory(uri);
    return { known, text: discussionText(await this.reviews.doc(known), part) };
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  /**
   * A fixed time and size: the binding holds every keystroke, so a save only confirms it, and a
   * stat that changed with each colleague's keystroke would make VS Code refuse the save as
   * "the content of the file is newer".
   */
  stat(uri: vscode.Uri): vscode.FileStat {
    const { known, part } = this.known(uri);
    return {
      type: part ? vscode.FileType.File : vscode.FileType.Directory,
      ctime: 0,
      mtime: 0,
      size: 0,
      ...(known.mayWrite ? {} : { permissions: vscode.FilePermission.Readonly }),
    };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    this.known(uri);
    return DISCUSSION_PARTS.map((p, i) => [`${i + 1}-${p}.md`, vscode.FileType.File]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return new TextEncoder().encode((await this.text(uri)).text.toString());
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { known, text } = await this.text(uri);
    if (!known.mayWrite) throw vscode.FileSystemError.NoPermissions(uri);
    // An open editor's binding already holds every keystroke: saving only confirms it.
    if (this.bound.has(uri.toString())) return;
    replaceText(text, new TextDecoder().decode(content));
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  private async bind(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (document.uri.scheme !== DISCUSSION_SCHEME || this.bound.has(key)) return;
    let found: { known: KnownRound; text: Y.Text };
    try {
      found = await this.text(document.uri);
    } catch (error) {
      this.log.warn(`Discussion ${key}: ${String(error)}`);
      return;
    }
    if (document.isClosed || this.bound.has(key)) return;
    const binding = new TextBinding(found.text, new VscodeEditorDocument(document), { label: key });
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    binding.onDidChangeState((state) => {
      if (state !== 'settled') return;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        if (document.isDirty && binding.state === 'settled') void document.save();
      }, SAVE_AFTER_MS);
    });
    binding.onDidDetectAnomaly((message) => this.log.warn(`${key}: ${message}`));
    this.bound.set(key, {
      binding,
      dispose: () => {
        if (saveTimer) clearTimeout(saveTimer);
        binding.dispose();
      },
    });
  }

  private unbind(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.bound.get(key)?.dispose();
    this.bound.delete(key);
  }

  dispose(): void {
    for (const b of this.bound.values()) b.dispose();
    this.bound.clear();
    for (const s of this.subs) s.dispose();
    this.emitter.dispose();
  }
}
