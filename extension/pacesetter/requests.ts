import * as vscode from 'vscode';
import type * as Y from 'yjs';
import type { Member } from '../../core/cluster/model';
import { applyPaceSetterEdit } from '../../core/pacesetter/applyEdit';
import { setCoverage } from '../../core/pacesetter/coverage';
import { isPaceSetterEdit, type PaceSetterEdit } from '../../core/pacesetter/editTypes';
import { type ImportMode, importPaceSetterCsv } from '../../core/pacesetter/importCsv';
import { localIsoDate } from '../../core/pacesetter/isoDate';
import type { PaceSetterOrigin } from '../../core/pacesetter/origin';
import type { CoverageInput } from '../../core/pacesetter/coverage';
import type { Request } from '../../webview/pacesetter/protocol';
import { confirmedWrite, type WriteOutcome } from './confirmedWrite';
import { csvErrorText, problemText } from './problemText';
import type { LiveDoc } from './liveDocs';
import type { LivePaceSetter, PaceSetterDeps } from './livePaceSetter';

// What the extension does for each request of the pace-setter webview (protocol.ts), and for the
// same actions run from the command palette. Changes go into the Y.Docs with core's functions and
// the panel's origin; the server decides whether they stand (confirmedWrite.ts).

/** The reply without its request id: ok (with an optional line) or a sentence for the person. */
export type Answer =
  | { readonly ok: true; readonly message?: string }
  | { readonly ok: false; readonly error: string; readonly details?: readonly string[] };

/** The actions that open something of VS Code's own: a save dialog, a print panel, a new plan. */
export interface PanelActions {
  exportCsv(live: LivePaceSetter): Promise<Answer>;
  print(live: LivePaceSetter, withCoverage: boolean): Promise<Answer>;
  newPlanForEntry(live: LivePaceSetter, entryId: string): Promise<Answer>;
}

export interface RequestContext {
  readonly live: LivePaceSetter;
  readonly deps: PaceSetterDeps;
  readonly origin: PaceSetterOrigin;
  readonly member: Member;
  readonly actions: PanelActions;
}

export async function handleRequest(ctx: RequestContext, request: Request): Promise<Answer> {
  if (isPaceSetterEdit(request)) return editPaceSetter(ctx, request);
  switch (request.type) {
    case 'setCoverage':
      return recordCoverage(ctx, request.schoolId, request.coverage);
    case 'importCsv':
      return importCsv(ctx, request.text, request.mode);
    case 'exportCsv':
      return ctx.actions.exportCsv(ctx.live);
    case 'print':
      return ctx.actions.print(ctx.live, request.withCoverage);
    case 'newPlanForEntry':
      return ctx.actions.newPlanForEntry(ctx.live, request.entryId);
  }
  return { ok: false, error: vscode.l10n.t('Cluster Lessons does not know this request.') };
}

async function editPaceSetter(ctx: RequestContext, edit: PaceSetterEdit): Promise<Answer> {
  const { result, outcome } = await write(ctx, ctx.live.document, (doc) =>
    applyPaceSetterEdit(doc, edit, ctx.origin),
  );
  if (result && !result.ok) return { ok: false, error: problemText(result.problem) };
  return answerFor(outcome, paceSetterRefusal());
}

async function recordCoverage(ctx: RequestContext, schoolId: string, input: CoverageInput): Promise<Answer> {
  const live = ctx.live.coverageDoc(schoolId);
  const school = ctx.live.schools.find((s) => s.id === schoolId);
  if (!live || !school)
    return { ok: false, error: vscode.l10n.t('This school is not one of the cluster\u2019s schools.') };
  const pacesetter = ctx.live.view();
  const now = new Date();
  const { result, outcome } = await write(ctx, live, (doc) =>
    setCoverage(
      doc,
      pacesetter,
      input,
      { name: ctx.member.name, now: now.getTime(), today: localIsoDate(now) },
      ctx.origin,
    ),
  );
  if (result && !result.ok) return { ok: false, error: problemText(result.problem) };
  return answerFor(outcome, coverageRefusal(school.name));
}

export async function importCsv(ctx: RequestContext, text: string, mode: ImportMode): Promise<Answer> {
  const { result, outcome } = await write(ctx, ctx.live.document, (doc) =>
    importPaceSetterCsv(doc, text, mode, ctx.origin),
  );
  if (result && !result.ok) {
    return {
      ok: false,
      error: vscode.l10n.t('Nothing was imported. Fix these rows in the file and import it again:'),
      details: result.errors.map(csvErrorText),
    };
  }
  const answer = answerFor(outcome, paceSetterRefusal());
  if (!answer.ok || !result) return answer;
  const counts = vscode.l10n.t(
    'Imported: {0} new, {1} updated, {2} removed.',
    result.added,
    result.updated,
    result.removed,
  );
  return { ok: true, message: answer.message ? `${counts} ${answer.message}` : counts };
}

function write<T>(ctx: RequestContext, live: LiveDoc, apply: (doc: Y.Doc) => T) {
  return confirmedWrite(live, () => ctx.deps.workspace.api(ctx.live.clusterId), apply).then((r) => {
    if (r.outcome.kind === 'refused')
      ctx.deps.log.warn(`${live.docName}: the server refused a change (${r.outcome.reason})`);
    return r;
  });
}

function answerFor(outcome: WriteOutcome, refusal: string): Answer {
  switch (outcome.kind) {
    case 'stored':
    case 'unchanged':
      return { ok: true };
    case 'waiting':
      return {
        ok: true,
        message: vscode.l10n.t('Saved on this device. It reaches the cluster when the connection is back.'),
      };
    case 'refused':
      return { ok: false, error: refusal };
  }
}

export function paceSetterRefusal(): string {
  return vscode.l10n.t(
    'The server refused this change: only the cluster leader or an advisor can change the pace-setter.',
  );
}

export function coverageRefusal(schoolName: string): string {
  return vscode.l10n.t(
    'The server refused this change: only teachers of {0} and the cluster leader record its coverage.',
    schoolName,
  );
}
