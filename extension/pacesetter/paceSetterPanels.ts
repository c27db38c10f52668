import * as vscode from 'vscode';
import type { PaceSetterViewState } from '../../webview/pacesetter/protocol';
import { paceSetterDocName, parsePaceSetterDocName } from './docNames';
import { LivePaceSetter, type PaceSetterDeps } from './livePaceSetter';
import { PACESETTER_VIEW_TYPE, PaceSetterPanel } from './paceSetterPanel';
import { paceSetterWebviewOptions } from './panelHtml';
import type { PanelActions } from './requests';

/** The open pace-setter panels: one per pace-setter, restored after a reload by their view state. */
export class PaceSetterPanels implements vscode.Disposable {
  private readonly panels = new Map<string, PaceSetterPanel>();
  private recent: PaceSetterPanel | undefined;

  constructor(
    private readonly deps: PaceSetterDeps,
    private readonly actions: PanelActions,
  ) {}

  /** Opens (or shows again) a pace-setter's panel. */
  async open(clusterId: string, pacesetterId: string): Promise<PaceSetterPanel> {
    const docName = paceSetterDocName(clusterId, pacesetterId);
    const existing = this.panels.get(docName);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const live = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Opening the pace-setter…') },
      () => LivePaceSetter.open(this.deps, clusterId, pacesetterId),
    );
    const panel = vscode.window.createWebviewPanel(
      PACESETTER_VIEW_TYPE,
      vscode.l10n.t('Pace-setter'),
      vscode.ViewColumn.Active,
      paceSetterWebviewOptions(this.deps.context.extensionUri),
    );
    return this.bind(panel, live);
  }

  /** The panel the person used last, for palette commands that act on "the" pace-setter. */
  active(): PaceSetterPanel | undefined {
    for (const p of this.panels.values()) if (p.panel.active) return p;
    return this.recent;
  }

  private bind(webviewPanel: vscode.WebviewPanel, live: LivePaceSetter): PaceSetterPanel {
    const panel = new PaceSetterPanel(webviewPanel, live, this.deps, this.actions);
    this.panels.set(panel.docName, panel);
    this.recent = panel;
    webviewPanel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.recent = panel;
    });
    panel.onDidDispose(() => {
      if (this.panels.get(panel.docName) === panel) this.panels.delete(panel.docName);
      if (this.recent === panel) this.recent = undefined;
    });
    return panel;
  }

  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PACESETTER_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state: PaceSetterViewState | undefined) => {
        const parsed = state?.docName ? parsePaceSetterDocName(state.docName) : undefined;
        if (!parsed || !this.deps.workspace.member(parsed.clusterId) || this.panels.has(state!.docName!)) {
          webviewPanel.dispose();
          return;
        }
        try {
          const live = await LivePaceSetter.open(this.deps, parsed.clusterId, parsed.pacesetterId);
          this.bind(webviewPanel, live);
        } catch (error) {
          this.deps.log.error(`Could not restore the pace-setter ${state?.docName}`, error);
          webviewPanel.dispose();
        }
      },
    });
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}
