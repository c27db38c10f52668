import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceOptions } from './host';

/** User settings that keep a fresh VS Code quiet: no welcome page, tips, update checks or AI prompts. */
export const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.enableExperiments': false,
  // Ours: tests that want it (activation.e2e.ts) turn it on.
  'clusterLessons.openWalkthroughOnFirstStart': false,
};

export function writeWorkspace(dir: string, options: WorkspaceOptions = {}): string {
  mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  // VS Code for the Web keeps user settings in the browser, so the quiet settings go here too.
  const settings = { ...QUIET_USER_SETTINGS, ...options.settings };
  writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  for (const [name, content] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
