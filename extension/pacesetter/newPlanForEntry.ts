import * as vscode from 'vscode';
import { newPlanId } from '../../core/plan/catalog';
import { BUILT_IN_TEMPLATES, renderTemplate } from '../../core/plan/templates';
import { planFieldsForEntry } from '../../core/pacesetter/planLink';
import type { PaceSetterView } from '../../core/pacesetter/types';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import { planUri } from '../fs/planUri';
import type { Answer } from './requests';

/**
 * "New Plan for This Entry": a lesson plan whose template is filled from the entry (title, subject,
 * grade, term, week, curriculum reference and sub-topics) and whose front matter links it to the
 * entry (`entry: <pace-setter id>#<entry id>`), then opened beside.
 */
export async function newPlanForEntry(
  workspace: ClusterWorkspace,
  clusterId: string,
  pacesetter: PaceSetterView,
  entryId: string,
): Promise<Answer> {
  const entry = pacesetter.entries.find((e) => e.id === entryId);
  if (!entry)
    return {
      ok: false,
      error: vscode.l10n.t('That entry is no longer in the pace-setter; someone may have removed it.'),
    };
  const member = workspace.member(clusterId);
  const template =
    BUILT_IN_TEMPLATES.length === 1
      ? BUILT_IN_TEMPLATES[0]
      : (
          await vscode.window.showQuickPick(
            BUILT_IN_TEMPLATES.map((t) => ({ label: t.label, detail: t.description, template: t })),
            {
              title: vscode.l10n.t('New lesson plan for "{0}"', entry.topic),
              placeHolder: vscode.l10n.t('Choose a template'),
            },
          )
        )?.template;
  if (!template) return { ok: true, message: vscode.l10n.t('No plan was made.') };
  const markdown = renderTemplate(template, {
    ...planFieldsForEntry(pacesetter, entry),
    ...(member ? { school: member.school, teacher: member.name } : {}),
  });
  const id = newPlanId(entry.topic, Math.random);
  await workspace.createPlan(clusterId, id, markdown);
  const uri = planUri(workspace.catalog(clusterId), clusterId, id);
  if (uri) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
  return { ok: true, message: vscode.l10n.t('New lesson plan "{0}" opened.', entry.topic) };
}
