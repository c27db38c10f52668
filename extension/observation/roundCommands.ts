import * as vscode from 'vscode';
import { isIsoDate, localIsoDate } from '../../core/pacesetter/isoDate';
import { planText } from '../../core/plan/planDoc';
import { readCycles, recordCycle } from '../../core/review/reviewDoc';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import { explainServerError } from '../clusters/clusterWorkspace';
import type { RoundRequest, ServerApi } from '../clusters/serverApi';
import type { PlanBindings } from '../editor/planBindings';
import { planUri } from '../fs/planUri';
import type { ClusterRounds, KnownRound } from './clusterRounds';
import { exportRoundRecord, copyRoundSummary } from './exportRound';
import { askAndAddNextStep } from './nextStepsView';
import type { ReviewDocs } from './reviewDocs';
import { type CycleNode, planTitle, type RoundNode } from './roundsView';
import { compareCycles } from './snapshots';

interface Deps {
  readonly workspace: ClusterWorkspace;
  readonly bindings: PlanBindings;
  readonly rounds: ClusterRounds;
  readonly reviews: ReviewDocs;
  readonly extensionUri: vscode.Uri;
}

/** The round a command is about: the tree item it was run on, or one the person picks. */
async function chooseRound(
  deps: Deps,
  node: RoundNode | undefined,
  fits: (k: KnownRound) => boolean,
  none: string,
): Promise<KnownRound | undefined> {
  if (node?.kind === 'round') return node.known;
  const editor = vscode.window.activeTextEditor;
  const plan = editor && deps.bindings.get(editor.document.uri);
  const candidates = deps.rounds.all().filter(fits);
  // On a plan, its own rounds come first.
  candidates.sort((a, b) => Number(b.round.plan === plan?.docName) - Number(a.round.plan === plan?.docName));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((known) => ({
      label: vscode.l10n.t('{0} — {1}', planTitle(deps.workspace, known), known.round.date),
      description: deps.rounds.nameOf(known.clusterId, known.round.teacher),
      known,
    })),
    { title: vscode.l10n.t('Which observation round?') },
  );
  return picked?.known;
}

/** Date, class and focus questions: what a teacher says when inviting colleagues into a lesson. */
async function askRoundDetails(): Promise<
  Pick<RoundRequest, 'date' | 'className' | 'focusQuestions'> | undefined
> {
  const today = localIsoDate(new Date());
  const date = await vscode.window.showInputBox({
    title: vscode.l10n.t('When is the lesson? (YYYY-MM-DD)'),
    value: today,
    ignoreFocusOut: true,
    validateInput: (v) => (isIsoDate(v.trim()) ? undefined : vscode.l10n.t('Write a date like {0}.', today)),
  });
  if (!date) return undefined;
  const className = await vscode.window.showInputBox({
    title: vscode.l10n.t('Which class? (optional, e.g. "Grade 8B")'),
    ignoreFocusOut: true,
  });
  if (className === undefined) return undefined;
  const questions = await vscode.window.showInputBox({
    title: vscode.l10n.t('What should the observers look at? (optional)'),
    prompt: vscode.l10n.t(
      'Your focus questions, separated by ";" — e.g. "Do all learners talk? ; Is the practical safe?"',
    ),
    ignoreFocusOut: true,
  });
  if (questions === undefined) return undefined;
  return {
    date: date.trim(),
    className: className.trim(),
    focusQuestions: questions
      .split(';')
      .map((q) => q.trim())
      .filter(Boolean),
  };
}

async function pickMembers(
  deps: Deps,
  clusterId: string,
  title: string,
  keep: (m: { id: string; role: string }) => boolean,
  canPickMany = true,
): Promise<string[] | undefined> {
  const me = deps.workspace.member(clusterId)?.id;
  const items = deps.rounds
    .members(clusterId)
    .filter((m) => m.id !== me && keep(m))
    .map((m) => ({ label: m.name, description: m.school, id: m.id }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Nobody to choose yet: the list of colleagues comes from the server. Check the connection and try again.',
      ),
    );
    return undefined;
  }
  if (!canPickMany) {
    const one = await vscode.window.showQuickPick(items, { title });
    return one ? [one.id] : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true });
  return picked?.map((p) => p.id);
}

