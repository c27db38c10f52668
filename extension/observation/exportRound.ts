import * as vscode from 'vscode';
import { localIsoDate } from '../../core/pacesetter/isoDate';
import { type ResolvedAnchor, resolveAnchor } from '../../core/review/anchors';
import { readCycles, readDiscussion, readNextSteps, readThreads } from '../../core/review/reviewDoc';
import {
  ROUND_RECORD_CSS,
  type RecordLabels,
  type RoundRecordInput,
  roundRecordHtml,
} from '../../core/review/roundRecord';
import { roundSummary } from '../../core/review/roundSummary';
import { FEEDBACK_KINDS, FOCUS_AREAS } from '../../core/review/types';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import { printPageHtml, saveHtmlOnRequest } from '../print/printPlan';
import type { ClusterRounds, KnownRound } from './clusterRounds';
import { focusLabel, kindLabel } from './labels';
import type { ReviewDocs } from './reviewDocs';
import { planTitle } from './roundsView';

interface Deps {
  readonly workspace: ClusterWorkspace;
  readonly rounds: ClusterRounds;
  readonly reviews: ReviewDocs;
  readonly extensionUri: vscode.Uri;
}

/** The record's words in the teacher's language. */
function recordLabels(): RecordLabels {
  const t = vscode.l10n.t;
  return {
    title: t('Lesson observation record'),
    developmental: t('Developmental — not for appraisal'),
    plan: t('Lesson plan'),
    teacher: t('Teacher'),
    school: t('School'),
    className: t('Class'),
    date: t('Date'),
    observers: t('Observers'),
    focusQuestions: t('Focus questions'),
    feedback: t('Feedback'),
    focus: Object.fromEntries(FOCUS_AREAS.map((f) => [f, focusLabel(f)])) as RecordLabels['focus'],
    kind: Object.fromEntries(FEEDBACK_KINDS.map((k) => [k, kindLabel(k)])) as RecordLabels['kind'],
    resolved: t('resolved'),
    outdated: t('the plan text has changed since'),
    noFeedback: t('No feedback recorded.'),
    more: t('… and {0} more', '{0}'),
    moreReplies: t('+{0} more replies', '{0}'),
    discussion: t('Post-lesson discussion'),
    discussionPart: { teacher: t('Teacher reflects'), planners: t('Planners'), observers: t('Observers') },
    nothingWritten: '—',
    nextSteps: t('Next steps'),
    step: t('Step'),
    owner: t('Owner'),
    due: t('Due'),
    supporter: t('Supported by'),
    status: t('Status / outcome'),
    open: t('open'),
    done: t('done'),
    overdue: t('overdue'),
    noSteps: t('No next steps agreed.'),
    cycles: t('Lesson study cycles'),
    cycle: t('Cycle'),
    taughtOn: t('Taught on'),
    note: t('Note'),
    signatures: t('Signatures'),
    signTeacher: t('Teacher'),
    signObservers: t('Observers'),
    signDate: t('Date'),
    summaryHead: t('Obs {0} {1} {2}', '{0}', '{1}', '{2}'),
    summaryCount: {
      strength: [t('{0} strength', '{0}'), t('{0} strengths', '{0}')],
      suggestion: [t('{0} suggestion', '{0}'), t('{0} suggestions', '{0}')],
      question: [t('{0} question', '{0}'), t('{0} questions', '{0}')],
      evidence: [t('{0} evidence note', '{0}'), t('{0} evidence notes', '{0}')],
    },
    summaryNoFeedback: t('no feedback yet'),
    summaryNext: t('Next: {0} ({1}, {2})', '{0}', '{1}', '{2}'),
    summaryMoreSteps: t('+{0} more', '{0}'),
    summaryAllDone: t('All next steps done.'),
    summaryDevelopmental: t('Developmental.'),
    months: [
      t('Jan'),
      t('Feb'),
      t('Mar'),
      t('Apr'),
      t('May'),
      t('Jun'),
      t('Jul'),
      t('Aug'),
      t('Sep'),
      t('Oct'),
      t('Nov'),
      t('Dec'),
    ],
  };
}

/** Everything the record needs, read from the round's review document and the plan. */
async function recordInput(known: KnownRound, deps: Deps): Promise<RoundRecordInput> {
  const review = await deps.reviews.doc(known);
  const threads = readThreads(review);
  const resolved = new Map<string, ResolvedAnchor>();
  const planId = known.round.plan?.split('/').pop();
  if (planId) {
    try {
      const plan = await deps.workspace.openPlan(known.clusterId, planId);
      for (const thread of threads) resolved.set(thread.id, resolveAnchor(plan.doc, thread.anchor));
    } catch {
      // The plan is not on this device and the server is out of reach: the record still prints.
    }
  }
  const ids = [known.round.teacher, ...known.round.observers, ...known.round.sharedWith];
  // The server keeps the school's id; people read its name.
  const school =
    deps.rounds.members(known.clusterId).find((m) => m.schoolId === known.round.school)?.school ??
    known.round.school;
  return {
    round: { ...known.round, school },
    names: new Map(ids.map((id) => [id, deps.rounds.nameOf(known.clusterId, id)])),
    planTitle: planTitle(deps.workspace, known),
    threads,
    resolved,
    discussion: readDiscussion(review),
    steps: readNextSteps(review),
    cycles: readCycles(review),
    labels: recordLabels(),
    today: localIsoDate(new Date()),
  };
}

/** "Print Observation Record": one A4 page to print, sign and file, or to save as HTML. */
export async function exportRoundRecord(known: KnownRound, deps: Deps): Promise<void> {
  const input = await recordInput(known, deps);
  const standalone = roundRecordHtml(input);
  const body = /<body>([\s\S]*)<\/body>/.exec(standalone)?.[1] ?? '';
  const panel = vscode.window.createWebviewPanel(
    'clusterLessons.printRound',
    vscode.l10n.t('Observation record: {0}', input.planTitle),
    vscode.ViewColumn.Beside,
    { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview')] },
  );
  panel.webview.html = printPageHtml(panel.webview, deps.extensionUri, { css: ROUND_RECORD_CSS, body });
  const name = `observation-${known.round.date}-${known.round.id}`;
  panel.onDidDispose(saveHtmlOnRequest(panel, name, () => standalone).dispose);
}

/** "Copy Observation Summary": one line of at most 160 characters for SMS or WhatsApp. */
export async function copyRoundSummary(known: KnownRound, deps: Deps): Promise<void> {
  const summary = roundSummary(await recordInput(known, deps));
  await vscode.env.clipboard.writeText(summary);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied for SMS or WhatsApp ({0} characters): {1}', [...summary].length, summary),
  );
}
