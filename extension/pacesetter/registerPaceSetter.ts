import * as vscode from 'vscode';
import { paceSetterId } from '../../core/pacesetter/model';
import type { JoinedCluster } from '../clusters/accounts';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import { pickCluster } from '../commands/leaveCluster';
import { registerThisWeekView } from '../views/thisWeekView';
import {
  askSubjectGradeYear,
  createPaceSetter,
  describe,
  listedPaceSetters,
  listInCluster,
  paceSetterMeta,
} from './clusterPaceSetters';
import { exportCsv, importCsvInto } from './csvFiles';
import { parsePaceSetterDocName } from './docNames';
import { LiveDocs } from './liveDocs';
import type { PaceSetterDeps } from './livePaceSetter';
import { newPlanForEntry } from './newPlanForEntry';
import { PaceSetterPanels } from './paceSetterPanels';
import { printPaceSetter, registerPrintPaceSetterSerializer } from './printPaceSetter';
import type { PanelActions } from './requests';

// The common pace-setter in VS Code: its panel (the webview editor and cluster grid), the
// commands around it, and the "This Week" view.

const canShape = (cluster: JoinedCluster): boolean =>
  cluster.member.role === 'leader' || cluster.member.role === 'advisor';

export function registerPaceSetter(
  context: vscode.ExtensionContext,
  workspace: ClusterWorkspace,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const docs = new LiveDocs(workspace, log);
  const deps: PaceSetterDeps = { context, workspace, docs, log };
  const actions: PanelActions = {
    exportCsv: (live) => exportCsv(live),
    print: (live, withCoverage) => printPaceSetter(deps, live, withCoverage),
    newPlanForEntry: (live, entryId) => newPlanForEntry(workspace, live.clusterId, live.view(), entryId),
  };
  const panels = new PaceSetterPanels(deps, actions);

  const open = async (clusterId: string, id: string) => {
    try {
      return await panels.open(clusterId, id);
    } catch (error) {
      log.error(`Could not open the pace-setter ${id}`, error);
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'The pace-setter could not be opened: {0}',
          error instanceof Error ? error.message : String(error),
        ),
      );
      return undefined;
    }
  };

  /** The pace-setter a palette command acts on: the panel in use, or one the person picks and opens. */
  const current = async () => panels.active() ?? (await pickAndOpen());

  async function pickAndOpen() {
    const cluster = await pickCluster(workspace.accounts, vscode.l10n.t('In which cluster?'));
    if (!cluster) return undefined;
    const id = await pickPaceSetter(deps, cluster);
    return id ? open(cluster.clusterId, id) : undefined;
  }

  return vscode.Disposable.from(
    docs,
    panels,
    panels.registerSerializer(),
    registerPrintPaceSetterSerializer(deps),
    vscode.commands.registerCommand('clusterLessons.openPaceSetter', async (docName?: unknown) => {
      const parsed = typeof docName === 'string' ? parsePaceSetterDocName(docName) : undefined;
      if (parsed) await open(parsed.clusterId, parsed.pacesetterId);
      else await pickAndOpen();
    }),
    vscode.commands.registerCommand('clusterLessons.newPaceSetter', async () => {
      const cluster = await pickCluster(workspace.accounts, vscode.l10n.t('In which cluster?'));
      if (!cluster) return;
      if (!canShape(cluster)) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'The cluster leader or a subject advisor makes the pace-setter; you record what your school taught in it.',
          ),
        );
        return;
      }
      const id = await createPaceSetter(deps, cluster);
      if (id) await open(cluster.clusterId, id);
    }),
    vscode.commands.registerCommand('clusterLessons.importPaceSetterCsv', async (uri?: vscode.Uri) => {
      const panel = await current();
      if (panel) await importCsvInto(panel, uri instanceof vscode.Uri ? uri : undefined);
    }),
    vscode.commands.registerCommand('clusterLessons.exportPaceSetterCsv', async () => {
      const panel = await current();
      if (!panel) return;
      const answer = await panel.run({ type: 'exportCsv' });
      if (answer.ok && answer.message) void vscode.window.showInformationMessage(answer.message);
    }),
    vscode.commands.registerCommand('clusterLessons.printPaceSetter', async () => {
      const panel = await current();
      if (panel) await panel.run({ type: 'print', withCoverage: false });
    }),
    vscode.commands.registerCommand(
      'clusterLessons.newPlanForEntry',
      async (docName?: unknown, entryId?: unknown) => {
        const parsed = typeof docName === 'string' ? parsePaceSetterDocName(docName) : undefined;
        if (!parsed || typeof entryId !== 'string') return;
        const panel = await open(parsed.clusterId, parsed.pacesetterId);
        if (!panel) return;
        const answer = await panel.run({ type: 'newPlanForEntry', entryId });
        if (!answer.ok) void vscode.window.showErrorMessage(answer.error);
      },
    ),
    registerThisWeekView(deps),
  );
}

type Choice = { label: string; description?: string; run: () => Promise<string | undefined> };

/** The quick pick of a cluster's pace-setters, with making one (leader, advisor) and finding an unlisted one. */
async function pickPaceSetter(deps: PaceSetterDeps, cluster: JoinedCluster): Promise<string | undefined> {
  const listed = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Window,
      title: vscode.l10n.t('Pace-setters of {0}', cluster.clusterName),
    },
    () => listedPaceSetters(deps, cluster.clusterId),
  );
  const choices: Choice[] = [
    ...listed.map((p) => ({ label: describe(p), description: p.id, run: async () => p.id })),
    ...(canShape(cluster)
      ? [{ label: `$(add) ${vscode.l10n.t('New Pace-Setter…')}`, run: () => createPaceSetter(deps, cluster) }]
      : []),
    {
      label: `$(search) ${vscode.l10n.t('Open by subject, grade and year…')}`,
      run: () => findUnlisted(deps, cluster),
    },
  ];
  const picked = await vscode.window.showQuickPick(choices, {
    title: vscode.l10n.t('Open Pace-Setter'),
    placeHolder:
      listed.length > 0
        ? vscode.l10n.t('Choose a pace-setter of {0}', cluster.clusterName)
        : vscode.l10n.t('{0} has no pace-setter listed yet', cluster.clusterName),
  });
  return picked?.run();
}

async function findUnlisted(deps: PaceSetterDeps, cluster: JoinedCluster): Promise<string | undefined> {
  const wanted = await askSubjectGradeYear(vscode.l10n.t('Open Pace-Setter'));
  if (!wanted) return undefined;
  const id = paceSetterId(wanted);
  const meta = await paceSetterMeta(deps, cluster.clusterId, id);
  if (!meta.subject) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'There is no pace-setter for {0} Grade {1} {2} yet.',
        wanted.subject,
        wanted.grade,
        wanted.year,
      ),
    );
    return undefined;
  }
  await listInCluster(deps, cluster, id, meta);
  return id;
}
