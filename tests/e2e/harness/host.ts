// The two real VS Codes the suite runs the extension in. Tests are written once against this
// interface and run in both: code-server (the Node extension host, the desktop code path) and
// VS Code for the Web via @vscode/test-web (the web worker extension host).
export type HostKind = 'node' | 'web';

export interface WorkspaceOptions {
  /** Workspace settings written to `.vscode/settings.json` of the opened folder. */
  readonly settings?: Record<string, unknown>;
  /** Extra files (relative path → content) in the opened folder. */
  readonly files?: Record<string, string>;
}

export interface RunningVSCode {
  /** The address a browser opens to get the workbench. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface VSCodeHost {
  readonly kind: HostKind;
  readonly label: string;
  start(options?: WorkspaceOptions): Promise<RunningVSCode>;
}
