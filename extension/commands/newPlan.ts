import * as vscode from 'vscode';
import { newPlanId, type PlanSummary } from '../../core/plan/catalog';
import { readFrontMatter } from '../../core/plan/frontMatter';
import { planText } from '../../core/plan/planDoc';
import {
  BUILT_IN_TEMPLATES,
  clusterTemplate,
  type PlanTemplate,
  renderTemplate,
} from '../../core/plan/templates';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import { planUri } from '../fs/planUri';
import { pickCluster } from './leaveCluster';

/** "New Lesson Plan…": template → title → subject → grade → term and week, then the plan opens. */
export function registerNewPlan(workspace: ClusterWorkspace): vscode.Disposable {
  return vscode.commands.registerCommand('clusterLessons.newPlan', async () => {
    const cluster = await pickCluster(workspace.accounts, vscode.l10n.t('In which cluster?'));
    if (!cluster) return;
    const title = vscode.l10n.t('New Lesson Plan');
    const own = ownTemplates(workspace, cluster.clusterId);
    const template = await vscode.window.showQuickPick(
      [
        ...BUILT_IN_TEMPLATES.map((t) => ({ label: t.label, detail: t.description, load: async () => t })),
        ...own.map((p) => ({
          label: p.title,
          detail: vscode.l10n.t('Template of your cluster'),
          load: () => loadClusterTemplate(workspace, cluster.clusterId, p),
        })),
      ],
      { title, placeHolder: vscode.l10n.t('Choose a template') },
    );
    if (!template) return;
    const planTitle = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Title of the lesson'),
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type a title')),
    });
    if (!planTitle) return;
    const catalog = workspace.catalog(cluster.clusterId);
    const knownSubjects = [...catalog.root().children.keys()].filter(
      (s) => s !== 'Trash' && s !== 'No subject',
    );
    const subject = await pickOrType(knownSubjects, vscode.l10n.t('Subject'), title);
    if (subject === undefined) return;
    const grade = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Grade or class (optional)'),
    });
    if (grade === undefined) return;
    const termWeek = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Term and week, for example 2 3 (optional)'),
      validateInput: (v) =>
        v.trim() === '' || /^\d{1,2}\s+\d{1,2}$/.test(v.trim())
          ? undefined
          : vscode.l10n.t('Two numbers: term and week'),
    });
    if (termWeek === undefined) return;
    const [term, week] = termWeek.trim() ? termWeek.trim().split(/\s+/).map(Number) : [];
    const markdown = renderTemplate(await template.load(), {
      title: planTitle.trim(),
      ...(subject ? { subject } : {}),
      ...(grade.trim() ? { grade: grade.trim() } : {}),
      ...(term !== undefined && week !== undefined ? { term, week } : {}),
      school: cluster.member.school,
      teacher: cluster.member.name,
    });
    const id = newPlanId(planTitle, Math.random);
    await workspace.createPlan(cluster.clusterId, id, markdown);
    const uri = planUri(workspace.catalog(cluster.clusterId), cluster.clusterId, id);
    if (uri) await vscode.window.showTextDocument(uri);
  });
}

function ownTemplates(workspace: ClusterWorkspace, clusterId: string): PlanSummary[] {
  const dir = workspace.catalog(clusterId).root().children.get('Templates');
  if (!dir || dir.kind !== 'dir') return [];
  return [...dir.children.values()].flatMap((n) => (n.kind === 'plan' ? [n.plan] : []));
}

async function loadClusterTemplate(
  workspace: ClusterWorkspace,
  clusterId: string,
  plan: PlanSummary,
): Promise<PlanTemplate> {
  const session = await workspace.openPlan(clusterId, plan.id);
  const markdown = planText(session.doc).toString();
  return clusterTemplate(plan.id, plan.title, markdown, readFrontMatter(markdown).bodyStart);
}

async function pickOrType(options: string[], prompt: string, title: string): Promise<string | undefined> {
  if (options.length === 0) return (await vscode.window.showInputBox({ title, prompt }))?.trim();
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick();
    pick.title = title;
    pick.placeholder = prompt;
    pick.items = options.map((label) => ({ label }));
    let done = false;
    pick.onDidAccept(() => {
      done = true;
      resolve((pick.selectedItems[0]?.label ?? pick.value).trim());
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
