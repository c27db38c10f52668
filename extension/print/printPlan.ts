import * as vscode from 'vscode';
import { PRINT_CSS, type PlanLabels, renderPlanHtml } from '../../core/plan/planMarkdown';
import type { PrintToExtension, PrintViewState } from '../../webview/print/protocol';

const VIEW_TYPE = 'clusterLessons.print';

export function planLabels(): PlanLabels {
  return {
    subject: vscode.l10n.t('Subject'),
    grade: vscode.l10n.t('Grade'),
    termWeek: vscode.l10n.t('Term / week'),
    school: vscode.l10n.t('School'),
    teacher: vscode.l10n.t('Teacher'),
    date: vscode.l10n.t('Date'),
    duration: vscode.l10n.t('Duration'),
  };
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A standalone A4 page: what "Save as HTML" writes, to open in any browser and print or save as PDF. */
export function standaloneHtml(markdown: string, title: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${PRINT_CSS}</style></head><body>${renderPlanHtml(markdown, planLabels())}</body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The printable page inside a webview: the page itself, with Print and Save as HTML above it. */
export function printPageHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: { readonly css: string; readonly body: string; readonly planUri?: string },
): string {
  const n = nonce();
  const script = webview.asWebviewUri(
    vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'print', 'main.js'),
  );
  const planAttr = page.planUri === undefined ? '' : ` data-plan-uri="${escapeHtml(page.planUri)}"`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'nonce-${n}'; script-src 'nonce-${n}';">
<meta property="csp-nonce" content="${n}">
<style nonce="${n}">${page.css}
.cl-toolbar { position: sticky; top: 0; display: flex; gap: 8px; align-items: center; padding: 8px 0; background: #fff; border-bottom: 1px solid #ccc; margin-bottom: 12px; }
@media print { .cl-no-print { display: none !important; } }
</style></head>
<body${planAttr}>
<div class="cl-toolbar cl-no-print">
  <vscode-button id="print">${escapeHtml(vscode.l10n.t('Print…'))}</vscode-button>
  <vscode-button id="save" appearance="secondary">${escapeHtml(vscode.l10n.t('Save as HTML…'))}</vscode-button>
  <span id="status" role="status"></span>
</div>
<main>${page.body}</main>
<script nonce="${n}" src="${script}"></script>
</body></html>`;
}

/** Answers the page's "Save as HTML…" by writing `standalone` where the person chooses. */
export function saveHtmlOnRequest(
  panel: vscode.WebviewPanel,
  name: string,
  standalone: () => string,
): vscode.Disposable {
  return panel.webview.onDidReceiveMessage(async (message: PrintToExtension) => {
    if (message.type !== 'saveHtml') return;
    const target = await vscode.window.showSaveDialog({
      filters: { HTML: ['html'] },
      saveLabel: vscode.l10n.t('Save'),
      ...(vscode.workspace.workspaceFolders?.[0]?.uri.scheme === 'file'
        ? { defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, `${name}.html`) }
        : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(standalone()));
    void panel.webview.postMessage({ type: 'saved', path: target.toString(true) });
  });
}

async function show(
  panel: vscode.WebviewPanel,
  extensionUri: vscode.Uri,
  planUri: vscode.Uri,
): Promise<void> {
  const document = await vscode.workspace.openTextDocument(planUri);
  const markdown = document.getText();
  panel.webview.options = {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
  panel.webview.html = printPageHtml(panel.webview, extensionUri, {
    css: PRINT_CSS,
    body: renderPlanHtml(markdown, planLabels()),
    planUri: planUri.toString(),
  });
  const name = planUri.path.split('/').pop()?.replace(/\.md$/i, '') ?? 'lesson-plan';
  saveHtmlOnRequest(panel, name, () => standaloneHtml(markdown, name));
}

/** "Print Lesson Plan": a clean A4 page of the plan, with Print and Save as HTML. */
export function registerPrintPlan(extensionUri: vscode.Uri): vscode.Disposable {
  const command = vscode.commands.registerCommand('clusterLessons.printPlan', async (uri?: vscode.Uri) => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || !/\.md$/i.test(target.path)) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open a lesson plan first, then run "Print Lesson Plan".'),
      );
      return;
    }
    const title = vscode.l10n.t('Print: {0}', target.path.split('/').pop() ?? '');
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, vscode.ViewColumn.Beside, {
      enableScripts: true,
    });
    await show(panel, extensionUri, target);
  });
  const serializer = vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    async deserializeWebviewPanel(panel, state: PrintViewState | undefined) {
      if (state?.planUri) await show(panel, extensionUri, vscode.Uri.parse(state.planUri));
    },
  });
  return vscode.Disposable.from(command, serializer);
}
