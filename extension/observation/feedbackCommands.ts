import * as vscode from 'vscode';
import type * as Y from 'yjs';
import { planText } from '../../core/plan/planDoc';
import {
  addThread,
  deleteComment,
  editComment,
  replyToThread,
  setThreadFocus,
  setThreadResolved,
} from '../../core/review/reviewDoc';
import {
  FEEDBACK_KINDS,
  FOCUS_AREAS,
  type FeedbackKind,
  type FocusArea,
  type Person,
} from '../../core/review/types';
import type { BoundPlan, PlanBindings } from '../editor/planBindings';
import type { ClusterRounds, KnownRound } from './clusterRounds';
import { type FeedbackThreads, ShownComment } from './feedbackThreads';
import { focusLabel, kindHint, kindLabel } from './labels';
import type { ReviewDocs } from './reviewDocs';
import { LineIndex } from './textPositions';

/** Feedback starts focused on the learners (DOMAIN.md: observation is about learners and the lesson). */
const DEFAULT_FOCUS: FocusArea = 'learners';

interface Deps {
  readonly bindings: PlanBindings;
  readonly rounds: ClusterRounds;
  readonly reviews: ReviewDocs;
  readonly threads: FeedbackThreads;
}

function me(known: KnownRound, rounds: ClusterRounds): Person {
  return { id: known.me, name: rounds.nameOf(known.clusterId, known.me) };
}

/** The open round on this plan that this person may write feedback in; asks when there are several. */
async function writableRound(deps: Deps, plan: BoundPlan): Promise<KnownRound | undefined> {
  const writable = () =>
    deps.rounds.onPlan(plan.docName).filter((r) => r.mayWrite && r.round.status === 'open');
  let open = writable();
  if (open.length === 0) {
    // The invitation may be minutes old and not yet on this device: ask the server once.
    await deps.rounds.refresh();
    open = writable();
  }
  if (open.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Feedback needs an observation round that the teacher of this lesson opened and invited you to. The teacher runs "Open an Observation Round on This Plan…".',
      ),
    );
    return undefined;
  }
  if (open.length === 1) return open[0];
  const picked = await vscode.window.showQuickPick(
    open.map((r) => ({
      label: `${r.round.date} · ${deps.rounds.nameOf(r.clusterId, r.round.teacher)}`,
      description: r.round.className,
      known: r,
    })),
    { title: vscode.l10n.t('Which observation round is this feedback for?') },
  );
  return picked?.known;
}

async function pickKind(): Promise<FeedbackKind | undefined> {
  const picked = await vscode.window.showQuickPick(
    FEEDBACK_KINDS.map((kind) => ({ label: kindLabel(kind), detail: kindHint(kind), feedbackKind: kind })),
    { title: vscode.l10n.t('What kind of feedback is it?') },
  );
  return picked?.feedbackKind;
}

async function pickFocus(current?: FocusArea): Promise<FocusArea | undefined> {
  const items = FOCUS_AREAS.map((focus) => ({
    label: focusLabel(focus),
    focus,
    picked: focus === current,
  }));
  const quickPick = await vscode.window.showQuickPick(
    // The current focus first, so Enter keeps it.
    [...items.filter((i) => i.picked), ...items.filter((i) => !i.picked)],
    { title: vscode.l10n.t('What is the feedback about?') },
  );
  return quickPick?.focus;
}

function storeThread(
  deps: Deps,
  plan: BoundPlan,
  known: KnownRound,
  range: vscode.Range,
  kind: FeedbackKind,
  focus: FocusArea,
  body: string,
  review: Y.Doc,
): string | undefined {
  const anchor = new LineIndex(planText(plan.session.doc).toString()).anchorRange(range);
  if (!anchor) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('This plan is empty: write the lesson first, then give feedback on its lines.'),
    );
    return undefined;
  }
  return addThread(review, plan.session.doc, {
    ...anchor,
    focus,
    kind,
    body,
    author: me(known, deps.rounds),
    at: Date.now(),
  });
}

