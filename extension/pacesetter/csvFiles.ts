import * as vscode from 'vscode';
import { paceSetterToCsv } from '../../core/pacesetter/csv';
import type { ImportMode } from '../../core/pacesetter/importCsv';
import type { LivePaceSetter } from './livePaceSetter';
import type { PaceSetterPanel } from './paceSetterPanel';
import type { Answer } from './requests';

// The pace-setter as a CSV file on the person's disk (or the browser's file system): export with a
// save dialog, import from a file they choose. The columns are documented in README.

/** A folder of the person's own to start dialogs in (never the cluster's virtual folder). */
function ownFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme !== 'cluster')?.uri;
}

export async function exportCsv(live: LivePaceSetter): Promise<Answer> {
  const folder = ownFolder();
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export the pace-setter as CSV'),
    filters: { CSV: ['csv'] },
    saveLabel: vscode.l10n.t('Export'),
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${live.pacesetterId}.csv`) } : {}),
  });
  if (!target) return { ok: true, message: vscode.l10n.t('Nothing was exported.') };
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(paceSetterToCsv(live.view().entries)));
  return { ok: true, message: vscode.l10n.t('Exported to {0}.', target.path.split('/').pop() ?? '') };
}

/** Asks for a CSV file (the open one, if a CSV is in the active editor) and how to import it. */
export async function chooseCsv(
  uri?: vscode.Uri,
): Promise<{ text: string; fileName: string; mode: ImportMode } | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  let file = uri;
  if (!file && active && /\.csv$/i.test(active.uri.path)) file = active.uri;
  if (!file) {
    const folder = ownFolder();
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import a pace-setter from CSV'),
      filters: { CSV: ['csv'] },
      canSelectMany: false,
      openLabel: vscode.l10n.t('Import'),
      ...(folder ? { defaultUri: folder } : {}),
    });
    file = picked?.[0];
  }
  if (!file) return undefined;
  const fileName = file.path.split('/').pop() ?? 'pacesetter.csv';
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  const mode = await vscode.window.showQuickPick(
    [
      {
        label: vscode.l10n.t('Add this file\u2019s rows'),
        detail: vscode.l10n.t(
          'Rows with an entry id update that entry; the others are added. Nothing is removed.',
        ),
        mode: 'merge' as const,
      },
      {
        label: vscode.l10n.t('Replace the pace-setter with this file'),
        detail: vscode.l10n.t('Entries that are not in the file are removed.'),
        mode: 'replace' as const,
      },
    ],
    {
      title: vscode.l10n.t('Import "{0}"', fileName),
      placeHolder: vscode.l10n.t('How should the file be imported?'),
    },
  );
  return mode ? { text, fileName, mode: mode.mode } : undefined;
}

/** Imports into an open panel's pace-setter, and says how it went where the person looks. */
export async function importCsvInto(panel: PaceSetterPanel, uri?: vscode.Uri): Promise<void> {
  const chosen = await chooseCsv(uri);
  if (!chosen) return;
  panel.panel.reveal();
  const answer = await panel.run({ type: 'importCsv', ...chosen });
  if (answer.ok) {
    void vscode.window.showInformationMessage(answer.message ?? vscode.l10n.t('Imported.'));
  } else {
    const details = answer.details?.length ? `\n${answer.details.slice(0, 20).join('\n')}` : '';
    void vscode.window.showErrorMessage(`${answer.error}${details}`);
  }
}