export function registerRoundCommands(deps: Deps): vscode.Disposable {
  const { workspace, bindings, rounds, reviews } = deps;
  const register = vscode.commands.registerCommand;

  /** Runs a server call, and says what went wrong in words a teacher can act on. */
  const serverCall = async <T>(
    clusterId: string,
    call: (api: ServerApi) => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      return await call(await workspace.api(clusterId));
    } catch (error) {
      void vscode.window.showErrorMessage(explainServerError(error));
      return undefined;
    }
  };

  const activePlan = () => {
    const editor = vscode.window.activeTextEditor;
    const plan = editor && bindings.get(editor.document.uri);
    if (!plan) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open the lesson plan of the lesson first (from the cluster folder in the explorer).'),
      );
    }
    return plan;
  };

  const openRound = async (): Promise<void> => {
    const plan = activePlan();
    if (!plan) return;
    const clusterId = plan.document.uri.authority;
    await rounds.refresh();
    const observers = await pickMembers(
      deps,
      clusterId,
      vscode.l10n.t('Whom do you invite to observe this lesson?'),
      () => true,
    );
    if (!observers?.length) return;
    const details = await askRoundDetails();
    if (!details) return;
    const study = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('One observed lesson'), lessonStudy: false },
        {
          label: vscode.l10n.t('Lesson study'),
          detail: vscode.l10n.t('Plan, teach, discuss, revise, and re-teach at another school'),
          lessonStudy: true,
        },
      ],
      { title: vscode.l10n.t('What kind of round?') },
    );
    if (!study) return;
    const planId = plan.docName.split('/').pop() ?? '';
    const answer = await serverCall(clusterId, (api) =>
      api.createRound({ plan: planId, observers, ...details, lessonStudy: study.lessonStudy }),
    );
    if (!answer) return;
    await rounds.remember(clusterId, answer.round);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Observation round opened. {0} can now give feedback on this plan. It is developmental, not for appraisal, and only you and them can read it.',
        observers.map((id) => rounds.nameOf(clusterId, id)).join(', '),
      ),
    );
  };

  const proposeRound = async (): Promise<void> => {
    const plan = activePlan();
    if (!plan) return;
    const clusterId = plan.document.uri.authority;
    const role = workspace.member(clusterId)?.role;
    if (role !== 'leader' && role !== 'advisor') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Only the cluster leader or an advisor proposes rounds. A teacher opens a round on their own lesson.',
        ),
      );
      return;
    }
    await rounds.refresh();
    const teacher = await pickMembers(
      deps,
      clusterId,
      vscode.l10n.t('Whose lesson do you propose to observe?'),
      (m) => m.role === 'teacher',
      false,
    );
    if (!teacher?.[0]) return;
    const observers = await pickMembers(
      deps,
      clusterId,
      vscode.l10n.t('Who would observe?'),
      (m) => m.id !== teacher[0],
    );
    if (!observers) return;
    const details = await askRoundDetails();
    if (!details) return;
    const planId = plan.docName.split('/').pop() ?? '';
    const answer = await serverCall(clusterId, (api) =>
      api.createRound({ plan: planId, observers, ...details, teacher: teacher[0] }),
    );
    if (!answer) return;
    await rounds.remember(clusterId, answer.round);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Proposed. {0} decides whether the lesson is observed.',
        rounds.nameOf(clusterId, teacher[0]),
      ),
    );
  };

  const answerProposal = (accept: boolean) => async (node?: RoundNode) => {
    const known = await chooseRound(
      deps,
      node,
      (k) => k.round.status === 'proposed' && k.round.teacher === k.me,
      vscode.l10n.t('Nobody has proposed to observe one of your lessons.'),
    );
    if (!known) return;
    let reason: string | undefined;
    if (!accept) {
      reason = await vscode.window.showInputBox({
        title: vscode.l10n.t('Decline the observation (a reason is optional)'),
        ignoreFocusOut: true,
      });
      if (reason === undefined) return;
    }
    const answer = await serverCall(known.clusterId, (api) =>
      accept
        ? api.acceptRound(known.round.id)
        : api.declineRound(known.round.id, reason?.trim() || undefined),
    );
    if (answer) await rounds.remember(known.clusterId, answer.round);
  };

  const shareRound = async (node?: RoundNode): Promise<void> => {
    const known = await chooseRound(
      deps,
      node,
      (k) => k.round.teacher === k.me && k.round.status !== 'proposed' && k.round.status !== 'declined',
      vscode.l10n.t('You have no observation round of your own to share.'),
    );
    if (!known) return;
    const members = await pickMembers(
      deps,
      known.clusterId,
      vscode.l10n.t('Share this round with (they can read it, not change it):'),
      (m) => (m.role === 'leader' || m.role === 'advisor') && !known.round.sharedWith.includes(m.id),
    );
    if (!members?.length) return;
    const answer = await serverCall(known.clusterId, (api) => api.shareRound(known.round.id, members));
    if (answer) await rounds.remember(known.clusterId, answer.round);
  };

  const setStatus = (status: 'open' | 'completed') => async (node?: RoundNode) => {
    const known = await chooseRound(
      deps,
      node,
      (k) => k.round.teacher === k.me && k.round.status === (status === 'completed' ? 'open' : 'completed'),
      vscode.l10n.t('There is no round of yours to change.'),
    );
    if (!known) return;
    const answer = await serverCall(known.clusterId, (api) => api.patchRound(known.round.id, { status }));
    if (answer) await rounds.remember(known.clusterId, answer.round);
  };

  const writable = (k: KnownRound): boolean => k.mayWrite;

  const addStep = async (node?: RoundNode): Promise<void> => {
    const known = await chooseRound(
      deps,
      node,
      writable,
      vscode.l10n.t('Next steps are agreed in an observation round you are part of.'),
    );
    if (known && (await askAndAddNextStep(known, rounds, reviews)))
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Next step added. It shows in the Next Steps view until it is closed with its outcome.',
        ),
      );
  };

  const recordTeaching = async (node?: RoundNode): Promise<void> => {
    const known = await chooseRound(
      deps,
      node,
      (k) => k.mayWrite && k.round.lessonStudy,
      vscode.l10n.t('This needs a lesson-study round you are part of.'),
    );
    if (!known?.round.plan) return;
    const planId = known.round.plan.split('/').pop() ?? '';
    const session = await workspace.openPlan(known.clusterId, planId);
    const today = localIsoDate(new Date());
    const taughtOn = await vscode.window.showInputBox({
      title: vscode.l10n.t('When was it taught? (YYYY-MM-DD)'),
      value: today,
      ignoreFocusOut: true,
      validateInput: (v) =>
        isIsoDate(v.trim()) ? undefined : vscode.l10n.t('Write a date like {0}.', today),
    });
    if (!taughtOn) return;
    const school = await vscode.window.showInputBox({
      title: vscode.l10n.t('At which school?'),
      value: workspace.member(known.clusterId)?.school ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Write the school.')),
    });
    if (!school) return;
    const note = await vscode.window.showInputBox({
      title: vscode.l10n.t('A note on this teaching (optional)'),
      ignoreFocusOut: true,
    });
    if (note === undefined) return;
    const cycles = readCycles(await reviews.doc(known));
    recordCycle(await reviews.doc(known), {
      taughtOn: taughtOn.trim(),
      school: school.trim(),
      teacher: { id: known.me, name: rounds.nameOf(known.clusterId, known.me) },
      planSnapshot: planText(session.doc).toString(),
      note: note.trim(),
      at: Date.now(),
    });
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Cycle {0} recorded with the plan as it is now. Revise the plan, then record the next teaching to compare them.',
        cycles.length + 1,
      ),
    );
  };

  const compare = async (node?: CycleNode | RoundNode): Promise<void> => {
    if (node?.kind === 'cycle') {
      if (node.previous) await compareCycles(node.known, node.previous, node.cycle);
      return;
    }
    const known = await chooseRound(
      deps,
      node,
      (k) => k.round.lessonStudy,
      vscode.l10n.t('There is no lesson-study round to compare.'),
    );
    if (!known) return;
    const cycles = readCycles(await reviews.doc(known));
    if (cycles.length < 2) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Record at least two teachings of the lesson to compare them.'),
      );
      return;
    }
    const items = cycles.map((cycle) => ({
      label: vscode.l10n.t('Cycle {0}: {1} at {2}', cycle.n, cycle.taughtOn, cycle.school),
      cycle,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Pick two cycles to compare'),
      canPickMany: true,
    });
    const [a, b] =
      picked && picked.length === 2 ? [picked[0]?.cycle, picked[1]?.cycle] : [cycles.at(-2), cycles.at(-1)];
    if (a && b) await compareCycles(known, a, b);
  };

  const openPlan = async (node?: RoundNode): Promise<void> => {
    const known = await chooseRound(
      deps,
      node,
      (k) => k.round.plan !== null,
      vscode.l10n.t('No observation round to open.'),
    );
    const planId = known?.round.plan?.split('/').pop();
    if (!known || !planId) return;
    await workspace.catalog(known.clusterId).ready();
    const uri = planUri(workspace.catalog(known.clusterId), known.clusterId, planId);
    if (!uri) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The plan of this round is not in the cluster folder (was it deleted? Look in Trash).'),
      );
      return;
    }
    await vscode.window.showTextDocument(uri);
  };

  const readable = (k: KnownRound): boolean => rounds.readable().some((r) => r.round.id === k.round.id);
  const exportA4 = async (node?: RoundNode): Promise<void> => {
    const known = await chooseRound(deps, node, readable, vscode.l10n.t('No observation round to print.'));
    if (known) await exportRoundRecord(known, deps);
  };
  const copySummary = async (node?: RoundNode): Promise<void> => {
    const known = await chooseRound(
      deps,
      node,
      readable,
      vscode.l10n.t('No observation round to summarise.'),
    );
    if (known) await copyRoundSummary(known, deps);
  };

  return vscode.Disposable.from(
    register('clusterLessons.openRound', openRound),
    register('clusterLessons.proposeRound', proposeRound),
    register('clusterLessons.acceptRound', answerProposal(true)),
    register('clusterLessons.declineRound', answerProposal(false)),
    register('clusterLessons.shareRound', shareRound),
    register('clusterLessons.completeRound', setStatus('completed')),
    register('clusterLessons.reopenRound', setStatus('open')),
    register('clusterLessons.addNextStep', addStep),
    register('clusterLessons.recordTeaching', recordTeaching),
    register('clusterLessons.compareCycles', compare),
    register('clusterLessons.openRoundPlan', openPlan),
    register('clusterLessons.printRound', exportA4),
    register('clusterLessons.copyRoundSummary', copySummary),
    register('clusterLessons.refreshRounds', () => rounds.refresh()),
  );
}