export function registerFeedbackCommands(deps: Deps): vscode.Disposable {
  const { rounds, reviews, threads, bindings } = deps;
  const register = vscode.commands.registerCommand;

  /** The buttons under a new comment: one per kind, so a teacher labels feedback in one click. */
  const createWith = (kind: FeedbackKind) => async (reply: vscode.CommentReply) => {
    const plan = bindings.get(reply.thread.uri);
    const body = reply.text.trim();
    if (!plan || !body) return;
    const known = await writableRound(deps, plan);
    if (!known) return;
    const range = reply.thread.range ?? new vscode.Range(0, 0, 0, 0);
    const id = storeThread(deps, plan, known, range, kind, DEFAULT_FOCUS, body, await reviews.doc(known));
    if (!id) return;
    threads.adopt(reply.thread, known, id);
    // Stored already with the default focus: choosing another is an improvement, never a gate.
    const focus = await pickFocus(DEFAULT_FOCUS);
    if (focus && focus !== DEFAULT_FOCUS) setThreadFocus(await reviews.doc(known), id, focus);
  };

  const reply = async (r: vscode.CommentReply): Promise<void> => {
    const found = threads.lookup(r.thread);
    const body = r.text.trim();
    if (!found || !body) return;
    replyToThread(await reviews.doc(found.known), found.threadId, {
      body,
      author: me(found.known, rounds),
      at: Date.now(),
    });
  };

  const resolve = (resolved: boolean) => async (thread: vscode.CommentThread) => {
    const found = threads.lookup(thread);
    if (!found) return;
    setThreadResolved(await reviews.doc(found.known), found.threadId, resolved, me(found.known, rounds));
  };

  const changeFocus = async (thread: vscode.CommentThread): Promise<void> => {
    const found = threads.lookup(thread);
    if (!found) return;
    const focus = await pickFocus();
    if (focus) setThreadFocus(await reviews.doc(found.known), found.threadId, focus);
  };

  /** From the palette or a keybinding: feedback on the selection, or on the cursor's line. */
  const addFeedback = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const plan = editor && bindings.get(editor.document.uri);
    if (!editor || !plan) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open the lesson plan and put the cursor on the line your feedback is about.'),
      );
      return;
    }
    const known = await writableRound(deps, plan);
    if (!known) return;
    const kind = await pickKind();
    if (!kind) return;
    const focus = await pickFocus(DEFAULT_FOCUS);
    if (!focus) return;
    const body = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0} · {1}', kindLabel(kind), focusLabel(focus)),
      prompt: kindHint(kind),
      ignoreFocusOut: true,
      validateInput: (v) =>
        v.trim() ? undefined : vscode.l10n.t('Write the feedback, or press Escape to cancel.'),
    });
    if (!body?.trim()) return;
    const selection = editor.selection;
    const id = storeThread(deps, plan, known, selection, kind, focus, body.trim(), await reviews.doc(known));
    if (id) threads.ensureController();
  };

  const editMode = (comment: ShownComment, mode: vscode.CommentMode): void => {
    const thread = comment.thread;
    thread.comments = thread.comments.map((c) => {
      if (c instanceof ShownComment && c.source.id === comment.source.id) c.mode = mode;
      return c;
    });
  };

  const saveEdit = async (comment: ShownComment): Promise<void> => {
    const found = threads.lookup(comment.thread);
    const body = typeof comment.body === 'string' ? comment.body : comment.body.value;
    if (!found || !body.trim()) return;
    editComment(await reviews.doc(found.known), found.threadId, comment.source.id, body.trim(), Date.now());
    editMode(comment, vscode.CommentMode.Preview);
  };

  const cancelEdit = (comment: ShownComment): void => {
    comment.body = new vscode.MarkdownString(comment.source.body);
    editMode(comment, vscode.CommentMode.Preview);
  };

  const remove = async (comment: ShownComment): Promise<void> => {
    const found = threads.lookup(comment.thread);
    if (!found) return;
    const first = comment.thread.comments[0] === comment;
    const yes = vscode.l10n.t('Delete');
    const answer = await vscode.window.showWarningMessage(
      first
        ? vscode.l10n.t('Delete this feedback and all replies to it?')
        : vscode.l10n.t('Delete this reply?'),
      { modal: true },
      yes,
    );
    if (answer !== yes) return;
    deleteComment(await reviews.doc(found.known), found.threadId, comment.source.id);
  };

  return vscode.Disposable.from(
    register('clusterLessons.feedback.evidence', createWith('evidence')),
    register('clusterLessons.feedback.strength', createWith('strength')),
    register('clusterLessons.feedback.suggestion', createWith('suggestion')),
    register('clusterLessons.feedback.question', createWith('question')),
    register('clusterLessons.feedback.reply', reply),
    register('clusterLessons.feedback.resolve', resolve(true)),
    register('clusterLessons.feedback.reopen', resolve(false)),
    register('clusterLessons.feedback.changeFocus', changeFocus),
    register('clusterLessons.feedback.edit', (c: ShownComment) => editMode(c, vscode.CommentMode.Editing)),
    register('clusterLessons.feedback.saveEdit', saveEdit),
    register('clusterLessons.feedback.cancelEdit', cancelEdit),
    register('clusterLessons.feedback.delete', remove),
    register('clusterLessons.addFeedback', addFeedback),
  );
}
