import * as vscode from 'vscode';
import type { Member } from '../../core/cluster/model';
import { localIsoDate } from '../../core/pacesetter/isoDate';
import { PaceSetterOrigin } from '../../core/pacesetter/origin';
import { paceSetterTitle } from '../../core/pacesetter/printHtml';
import {
  type ExtensionToWebview,
  isWebviewMessage,
  type Request,
  type Snapshot,
} from '../../webview/pacesetter/protocol';
import { clusterExpertise } from '../clusters/clusterExpertise';
import type { LivePaceSetter, PaceSetterDeps } from './livePaceSetter';
import { paceSetterHtml, paceSetterWebviewOptions } from './panelHtml';
import { type Answer, handleRequest, type PanelActions } from './requests';
import { paceSetterStrings } from './strings';

export const PACESETTER_VIEW_TYPE = 'clusterLessons.pacesetter';
const SNAPSHOT_EVERY_MS = 100;

/**
 * One pace-setter in a webview panel: the colleague's webview (webview/pacesetter) bound to the
 * live documents. Any change to the pace-setter or a school's coverage sends a fresh snapshot
 * (at most every 100 ms); each request is answered once, after the snapshot that shows its effect.
 */
export class PaceSetterPanel implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  private notice: string | undefined;
  private disposed = false;
  private readonly origin: PaceSetterOrigin;
  private readonly subs: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly live: LivePaceSetter,
    private readonly deps: PaceSetterDeps,
    private readonly actions: PanelActions,
  ) {
    this.origin = new PaceSetterOrigin(`panel ${live.docName}`);
    panel.webview.options = paceSetterWebviewOptions(deps.context.extensionUri);
    this.updateTitle();
    this.subs.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      live.onDidChange(() => this.scheduleSnapshot()),
      this.expertise().onDidChange((clusterId) => {
        if (clusterId === live.clusterId) this.scheduleSnapshot();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = paceSetterHtml(panel.webview, deps.context.extensionUri, panel.title);
  }

  get docName(): string {
    return this.live.docName;
  }

  /** Who in the cluster can help with which topics (the server's list; this device's copy offline). */
  private expertise() {
    return clusterExpertise(this.deps.context, this.deps.workspace.accounts, this.deps.log);
  }

  private member(): Member | undefined {
    return this.deps.workspace.member(this.live.clusterId);
  }

  /** Tells the person something above everything (a refusal of a palette command, say) until the next request. */
  showNotice(text: string | undefined): void {
    this.notice = text;
    this.postSnapshot();
  }

  /** Runs a request that did not come from the webview (a palette command); the answer goes to the notice line. */
  async run(request: Request): Promise<Answer> {
    const answer = await this.answer(request);
    this.showNotice(answer.ok ? undefined : answer.error);
    return answer;
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.deps.log.warn(`${this.docName}: ignored a message the pace-setter webview should not send`);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.postSnapshot();
      return;
    }
    const { requestId, ...request } = message;
    this.notice = undefined;
    const answer = await this.answer(request as Request);
    // The snapshot first, so the webview never shows the old value after "Saved".
    this.postSnapshot();
    this.post({ type: 'reply', requestId, ...answer });
  }

  private async answer(request: Request): Promise<Answer> {
    const member = this.member();
    if (!member)
      return {
        ok: false,
        error: vscode.l10n.t('This device is no longer in the cluster. Join it again to continue.'),
      };
    try {
      return await handleRequest(
        { live: this.live, deps: this.deps, origin: this.origin, member, actions: this.actions },
        request,
      );
    } catch (error) {
      this.deps.log.error(`${this.docName}: ${request.type} failed`, error);
      return {
        ok: false,
        error: vscode.l10n.t(
          'Something went wrong: {0}. See the Cluster Lessons log for details.',
          String(error),
        ),
      };
    }
  }

  private scheduleSnapshot(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.updateTitle();
      this.postSnapshot();
    }, SNAPSHOT_EVERY_MS);
  }

  private updateTitle(): void {
    const title = paceSetterTitle(this.live.view(), paceSetterStrings().title);
    this.panel.title = title.trim() ? title : vscode.l10n.t('Pace-setter');
  }

  private postSnapshot(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.ready || this.disposed) return;
    const snapshot = this.snapshot();
    if (snapshot) this.post({ type: 'snapshot', snapshot });
  }

  snapshot(): Snapshot | undefined {
    const member = this.member();
    if (!member) return undefined;
    const { live } = this;
    const state = live.document.state;
    const canWriteHere = !(state.kind === 'denied');
    return {
      docName: live.docName,
      pacesetter: live.view(),
      coverage: live.coverageViews(),
      schools: live.schools,
      me: { role: member.role, schoolId: member.schoolId, name: member.name },
      today: localIsoDate(new Date()),
      canEditPaceSetter: canWriteHere && (member.role === 'leader' || member.role === 'advisor'),
      canEditCoverageOf:
        member.role === 'leader'
          ? live.schools.map((s) => s.id)
          : member.role === 'teacher'
            ? [member.schoolId]
            : [],
      expertise: this.expertise().get(live.clusterId),
      strings: paceSetterStrings(),
      ...(this.noticeNow() ? { notice: this.noticeNow() } : {}),
    };
  }

  private noticeNow(): string | undefined {
    if (this.notice) return this.notice;
    const state = this.live.document.state;
    if (state.kind === 'offline')
      return vscode.l10n.t(
        'Offline: this is the copy on this device. Changes reach the cluster when the connection is back.',
      );
    if (state.kind === 'denied' && !this.live.document.session?.provider.wsconnected)
      return vscode.l10n.t('The server closed the connection: {0}', state.reason);
    return undefined;
  }

  private post(message: ExtensionToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
    this.live.dispose();
    this.panel.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }
}
