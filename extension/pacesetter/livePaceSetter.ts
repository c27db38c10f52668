import * as vscode from 'vscode';
import { readCoverage } from '../../core/pacesetter/coverage';
import { readPaceSetter } from '../../core/pacesetter/model';
import type { CoverageView, PaceSetterView } from '../../core/pacesetter/types';
import type { School } from '../../webview/pacesetter/protocol';
import type { ClusterWorkspace } from '../clusters/clusterWorkspace';
import { clusterSchools } from './clusterSchools';
import { coverageDocName, paceSetterDocName } from './docNames';
import type { LiveDoc, LiveDocs } from './liveDocs';

/** What the pace-setter features share: the extension's context, the cluster hub, the held documents, the log. */
export interface PaceSetterDeps {
  readonly context: vscode.ExtensionContext;
  readonly workspace: ClusterWorkspace;
  readonly docs: LiveDocs;
  readonly log: vscode.LogOutputChannel;
}

/**
 * One pace-setter as it lives on this device: its document and every school's coverage document,
 * held open together, with one event for any change in any of them.
 */
export class LivePaceSetter implements vscode.Disposable {
  readonly docName: string;
  readonly document: LiveDoc;
  private readonly coverage = new Map<string, LiveDoc>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];

  private constructor(
    readonly clusterId: string,
    readonly pacesetterId: string,
    readonly schools: readonly School[],
    docs: LiveDocs,
  ) {
    this.docName = paceSetterDocName(clusterId, pacesetterId);
    this.document = docs.hold(clusterId, this.docName);
    this.subs.push(this.document.onDidChange(() => this.changed.fire()));
    for (const school of schools) {
      const doc = docs.hold(clusterId, coverageDocName(clusterId, school.id));
      this.coverage.set(school.id, doc);
      this.subs.push(doc.onDidChange(() => this.changed.fire()));
    }
  }

  /** Holds the documents and waits for their first sync (or this device's copy, offline). */
  static async open(deps: PaceSetterDeps, clusterId: string, pacesetterId: string): Promise<LivePaceSetter> {
    const schools = await clusterSchools(deps.context, deps.workspace, clusterId, deps.log);
    const live = new LivePaceSetter(clusterId, pacesetterId, schools, deps.docs);
    try {
      await Promise.all([live.document.ready(), ...[...live.coverage.values()].map((d) => d.ready())]);
    } catch (error) {
      live.dispose();
      throw error;
    }
    return live;
  }

  view(): PaceSetterView {
    const doc = this.document.doc;
    return doc
      ? readPaceSetter(doc, this.pacesetterId)
      : { id: this.pacesetterId, meta: { subject: '', grade: '', year: 0 }, terms: [], entries: [] };
  }

  coverageViews(): Record<string, CoverageView> {
    const views: Record<string, CoverageView> = {};
    for (const [schoolId, live] of this.coverage) {
      if (live.doc) views[schoolId] = readCoverage(live.doc, this.pacesetterId);
    }
    return views;
  }

  coverageDoc(schoolId: string): LiveDoc | undefined {
    return this.coverage.get(schoolId);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.document.release();
    for (const d of this.coverage.values()) d.release();
    this.changed.dispose();
  }
}
