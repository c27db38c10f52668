import { afterEach } from 'vitest';
import { launchTeacherBrowser, type TeacherBrowser } from './browser';
import type { RunningVSCode, VSCodeHost, WorkspaceOptions } from './host';
import { Workbench } from './workbench';

/** A teacher's device: their own VS Code (own user data, replicas, secrets) and their own browser. */
export interface Teacher {
  readonly name: string;
  workbench: Workbench;
  browser: TeacherBrowser;
  readonly vscode: RunningVSCode;
}

/**
 * The teachers of one test, each on their own device. A failing test leaves a screenshot of every
 * teacher's screen in tests/.output/screenshots.
 */
export class E2ESession {
  private readonly teachers: Teacher[] = [];
  private options: WorkspaceOptions | undefined;

  constructor(readonly host: VSCodeHost) {}

  /** Settings and files of the folder every teacher's VS Code opens. */
  async start(options?: WorkspaceOptions): Promise<void> {
    this.options = options;
  }

  async openTeacher(name: string): Promise<Workbench> {
    const vscode = await this.host.start(this.options);
    const browser = await launchTeacherBrowser(name);
    const workbench = new Workbench(browser.page, `${this.host.kind}-${name}`);
    this.teachers.push({ name, workbench, browser, vscode });
    await workbench.open(vscode.url);
    return workbench;
  }

  private teacher(workbench: Workbench): Teacher {
    const t = this.teachers.find((x) => x.workbench === workbench);
    if (!t) throw new Error('not a teacher of this session');
    return t;
  }

  /** The teacher closes VS Code (the browser window) and opens it again on the same device. */
  async reopen(workbench: Workbench): Promise<Workbench> {
    const t = this.teacher(workbench);
    await t.browser.close();
    t.browser = await launchTeacherBrowser(t.name, t.browser.dir);
    t.workbench = new Workbench(t.browser.page, workbench.label);
    await t.workbench.open(t.vscode.url);
    return t.workbench;
  }

  async closeWindow(workbench: Workbench): Promise<void> {
    await this.teacher(workbench).browser.close();
  }

  async screenshotAll(testName: string): Promise<void> {
    for (const t of this.teachers) await t.workbench.screenshot(`${testName}-${t.workbench.label}`);
  }

  async stop(): Promise<void> {
    for (const t of this.teachers.splice(0)) {
      await t.browser.close().catch(() => undefined);
      await t.vscode.stop();
    }
  }
}

/** Runs a test file's setup; if it fails, every teacher's screen is saved before the error goes on. */
export async function settingUp(
  session: () => E2ESession | undefined,
  name: string,
  setup: () => Promise<void>,
): Promise<void> {
  try {
    await setup();
  } catch (error) {
    await session()?.screenshotAll(`setup-${name}`);
    throw error;
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
