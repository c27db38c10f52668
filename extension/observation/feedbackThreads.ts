import * as vscode from 'vscode';
import { planText } from '../../core/plan/planDoc';
import { resolveAnchor } from '../../core/review/anchors';
import { readThreads } from '../../core/review/reviewDoc';
import type { FeedbackComment, ThreadView } from '../../core/review/types';
import type { BoundPlan, PlanBindings } from '../editor/planBindings';
import type { ClusterRounds, KnownRound } from './clusterRounds';
import { focusLabel, kindLabel } from './labels';
import type { ReviewDocs } from './reviewDocs';
import { LineIndex } from './textPositions';

export const CONTROLLER_ID = 'clusterLessons.observation';

/** A comment as VS Code shows it, knowing which round and thread it belongs to. */
export class ShownComment implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  body: vscode.MarkdownString;
  readonly author: vscode.CommentAuthorInformation;
  readonly timestamp: Date;
  readonly contextValue: string;
  label: string | undefined;

  constructor(
    readonly roundId: string,
    readonly threadId: string,
    readonly source: FeedbackComment,
    mine: boolean,
    readonly thread: vscode.CommentThread,
  ) {
    this.body = markdown(source.body);
    this.author = { name: source.author.name };
    this.timestamp = new Date(source.at);
    this.contextValue = mine ? 'mine' : 'theirs';
    this.label = source.editedAt ? vscode.l10n.t('edited') : undefined;
  }
}

