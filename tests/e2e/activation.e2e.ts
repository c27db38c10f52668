import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostsUnderTest } from './harness/hosts';
import { E2ESession, screenshotOnFailure } from './harness/session';
import type { Workbench } from './harness/workbench';

/** What the extension logs when it opened the walkthrough itself (extension/walkthroughOnFirstStart.ts). */
const OPENED_LOG_LINE = 'Opening Get Started with Cluster Lessons: the first start on this device';

describe.each(hostsUnderTest())('In $label', (host) => {
  let session: E2ESession | undefined;
  let teacher: Workbench;

  beforeAll(async () => {
    session = new E2ESession(host);
    // Nothing listens on port 9: the teacher's server is unreachable in this file. The other
    // files keep the walkthrough from opening by itself (harness/workspace.ts); this one tests it.
    await session.start({
      settings: {
        'clusterLessons.serverUrl': 'http://localhost:9',
        'clusterLessons.openWalkthroughOnFirstStart': true,
      },
    });
    teacher = await session.openTeacher('amina');
  });
  afterAll(async () => session?.stop());
  screenshotOnFailure(() => session);

  it('the extension activates and shows its sync status in the status bar', async () => {
    const item = teacher.statusBarItem('clusterLessons.syncStatus');
    await item.waitFor({ timeout: 60_000 });
    await expect.poll(() => item.innerText(), { timeout: 10_000 }).toContain('Cluster Lessons');
  });

  it('on her first start, with no cluster joined, "Get Started with Cluster Lessons" opens by itself, once', async () => {
    const walkthrough = teacher.page.locator('.gettingStartedContainer', { hasText: 'Join your cluster' });
    await walkthrough.first().waitFor({ timeout: 30_000 });
    expect(await extensionLog(OPENED_LOG_LINE)).toContain(OPENED_LOG_LINE);
    // She closes it, and a little later opens VS Code again on the same device. VS Code itself may
    // restore an editor it had no time to store as closed; the extension must not open it again.
    await teacher.closeAllEditors();
    await teacher.page.waitForTimeout(2_000);
    await teacher.reload();
    await teacher.statusBarItem('clusterLessons.syncStatus').waitFor({ timeout: 60_000 });
    // Activated again; it would open right after, so a few seconds more are enough to tell.
    await teacher.page.waitForTimeout(5_000);
    expect(await extensionLog('Activated in the')).not.toContain(OPENED_LOG_LINE);
  });

  /** What the extension has logged in this window (its "Show Log" channel), once it shows `awaited`. */
  async function extensionLog(awaited: string): Promise<string> {
    const output = teacher.page.locator('.part.panel .view-lines', { hasText: 'Activated' });
    await teacher.runCommandUntilShown('Cluster Lessons: Show Log', output);
    let text = '';
    await expect
      .poll(
        async () => {
          // A narrow panel wraps long lines: read them as one.
          text = (await teacher.textOf(output, 2_000)).replace(/\s+/g, ' ');
          return text;
        },
        { timeout: 20_000 },
      )
      .toContain(awaited);
    return text;
  }

  it('a teacher runs "Check Server Connection" from the palette and is told the server cannot be reached', async () => {
    const message = teacher.notifications().filter({ hasText: 'Cannot reach the cluster server' });
    // Run again if no answer shows: CI once saw the palette close with no command run.
    await teacher.runCommandUntilShown('Cluster Lessons: Check Server Connection', message);
    expect(await message.first().innerText()).toContain('http://localhost:9');
    await expect
      .poll(() => teacher.statusBarItem('clusterLessons.syncStatus').innerText(), { timeout: 10_000 })
      .toContain('Offline');
  });

  it(`"Show Log" opens the extension's log, which says it runs in the ${host.kind} extension host`, async () => {
    // Our channel's text, not any editor in the panel: another Output channel must not count.
    const output = teacher.page.locator('.part.panel .view-lines', { hasText: 'Activated' });
    await teacher.runCommandUntilShown('Cluster Lessons: Show Log', output);
    // Each read gives up quickly, so the poll reads again within its own 20 s.
    await expect
      .poll(() => teacher.textOf(output, 2_000), { timeout: 20_000 })
      .toContain(`Activated in the ${host.kind} extension host`);
    await teacher.screenshot(`activation-${host.kind}`);
  });

  it('a new teacher opens "Get Started with Cluster Lessons" and its first button asks for her cluster', async () => {
    await teacher.startCommand('Welcome: Open Walkthrough...');
    await teacher.answerPrompts(['Get Started with Cluster Lessons']);
    const walkthrough = teacher.page.locator('.gettingStartedContainer', { hasText: 'Join your cluster' });
    await walkthrough.first().waitFor({ timeout: 30_000 });
    const text = await teacher.textOf(walkthrough.first());
    for (const step of [
      "See the cluster's plans",
      'Write a lesson plan together',
      'Follow the pace-setter',
    ]) {
      expect(text).toContain(step);
    }
    await teacher.screenshot(`walkthrough-${host.kind}`);
    // The step's button runs "Join a Cluster…", whose first question is the server's address.
    await walkthrough.first().locator('.monaco-button', { hasText: 'Join a Cluster' }).first().click();
    const input = teacher.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await teacher.page.locator('.quick-input-widget').innerText()).toMatch(/server/i);
    await teacher.page.keyboard.press('Escape');
  });
});
