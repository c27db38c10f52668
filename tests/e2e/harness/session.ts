import { afterEach } from 'vitest';
import { launchTeacherBrowser, type TeacherBrowser } from './browser';
import type { RunningVSCode, VSCodeHost, WorkspaceOptions } from './host';
import { Workbench } from './workbench';

/**
 * One VS Code and the teachers looking at it. Each teacher has their own browser profile.
 * A failing test leaves a screenshot of every teacher's screen in tests/.output/screenshots.
 */
export class E2ESession {
  private readonly browsers: TeacherBrowser[] = [];
  private readonly workbenches: Workbench[] = [];
  private vscode: RunningVSCode | undefined;

  constructor(readonly host: VSCodeHost) {}

  async start(options?: WorkspaceOptions): Promise<void> {
    this.vscode = await this.host.start(options);
  }

  async openTeacher(name: string): Promise<Workbench> {
    if (!this.vscode) throw new Error('start() the session first');
    const browser = await launchTeacherBrowser(name);
    this.browsers.push(browser);
    const workbench = new Workbench(browser.page, `${this.host.kind}-${name}`);
    this.workbenches.push(workbench);
    await workbench.open(this.vscode.url);
    return workbench;
  }

  async screenshotAll(testName: string): Promise<void> {
    for (const wb of this.workbenches) await wb.screenshot(`${testName}-${wb.label}`);
  }

  async stop(): Promise<void> {
    for (const b of this.browsers.splice(0)) await b.close().catch(() => undefined);
    this.workbenches.splice(0);
    await this.vscode?.stop();
    this.vscode = undefined;
  }
}

/** Registers the failure screenshots for a session used by the tests of the current file. */
export function screenshotOnFailure(session: () => E2ESession | undefined): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      await session()?.screenshotAll(`${ctx.task.suite?.name ?? ''}-${ctx.task.name}`);
    }
  });
}
