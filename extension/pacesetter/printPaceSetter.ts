import * as vscode from 'vscode';
import {
  escapeHtml,
  PACESETTER_PRINT_CSS,
  paceSetterTablesHtml,
  paceSetterTitle,
  renderPaceSetterHtml,
} from '../../core/pacesetter/printHtml';
import type { PrintToExtension, PrintViewState } from '../../webview/print/protocol';
import { parsePaceSetterDocName } from './docNames';
import { LivePaceSetter, type PaceSetterDeps } from './livePaceSetter';
import { newNonce, paceSetterWebviewOptions } from './panelHtml';
import type { Answer } from './requests';
import { printLabels } from './strings';

// "Print Pace-Setter": the pace-setter on A4 landscape paper (core/pacesetter/printHtml), in a panel
// with Print and Save as HTML, like "Print Lesson Plan". It reuses the print webview's script, which
// keeps `data-plan-uri` as its view state: here that is `<docName>` or `<docName>#coverage`.

const VIEW_TYPE = 'clusterLessons.printPaceSetter';
const WITH_COVERAGE = '#coverage';

function options(live: LivePaceSetter, withCoverage: boolean) {
  return {
    labels: printLabels(),
    ...(withCoverage ? { schools: live.schools, coverage: live.coverageViews() } : {}),
  };
}

function pageHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  live: LivePaceSetter,
  withCoverage: boolean,
) {
  const n = newNonce();
  const script = webview.asWebviewUri(
    vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'print', 'main.js'),
  );
  const view = live.view();
  const title = escapeHtml(paceSetterTitle(view, printLabels().title));
  const state = live.docName + (withCoverage ? WITH_COVERAGE : '');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}; style-src ${webview.cspSource} 'nonce-${n}'; script-src 'nonce-${n}';">
<meta property="csp-nonce" content="${n}">
<title>${title}</title>
<style nonce="${n}">${PACESETTER_PRINT_CSS}
body { background: #fff; color: #000; }
.cl-toolbar { position: sticky; top: 0; display: flex; gap: 8px; align-items: center; padding: 8px 0; background: #fff; border-bottom: 1px solid #ccc; margin-bottom: 12px; }
@media print { .cl-no-print { display: none; } }
@media screen { main { min-width: 260mm; } } /* the preview is as wide as the A4 landscape page */
</style></head>
<body data-plan-uri="${escapeHtml(state)}">
<div class="cl-toolbar cl-no-print">
  <vscode-button id="print">${escapeHtml(vscode.l10n.t('Print…'))}</vscode-button>
  <vscode-button id="save" appearance="secondary">${escapeHtml(vscode.l10n.t('Save as HTML…'))}</vscode-button>
  <span id="status" role="status"></span>
</div>
<main><h1>${title}</h1>
${paceSetterTablesHtml(view, options(live, withCoverage))}</main>
<script nonce="${n}" src="${script}"></script>
</body></html>`;
}

function show(
  panel: vscode.WebviewPanel,
  deps: PaceSetterDeps,
  live: LivePaceSetter,
  withCoverage: boolean,
): void {
  const { extensionUri } = deps.context;
  panel.webview.options = paceSetterWebviewOptions(extensionUri);
  panel.webview.html = pageHtml(panel.webview, extensionUri, live, withCoverage);
  // What is printed is the pace-setter as it was when asked; Save as HTML writes the same.
  const html = renderPaceSetterHtml(live.view(), options(live, withCoverage));
  panel.webview.onDidReceiveMessage(async (message: PrintToExtension) => {
    if (message.type !== 'saveHtml') return;
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme !== 'cluster')?.uri;
    const target = await vscode.window.showSaveDialog({
      filters: { HTML: ['html'] },
      saveLabel: vscode.l10n.t('Save'),
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${live.pacesetterId}.html`) } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
    void panel.webview.postMessage({ type: 'saved', path: target.toString(true) });
  });
}

/** Opens the print panel for an open pace-setter. */
export async function printPaceSetter(
  deps: PaceSetterDeps,
  live: LivePaceSetter,
  withCoverage: boolean,
): Promise<Answer> {
  const panel = vscode.window.createWebviewPanel(
    VIEW_TYPE,
    vscode.l10n.t('Print: {0}', paceSetterTitle(live.view(), printLabels().title)),
    vscode.ViewColumn.Beside,
    paceSetterWebviewOptions(deps.context.extensionUri),
  );
  show(panel, deps, live, withCoverage);
  return { ok: true, message: vscode.l10n.t('The page to print is open beside the pace-setter.') };
}

/** Brings a print panel back after a reload, from the documents on this device. */
export function registerPrintPaceSetterSerializer(deps: PaceSetterDeps): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    async deserializeWebviewPanel(panel, state: PrintViewState | undefined) {
      const withCoverage = state?.planUri?.endsWith(WITH_COVERAGE) ?? false;
      const docName = state?.planUri?.replace(WITH_COVERAGE, '') ?? '';
      const parsed = parsePaceSetterDocName(docName);
      if (!parsed || !deps.workspace.member(parsed.clusterId)) {
        panel.dispose();
        return;
      }
      const live = await LivePaceSetter.open(deps, parsed.clusterId, parsed.pacesetterId);
      try {
        show(panel, deps, live, withCoverage);
      } finally {
        live.dispose();
      }
    },
  });
}
