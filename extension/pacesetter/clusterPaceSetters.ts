import * as vscode from 'vscode';
import { setMeta } from '../../core/pacesetter/edits';
import { isIsoDate } from '../../core/pacesetter/isoDate';
import { paceSetterId, readMeta } from '../../core/pacesetter/model';
import { PaceSetterOrigin } from '../../core/pacesetter/origin';
import { addTerm } from '../../core/pacesetter/termEdits';
import type { PaceSetterMeta } from '../../core/pacesetter/types';
import type { JoinedCluster } from '../clusters/accounts';
import { confirmedWrite } from './confirmedWrite';
import { problemText } from './problemText';
import { metaDocName, paceSetterDocName } from './docNames';
import type { PaceSetterDeps } from './livePaceSetter';
import { readRegistry, type RegisteredPaceSetter, registerInCluster } from './registry';
import { paceSetterRefusal } from './requests';

// Finding and making a cluster's pace-setters. The list lives in the cluster record (registry.ts),
// which only the leader writes: a pace-setter an advisor makes is listed the first time the leader
// opens it (found by subject, grade and year, whose id it is made from).

const ORIGIN = new PaceSetterOrigin('cluster pace-setters');

/** The listed pace-setters of a cluster (this device's copy when the server cannot be reached). */
export async function listedPaceSetters(
  deps: PaceSetterDeps,
  clusterId: string,
): Promise<RegisteredPaceSetter[]> {
  const meta = deps.docs.hold(clusterId, metaDocName(clusterId));
  try {
    const session = await meta.ready();
    return readRegistry(session.doc);
  } finally {
    meta.release();
  }
}

/** Lists a pace-setter in the cluster record, if this member is the leader (the only one who may). */
export async function listInCluster(
  deps: PaceSetterDeps,
  cluster: JoinedCluster,
  id: string,
  meta: PaceSetterMeta,
): Promise<void> {
  if (cluster.member.role !== 'leader' || !meta.subject) return;
  const live = deps.docs.hold(cluster.clusterId, metaDocName(cluster.clusterId));
  try {
    const { outcome } = await confirmedWrite(
      live,
      () => deps.workspace.api(cluster.clusterId),
      (doc) => registerInCluster(doc, id, meta, ORIGIN),
    );
    if (outcome.kind === 'refused') deps.log.warn(`${id}: the server refused to list it (${outcome.reason})`);
  } finally {
    live.release();
  }
}

/** Reads a pace-setter's details from its document (empty subject: no such pace-setter yet). */
export async function paceSetterMeta(
  deps: PaceSetterDeps,
  clusterId: string,
  id: string,
): Promise<PaceSetterMeta> {
  const live = deps.docs.hold(clusterId, paceSetterDocName(clusterId, id));
  try {
    return readMeta((await live.ready()).doc);
  } finally {
    live.release();
  }
}

/**
 * Asks subject, grade and year; undefined when the person cancels. The steps stay open when focus
 * moves (a webview opening beside takes it), so typed answers are not thrown away.
 */
export async function askSubjectGradeYear(
  title: string,
): Promise<Pick<PaceSetterMeta, 'subject' | 'grade' | 'year'> | undefined> {
  const subject = await vscode.window.showInputBox({
    title,
    ignoreFocusOut: true,
    prompt: vscode.l10n.t('Subject, for example Natural Sciences'),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type the subject')),
  });
  if (!subject) return undefined;
  const grade = await vscode.window.showInputBox({
    title,
    ignoreFocusOut: true,
    prompt: vscode.l10n.t('Grade or class, for example 8'),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type the grade')),
  });
  if (!grade) return undefined;
  const thisYear = new Date().getFullYear();
  const year = await vscode.window.showInputBox({
    title,
    ignoreFocusOut: true,
    prompt: vscode.l10n.t('Year'),
    value: String(thisYear),
    validateInput: (v) =>
      /^\d{4}$/.test(v.trim()) && Number(v) >= 2000 && Number(v) <= 2100
        ? undefined
        : vscode.l10n.t('A year such as {0}', thisYear),
  });
  if (!year) return undefined;
  return { subject: subject.trim(), grade: grade.trim(), year: Number(year.trim()) };
}

/**
 * "New Pace-Setter…": subject, grade, year and the first term's dates; the document gets its details
 * and that term, and the leader's copy of the cluster record lists it. Returns its id, or undefined.
 */
export async function createPaceSetter(
  deps: PaceSetterDeps,
  cluster: JoinedCluster,
): Promise<string | undefined> {
  const title = vscode.l10n.t('New Pace-Setter');
  const meta = await askSubjectGradeYear(title);
  if (!meta) return undefined;
  const id = paceSetterId(meta);
  const existing = await paceSetterMeta(deps, cluster.clusterId, id);
  if (existing.subject) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} Grade {1} {2} already has a pace-setter; it opens now.',
        meta.subject,
        meta.grade,
        meta.year,
      ),
    );
    await listInCluster(deps, cluster, id, existing);
    return id;
  }
  const termLine = await vscode.window.showInputBox({
    title,
    ignoreFocusOut: true,
    prompt: vscode.l10n.t(
      'The first term: its number, first day and last day, for example 1 {0}-01-13 {0}-03-27',
      meta.year,
    ),
    value: `1 ${meta.year}-01-13 ${meta.year}-03-27`,
    validateInput: (v) => {
      const [n, start, end] = v.trim().split(/\s+/);
      return /^[1-4]$/.test(n ?? '') && isIsoDate(start) && isIsoDate(end)
        ? undefined
        : vscode.l10n.t('A term number from 1 to 4 and two dates written YYYY-MM-DD');
    },
  });
  if (!termLine) return undefined;
  const [n, start, end] = termLine.trim().split(/\s+/) as [string, string, string];
  const live = deps.docs.hold(cluster.clusterId, paceSetterDocName(cluster.clusterId, id));
  try {
    const { result, outcome } = await confirmedWrite(
      live,
      () => deps.workspace.api(cluster.clusterId),
      (doc) => {
        const made = setMeta(doc, meta, ORIGIN);
        return made.ok ? addTerm(doc, { number: Number(n), start, end }, ORIGIN) : made;
      },
    );
    if (result && !result.ok) {
      void vscode.window.showErrorMessage(problemText(result.problem));
      return undefined;
    }
    if (outcome.kind === 'refused') {
      void vscode.window.showErrorMessage(paceSetterRefusal());
      return undefined;
    }
  } finally {
    live.release();
  }
  if (cluster.member.role === 'leader') await listInCluster(deps, cluster, id, meta);
  else
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'The pace-setter is made. Colleagues open it by subject, grade and year until the cluster leader opens it once; then it is listed for everyone.',
      ),
    );
  deps.log.info(`Created the pace-setter ${id} in ${cluster.clusterId}`);
  return id;
}

export function describe(p: Pick<PaceSetterMeta, 'subject' | 'grade' | 'year' | 'title'>): string {
  return p.title?.trim() || vscode.l10n.t('{0} · Grade {1} · {2}', p.subject, p.grade, p.year);
}
