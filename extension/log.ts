import * as vscode from 'vscode';

/** A log channel (levels, timestamps, user-adjustable verbosity) named for the product. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Cluster Lessons', { log: true });
}
