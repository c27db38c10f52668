import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSummary } from '../../core/plan/catalog';
import { writeFrontMatter } from '../../core/plan/frontMatter';
import { planText } from '../../core/plan/planDoc';
import { CAPS_TEMPLATE, renderTemplate } from '../../core/plan/templates';
import { joinCluster } from './harness/cluster';
import {
  answerPrompt,
  chooseFromContextMenu,
  clickDialogButton,
  clickEditorTitleAction,
  closeAllTabs,
  closeWelcomePage,
  dialog,
  explorerChildrenOf,
  explorerPathOf,
  explorerRow,
  headerCard,
  revealInExplorer,
  startCommand,
  visibleWebview,
} from './harness/explorer';
import { hostsUnderTest } from './harness/hosts';
import { E2ESession, screenshotOnFailure, settingUp } from './harness/session';
import { type ClusterFixture, SyncServerProcess } from './harness/syncServer';
import type { Workbench } from './harness/workbench';

// A plan's life as a teacher lives it in the explorer: made from the CAPS template, renamed,
// deleted (to Trash), restored, printed and previewed. Each step checks what she sees and what
// the server holds, read by a plain y-websocket client or the server's plan list.

const CLUSTER = 'Nkomazi Science Cluster';
const SCHOOLS = ['Mbuzini Secondary School', 'Tonga Combined School'];
const TEACHER = 'Amina Dlamini';
const SUBJECT = 'Natural Sciences';
const FOLDER = [CLUSTER, SUBJECT, 'Grade 8'];
const TITLE = 'Living and non-living things';
const RENAMED = 'Living things and their needs';
const FILE = `T1W05 ${TITLE}.md`;
const RENAMED_FILE = `T1W05 ${RENAMED}.md`;
/** What "New Lesson Plan…" from the CAPS template must write for her answers. */
const EXPECTED = renderTemplate(CAPS_TEMPLATE, {
  title: TITLE,
  subject: SUBJECT,
  grade: '8',
  term: 1,
  week: 5,
  school: SCHOOLS[0]!,
  teacher: TEACHER,
});
const RENAMED_TEXT = EXPECTED.replace(`title: ${TITLE}\n`, `title: ${RENAMED}\n`);

// Plans already in the cluster: two grades of the subject, so the explorer shows "Natural
// Sciences" and "Grade 8" as rows of their own (VS Code compacts a folder with one child folder).
const SEEDS = {
  photosynthesis: { title: 'Photosynthesis', subject: SUBJECT, grade: '8', term: 2, week: 3 },
  'cells-g9': { title: 'Cells and tissues', subject: SUBJECT, grade: '9', term: 1, week: 2 },
};

/** Polls what the teacher's editor shows until it contains every one of `parts`. */
async function expectScreenToShow(teacher: Workbench, parts: string[], timeout = 30_000): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        text = await teacher.editorText();
        return parts.every((p) => text.includes(p));
      },
      { timeout, interval: 500 },
    )
    .toBe(true);
  return text;
}

/** The names on the editor tabs (code-server draws a file's extension as a separate line). */
async function tabLabels(teacher: Workbench): Promise<string[]> {
  const labels = await teacher.page.locator('.tabs-container .tab .monaco-icon-label').allInnerTexts();
  return labels.map((l) => l.replace(/\s*\n\s*/g, '').trim());
}

async function activeTabLabel(teacher: Workbench): Promise<string> {
  const label = await teacher.page
    .locator('.editor-group-container.active .tab.active .monaco-icon-label')
    .first()
    .innerText();
  return label.replace(/\s*\n\s*/g, '').trim();
}

