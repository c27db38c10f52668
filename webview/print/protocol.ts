// Messages between the "Print Lesson Plan" webview and the extension. Imported by both sides.
export type PrintToExtension = { readonly type: 'ready' } | { readonly type: 'saveHtml' };

export type ExtensionToPrint = { readonly type: 'saved'; readonly path: string };

/** What the webview keeps across reloads (vscode.setState), for the panel serializer. */
export interface PrintViewState {
  readonly planUri: string;
}