function markdown(body: string): vscode.MarkdownString {
  // Feedback is Markdown written by colleagues: shown, never trusted to run commands or HTML.
  const md = new vscode.MarkdownString(body);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

interface Shown {
  readonly thread: vscode.CommentThread;
  readonly known: KnownRound;
  readonly threadId: string;
  fingerprint: string;
}

/**
 * Observation feedback as VS Code comment threads on the plan's lines. The threads live in the
 * round's review document, anchored by Y.RelativePositions into the plan's Y.Text; every change
 * of the plan or of the feedback moves each VS Code thread to where its anchor resolves now
 * (VS Code does not move an extension's threads by itself). A thread whose text was deleted stays,
 * marked outdated, at the place the text was.
 */
export class FeedbackThreads implements vscode.Disposable {
  private controller: vscode.CommentController | undefined;
  private readonly shown = new Map<string, Shown>();
  private readonly byThread = new WeakMap<vscode.CommentThread, Shown>();
  private readonly watchedPlans = new WeakSet<BoundPlan>();
  private readonly pending = new Set<string>();
  private scheduled: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly bindings: PlanBindings,
    private readonly rounds: ClusterRounds,
    private readonly reviews: ReviewDocs,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs.push(
      bindings.onDidChange(() => this.renderAllSoon()),
      rounds.onDidChange(() => this.renderAllSoon()),
      reviews.onDidChange((roundId) => {
        for (const plan of this.bindings.all())
          if (this.rounds.onPlan(plan.docName).some((r) => r.round.id === roundId)) this.renderSoon(plan);
      }),
    );
    this.renderAllSoon();
  }

  /**
   * Made on first use, not at activation: in code-server a controller created from the web worker
   * host at activation rendered no threads (E2E.md, "Pitfalls seen").
   */
  ensureController(): vscode.CommentController {
    if (this.controller) return this.controller;
    const controller = vscode.comments.createCommentController(
      CONTROLLER_ID,
      vscode.l10n.t('Observation feedback'),
    );
    controller.options = {
      prompt: vscode.l10n.t('Write what you saw, a strength, a suggestion or a question…'),
      placeHolder: vscode.l10n.t('Feedback on this part of the lesson (Markdown)'),
    };
    controller.commentingRangeProvider = {
      provideCommentingRanges: (document) => {
        const plan = this.bindings.get(document.uri);
        if (!plan || !this.rounds.onPlan(plan.docName).some((r) => r.mayWrite && r.round.status === 'open'))
          return [];
        return [new vscode.Range(0, 0, Math.max(0, document.lineCount - 1), 0)];
      },
    };
    this.controller = controller;
    return controller;
  }

  /** Which round and thread a VS Code thread shows, if it is one of ours. */
  lookup(thread: vscode.CommentThread): { known: KnownRound; threadId: string } | undefined {
    return this.byThread.get(thread);
  }

  /** Takes over a thread VS Code made for a new comment, now that it is stored as `threadId`. */
  adopt(thread: vscode.CommentThread, known: KnownRound, threadId: string): void {
    const shown: Shown = { thread, known, threadId, fingerprint: '' };
    this.shown.set(`${known.round.id}/${threadId}`, shown);
    this.byThread.set(thread, shown);
    for (const plan of this.bindings.all()) if (plan.docName === known.round.plan) this.renderSoon(plan);
  }

  renderAllSoon(): void {
    for (const plan of this.bindings.all()) this.renderSoon(plan);
    this.dropOrphans();
  }

  renderSoon(plan: BoundPlan): void {
    this.watch(plan);
    this.pending.add(plan.document.uri.toString());
    this.scheduled ??= setTimeout(() => {
      this.scheduled = undefined;
      const uris = [...this.pending];
      this.pending.clear();
      for (const uri of uris) {
        const p = this.bindings.get(vscode.Uri.parse(uri));
        if (p)
          void this.render(p).catch((error: unknown) => this.log.warn(`Feedback threads: ${String(error)}`));
      }
    }, 30);
  }

  private watch(plan: BoundPlan): void {
    if (this.watchedPlans.has(plan)) return;
    this.watchedPlans.add(plan);
    const text = planText(plan.session.doc);
    const onChange = (): void => this.renderSoon(plan);
    text.observe(onChange);
    const settled = plan.binding.onDidChangeState((state) => {
      if (state === 'settled') this.renderSoon(plan);
    });
    const closed = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d !== plan.document) return;
      text.unobserve(onChange);
      settled.dispose();
      closed.dispose();
      this.dropOrphans();
    });
  }

  private async render(plan: BoundPlan): Promise<void> {
    const rounds = this.rounds.onPlan(plan.docName);
    if (rounds.length === 0) return;
    // Ranges are computed from the Y.Text, so only while the editor shows that same text: a range
    // set before a queued remote edit reaches the editor would be moved again by that edit (VS Code
    // carries a thread's box along with the lines above it). The binding settling renders again.
    if (plan.binding.state !== 'settled' || !plan.binding.isInSync()) return;
    const controller = this.ensureController();
    const planDoc = plan.session.doc;
    const seen = new Set<string>();
    for (const known of rounds) {
      const review = await this.reviews.doc(known);
      const text = planText(planDoc).toString();
      const index = new LineIndex(text);
      for (const view of readThreads(review)) {
        const key = `${known.round.id}/${view.id}`;
        seen.add(key);
        const resolved = resolveAnchor(planDoc, view.anchor);
        const range =
          resolved.state === 'current'
            ? new vscode.Range(index.positionAt(resolved.start), index.positionAt(resolved.end))
            : resolved.state === 'outdated'
              ? new vscode.Range(index.positionAt(resolved.at), index.positionAt(resolved.at))
              : new vscode.Range(0, 0, 0, 0);
        let shown = this.shown.get(key);
        if (!shown || shown.thread.uri.toString() !== plan.document.uri.toString()) {
          shown?.thread.dispose();
          const thread = controller.createCommentThread(plan.document.uri, range, []);
          shown = { thread, known, threadId: view.id, fingerprint: '' };
          this.shown.set(key, shown);
          this.byThread.set(thread, shown);
        }
        this.update(shown, view, range, resolved.state);
      }
    }
    // Threads deleted in the review document go away here too (only this plan's).
    for (const [key, shown] of this.shown) {
      if (shown.thread.uri.toString() !== plan.document.uri.toString() || seen.has(key)) continue;
      this.shown.delete(key);
      shown.thread.dispose();
    }
  }

  private update(
    shown: Shown,
    view: ThreadView,
    range: vscode.Range,
    state: 'current' | 'outdated' | 'unknown',
  ): void {
    const { thread, known } = shown;
    if (!thread.range || !thread.range.isEqual(range)) thread.range = range;
    const fingerprint = JSON.stringify([
      view.resolved,
      view.comments,
      state,
      known.mayWrite,
      view.focus,
      view.kind,
    ]);
    if (fingerprint === shown.fingerprint) return;
    shown.fingerprint = fingerprint;
    const me = known.me;
    thread.comments = view.comments.map(
      (c) => new ShownComment(known.round.id, view.id, c, c.author.id === me, thread),
    );
    let label = `${kindLabel(view.kind)} · ${focusLabel(view.focus)}`;
    if (state === 'outdated')
      label = vscode.l10n.t(
        '{0} — outdated: the text it was on was deleted ("{1}")',
        label,
        clip(view.quote),
      );
    if (view.resolved && view.resolvedBy)
      label = vscode.l10n.t('{0} — resolved by {1}', label, view.resolvedBy.name);
    if (state === 'unknown') label = vscode.l10n.t('{0} — waiting for the plan to arrive', label);
    thread.label = label;
    thread.canReply = known.mayWrite;
    thread.state = view.resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
    thread.contextValue = [
      'observation',
      view.resolved ? 'resolved' : 'unresolved',
      known.mayWrite ? 'writable' : 'readonly',
    ].join(';');
    if (thread.collapsibleState === undefined)
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
  }

  /** Threads of plans no longer open, or of rounds no longer readable, leave the editor. */
  private dropOrphans(): void {
    const open = new Set(this.bindings.all().map((p) => p.document.uri.toString()));
    const readable = new Set(this.rounds.readable().map((r) => r.round.id));
    for (const [key, shown] of this.shown) {
      if (open.has(shown.thread.uri.toString()) && readable.has(shown.known.round.id)) continue;
      this.shown.delete(key);
      shown.thread.dispose();
    }
  }

  dispose(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    for (const s of this.subs) s.dispose();
    for (const shown of this.shown.values()) shown.thread.dispose();
    this.controller?.dispose();
  }
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