describe.each(hostsUnderTest())('A lesson plan from template to print in $label', (host) => {
  let server: SyncServerProcess;
  let cluster: ClusterFixture;
  let session: E2ESession | undefined;
  let amina: Workbench;
  let planId = '';

  /** The server's plan list, as GET /api/plans gives it to the leader. */
  async function serverPlans(): Promise<PlanSummary[]> {
    const response = await fetch(`${server.url}/api/plans`, {
      headers: { Authorization: `Bearer ${cluster.leaderToken}` },
    });
    expect(response.ok).toBe(true);
    return ((await response.json()) as { plans: PlanSummary[] }).plans;
  }

  async function serverPlan(id: string): Promise<PlanSummary | undefined> {
    return (await serverPlans()).find((p) => p.id === id);
  }

  /** The plan's text on the server, read by a third, ordinary y-websocket client. */
  async function serverText(id: string): Promise<string> {
    const observer = await server.connect(`${cluster.clusterId}/plan/${id}`, cluster.leaderToken);
    const text = planText(observer.doc).toString();
    observer.provider.destroy();
    return text;
  }

  beforeAll(async () => {
    server = await SyncServerProcess.start();
    cluster = server.createCluster(CLUSTER, 'Thandi Mokoena', SCHOOLS);
    for (const [id, fm] of Object.entries(SEEDS)) {
      const leader = await server.connect(`${cluster.clusterId}/plan/${id}`, cluster.leaderToken);
      planText(leader.doc).insert(0, `${writeFrontMatter(fm)}\n# ${fm.title}\n`);
      await new Promise((r) => setTimeout(r, 500));
      leader.provider.destroy();
    }
    session = new E2ESession(host);
    await session.start({ settings: { 'clusterLessons.serverUrl': server.url } });
    await settingUp(
      () => session,
      `plan-lifecycle-${host.kind}`,
      async () => {
        amina = await session!.openTeacher('amina');
        // The palette lists only the commands known when it opens: wait until the extension is up.
        await amina.statusBarItem('clusterLessons.syncStatus').waitFor({ timeout: 60_000 });
        await joinCluster(
          amina,
          server,
          { invite: cluster.invites.teacher!, name: CLUSTER },
          { name: TEACHER, school: SCHOOLS[0]! },
        );
        await closeWelcomePage(amina);
      },
    );
  });
  afterAll(async () => {
    await session?.stop();
    await server?.stop();
  });
  screenshotOnFailure(() => session);

  it('"New Lesson Plan…" from the CAPS template opens the plan, files it under subject and grade, and the server has the same text', async () => {
    await startCommand(amina, 'Cluster Lessons: New Lesson Plan…');
    await answerPrompt(amina, 'Choose a template', CAPS_TEMPLATE.label);
    await answerPrompt(amina, 'Title of the lesson', TITLE);
    // Subjects the cluster already has are offered; she picks hers from the list.
    await answerPrompt(amina, 'Subject', SUBJECT);
    await answerPrompt(amina, 'Grade or class', '8');
    await answerPrompt(amina, 'Term and week', '1 5');

    await expect.poll(() => activeTabLabel(amina), { timeout: 30_000 }).toBe(FILE);
    await expectScreenToShow(amina, [
      `title: ${TITLE}`,
      `subject: ${SUBJECT}`,
      'grade: 8',
      'term: 1',
      'week: 5',
      `school: ${SCHOOLS[0]}`,
      `teacher: ${TEACHER}`,
      'template: caps',
      `# ${TITLE}`,
      '## Topic and CAPS reference',
      '## Lesson objectives',
    ]);
    // The end of the template, where she scrolls to.
    await amina.typeAtEndOfLine(`# ${TITLE}`, '');
    await amina.page.keyboard.press('Control+End');
    await expectScreenToShow(amina, ['## Differentiation', '## Reflection (after the lesson)']);
    await amina.page.keyboard.press('Control+Home');

    await revealInExplorer(amina, [...FOLDER, FILE]);
    await expect.poll(() => explorerPathOf(amina, FILE), { timeout: 20_000 }).toEqual([...FOLDER, FILE]);
    await amina.screenshot(`plan-lifecycle-${host.kind}-new-plan`);

    let created: PlanSummary | undefined;
    await expect
      .poll(
        async () => {
          created = (await serverPlans()).find((p) => p.title === TITLE);
          return created;
        },
        { timeout: 30_000 },
      )
      .toMatchObject({ title: TITLE, subject: SUBJECT, grade: '8', term: 1, week: 5 });
    planId = created!.id;
    expect(created!.deletedAt).toBeUndefined();
    await expect.poll(() => serverText(planId), { timeout: 20_000 }).toBe(EXPECTED);
  });

  it('renaming in the explorer changes the title in the front matter, in the editor and on the server, and keeps the plan', async () => {
    const row = await revealInExplorer(amina, [...FOLDER, FILE]);
    await row.click();
    await amina.page.keyboard.press('F2');
    const box = amina.page.locator('.explorer-folders-view .monaco-inputbox input');
    await box.waitFor({ timeout: 10_000 });
    expect(await box.inputValue()).toBe(FILE);
    // VS Code selects the name without ".md"; she types the new one over it.
    await amina.page.keyboard.type(`T1W05 ${RENAMED}`, { delay: 15 });
    expect(await box.inputValue()).toBe(RENAMED_FILE);
    await amina.page.keyboard.press('Enter');

    await explorerRow(amina, RENAMED_FILE).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => explorerPathOf(amina, RENAMED_FILE), { timeout: 20_000 })
      .toEqual([...FOLDER, RENAMED_FILE]);
    await expect.poll(() => explorerPathOf(amina, FILE), { timeout: 20_000 }).toBeUndefined();
    // The open editor follows the plan to its new name and shows the new title; the body is hers.
    await expect.poll(() => activeTabLabel(amina), { timeout: 20_000 }).toBe(RENAMED_FILE);
    const seen = await expectScreenToShow(amina, [`title: ${RENAMED}`, `# ${TITLE}`, '## Lesson objectives']);
    expect(seen).not.toContain(`title: ${TITLE}`);
    // Nothing is left behind at the old name: one row, one editor, no failed save.
    await amina.page.waitForTimeout(2_000);
    expect(await explorerChildrenOf(amina, 'Grade 8')).toEqual([RENAMED_FILE, 'T2W03 Photosynthesis.md']);
    expect(await tabLabels(amina)).toEqual([RENAMED_FILE]);
    expect((await amina.notifications().allInnerTexts()).join('\n')).not.toContain('Failed to save');
    await amina.screenshot(`plan-lifecycle-${host.kind}-renamed`);

    await expect.poll(() => serverText(planId), { timeout: 20_000 }).toBe(RENAMED_TEXT);
    await expect.poll(async () => (await serverPlan(planId))?.title, { timeout: 20_000 }).toBe(RENAMED);
    expect((await serverPlans()).map((p) => p.id).sort()).toEqual([...Object.keys(SEEDS), planId].sort());
  });

  it('deleting in the explorer asks first, then moves the plan to Trash; "Restore Plan" brings it back intact', async () => {
    const row = await revealInExplorer(amina, [...FOLDER, RENAMED_FILE]);
    await row.click();
    await amina.page.keyboard.press('Delete');
    const asked = dialog(amina);
    await asked.waitFor({ timeout: 10_000 });
    const question = await amina.textOf(asked);
    await amina.screenshot(`plan-lifecycle-${host.kind}-delete-dialog`);
    expect(question).toContain(RENAMED_FILE);
    // The plan goes to Trash (restorable for 30 days), but VS Code cannot know that of an
    // extension's file system (the API has no trash capability): its question says
    // "permanently delete". The extension says what really happened right after.
    expect(question).toContain(`Are you sure you want to permanently delete '${RENAMED_FILE}'?`);
    await clickDialogButton(amina, 'Delete');
    await asked.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect
      .poll(() => amina.notifications().allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(
        expect.stringContaining(`'${RENAMED}' is in the cluster's Trash: it can be restored for 30 days`),
      );

    await revealInExplorer(amina, [CLUSTER, 'Trash', RENAMED_FILE]);
    await expect
      .poll(() => explorerPathOf(amina, RENAMED_FILE), { timeout: 20_000 })
      .toEqual([CLUSTER, 'Trash', RENAMED_FILE]);
    expect(await explorerChildrenOf(amina, 'Grade 8')).not.toContain(RENAMED_FILE);
    await amina.screenshot(`plan-lifecycle-${host.kind}-in-trash`);
    expect((await serverPlan(planId))?.deletedAt).toEqual(expect.any(Number));
    expect(await serverText(planId)).toBe(RENAMED_TEXT);

    await chooseFromContextMenu(amina, explorerRow(amina, RENAMED_FILE), 'Restore Plan');
    await expect
      .poll(() => amina.notifications().allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining('The plan is back in its folder.'));
    await revealInExplorer(amina, [...FOLDER, RENAMED_FILE]);
    await expect
      .poll(() => explorerPathOf(amina, RENAMED_FILE), { timeout: 20_000 })
      .toEqual([...FOLDER, RENAMED_FILE]);
    await expect.poll(() => explorerRow(amina, 'Trash').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(async () => (await serverPlan(planId))?.deletedAt, { timeout: 20_000 }).toBeUndefined();
    expect(await serverText(planId)).toBe(RENAMED_TEXT);

    await closeAllTabs(amina);
    await amina.openInExplorer([...FOLDER, RENAMED_FILE]);
    await expectScreenToShow(amina, [`title: ${RENAMED}`, `# ${TITLE}`, '## Lesson objectives']);
    await amina.screenshot(`plan-lifecycle-${host.kind}-restored`);
  });

  it('"Print Lesson Plan" shows the title, the header card and the body on a printable page', async () => {
    await closeAllTabs(amina);
    await amina.openInExplorer([...FOLDER, RENAMED_FILE]);
    await expectScreenToShow(amina, [`title: ${RENAMED}`]);
    const printed = visibleWebview(amina);
    // A webview can take long to load on a busy machine: a generous wait before running it again.
    await amina.runCommandUntilShown(
      'Cluster Lessons: Print Lesson Plan',
      printed.locator('.cl-plan-header'),
      {
        timeout: 40_000,
      },
    );
    expect(await printed.locator('.cl-plan-title').textContent()).toBe(RENAMED);
    expect(await headerCard(printed)).toEqual({
      Subject: SUBJECT,
      Grade: '8',
      'Term / week': '1 / 5',
      School: SCHOOLS[0],
      Teacher: TEACHER,
    });
    expect(await printed.locator('main h1').first().textContent()).toBe(TITLE);
    const headings = await printed.locator('main h2').allTextContents();
    expect(headings).toContain('Lesson objectives');
    expect(headings).toContain('Reflection (after the lesson)');
    // The front matter is the card, never raw YAML on the page.
    expect(await printed.locator('main').innerText()).not.toContain('title:');
    await expect.poll(() => printed.locator('vscode-button#print').textContent()).toContain('Print');
    await amina.screenshot(`plan-lifecycle-${host.kind}-print`);
  });

  it("VS Code's Markdown preview opens beside the plan and renders its body", async () => {
    await closeAllTabs(amina);
    await amina.openInExplorer([...FOLDER, RENAMED_FILE]);
    await expectScreenToShow(amina, [`title: ${RENAMED}`]);
    await clickEditorTitleAction(amina, 'Open Preview to the Side');
    const preview = visibleWebview(amina);
    await expect
      .poll(
        () =>
          preview
            .locator('h1')
            .first()
            .textContent({ timeout: 2_000 })
            .catch(() => null),
        {
          timeout: 60_000,
        },
      )
      .toBe(TITLE);
    expect(await preview.locator('h2').allTextContents()).toContain('Lesson objectives');
    // The front matter is not shown as YAML text: the header card stands in its place.
    expect(await preview.locator('body').innerText()).not.toContain(`title: ${RENAMED}`);
    await amina.screenshot(`plan-lifecycle-${host.kind}-preview`);
  });

  // The plugin's rule must run before VS Code's own front_matter rule (core/plan/planMarkdown.ts).
  it("VS Code's Markdown preview shows the plan's header card", async () => {
    const preview = visibleWebview(amina);
    await preview.locator('h1').first().waitFor({ timeout: 20_000 });
    await preview.locator('.cl-plan-header').waitFor({ timeout: 10_000 });
    expect(await preview.locator('.cl-plan-title').textContent()).toBe(RENAMED);
    expect(await headerCard(preview)).toEqual({
      Subject: SUBJECT,
      Grade: '8',
      'Term / week': '1 / 5',
      School: SCHOOLS[0],
      Teacher: TEACHER,
    });
  });
});
