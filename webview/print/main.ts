import { registerToolkit } from '../ui/toolkit';
import type { ExtensionToPrint, PrintToExtension, PrintViewState } from './protocol';

declare function acquireVsCodeApi(): {
  postMessage(message: PrintToExtension): void;
  setState(state: PrintViewState): void;
};

registerToolkit();
const vscode = acquireVsCodeApi();
const planUri = document.body.dataset.planUri;
if (planUri) vscode.setState({ planUri });

document.getElementById('print')?.addEventListener('click', () => window.print());
document.getElementById('save')?.addEventListener('click', () => vscode.postMessage({ type: 'saveHtml' }));
window.addEventListener('message', (event: MessageEvent<ExtensionToPrint>) => {
  if (event.data.type === 'saved') {
    const status = document.getElementById('status');
    if (status) status.textContent = event.data.path;
  }
});
vscode.postMessage({ type: 'ready' });
