import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../core/pacesetter/isoDate';
import { writeFrontMatter } from '../../core/plan/frontMatter';
import { planText } from '../../core/plan/planDoc';
import { joinCluster } from './harness/cluster';
import {
  clickThreadAction,
  readThread,
  pickMany,
  replyInThread,
  threadIsUnderLine,
  threadShowing,
} from './harness/comments';
import { hostsUnderTest } from './harness/hosts';
import { E2ESession, screenshotOnFailure, settingUp } from './harness/session';
import { type ClusterFixture, SyncServerProcess } from './harness/syncServer';
import type { Workbench } from './harness/workbench';

const CLUSTER = 'Nkomazi Science Cluster';
const SCHOOLS = ['Mbuzini Secondary School', 'Tonga Combined School'];
const PLAN_PATH = [CLUSTER, 'Natural Sciences', 'Grade 8', 'T2W03 Photosynthesis.md'];
const PLAN = `${writeFrontMatter({ title: 'Photosynthesis', subject: 'Natural Sciences', grade: '8', term: 2, week: 3 })}
# Photosynthesis

## Introduction
Ask where a tree gets its mass.

## Development
Starch test on two leaves.

## Homework
Workbook page 42.
`;
const LINE = 'Starch test on two leaves.';
const SUGGESTION = 'Let learners predict the colour first.';
const REPLY = 'Thank you, I will try it on Thursday.';
const STEP = 'Use pair talk before the experiment';

describe.each(hostsUnderTest())('Peer observation of a lesson in $label', (host) => {
  let server: SyncServerProcess;
  let cluster: ClusterFixture;
  let session: E2ESession | undefined;
  let amina: Workbench;
  let lerato: Workbench;
  const planDoc = () => `${cluster.clusterId}/plan/photosynthesis`;

  beforeAll(async () => {
    server = await SyncServerProcess.start();
    cluster = server.createCluster(CLUSTER, 'Thandi Mokoena', SCHOOLS);
    const leader = await server.connect(planDoc(), cluster.leaderToken);
    planText(leader.doc).insert(0, PLAN);
    await new Promise((r) => setTimeout(r, 500));
    leader.provider.destroy();
    session = new E2ESession(host);
    await session.start({ settings: { 'clusterLessons.serverUrl': server.url } });
    await settingUp(
      () => session,
      `observation-${host.kind}`,
      async () => {
        amina = await session!.openTeacher('amina');
        lerato = await session!.openTeacher('lerato');
        await joinCluster(
          amina,
          server,
          { invite: cluster.invites.teacher!, name: CLUSTER },
          { name: 'Amina Dlamini', school: SCHOOLS[0]! },
        );
        await joinCluster(
          lerato,
          server,
          { invite: cluster.invites.teacher!, name: CLUSTER },
          { name: 'Lerato Khumalo', school: SCHOOLS[1]! },
        );
      },
    );
  });
  afterAll(async () => {
    await session?.stop();
    await server?.stop();
  });
  screenshotOnFailure(() => session);

  it('the teacher invites a colleague; the observer’s suggestion stays on its line after a co-author adds lines above it', async () => {
    await amina.openInExplorer(PLAN_PATH);
    await expect.poll(() => amina.editorText(), { timeout: 30_000 }).toContain(LINE);
    await amina.startCommand('Cluster Lessons: Open an Observation Round on This Plan…');
    await pickMany(amina, ['Lerato Khumalo']);
    await amina.answerPrompts([
      localIsoDate(new Date()),
      'Grade 8B',
      'Do all learners talk?',
      'One observed lesson',
    ]);
    await expect
      .poll(() => amina.notifications().allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining('Observation round opened'));

    await lerato.openInExplorer(PLAN_PATH);
    await expect.poll(() => lerato.editorText(), { timeout: 30_000 }).toContain(LINE);
    await lerato.typeAtEndOfLine(LINE, '');
    // Its first step is a quick pick, which replaces the palette at once: start it rather than
    // wait for the palette to close (that wait can miss the moment and time out).
    await lerato.startCommand('Cluster Lessons: Add Observation Feedback on This Line…');
    await lerato.answerPrompts(['Suggestion', 'Pedagogy', SUGGESTION]);
    await threadShowing(lerato, SUGGESTION).waitFor({ timeout: 30_000 });

    // A co-author at another school adds a starter above the line, through the ordinary protocol.
    const coAuthor = await server.connect(planDoc(), cluster.leaderToken);
    const text = planText(coAuthor.doc);
    text.insert(text.toString().indexOf('## Introduction'), '## Starter\nShow a seedling and a bean.\n\n');
    await new Promise((r) => setTimeout(r, 500));
    coAuthor.provider.destroy();

    await expect.poll(() => amina.editorText(), { timeout: 30_000 }).toContain('Show a seedling and a bean.');
    await threadShowing(amina, SUGGESTION).waitFor({ timeout: 30_000 });
    await expect.poll(() => threadIsUnderLine(amina, SUGGESTION, LINE), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => threadIsUnderLine(lerato, SUGGESTION, LINE), { timeout: 20_000 }).toBe(true);
    expect(await amina.textOf(threadShowing(amina, SUGGESTION))).toContain('Suggestion · Pedagogy');
    await amina.screenshot(`observation-${host.kind}-thread-on-its-line`);
  });

  it('the teacher replies and resolves the thread, and the observer sees both', async () => {
    await replyInThread(amina, SUGGESTION, REPLY);
    await expect
      .poll(() => amina.textOf(threadShowing(amina, SUGGESTION)), { timeout: 20_000 })
      .toContain(REPLY);
    await clickThreadAction(amina, SUGGESTION, 'Resolve');
    await expect.poll(() => readThread(lerato, SUGGESTION), { timeout: 40_000 }).toContain(REPLY);
    await expect
      .poll(() => readThread(lerato, SUGGESTION), { timeout: 40_000 })
      .toContain('resolved by Amina Dlamini');
  });

  it('an agreed next step shows in Next Steps, flagged overdue, and cannot be closed without an outcome', async () => {
    await amina.runCommand('Cluster Lessons: Add Next Step…');
    await amina.answerPrompts([STEP, 'Amina Dlamini', '2020-03-02', 'Nobody']);
    await amina.runCommand('View: Show Observation');
    const row = amina.page.locator('.monaco-list-row', { hasText: STEP }).first();
    await row.waitFor({ timeout: 30_000 });
    expect(await amina.textOf(row)).toContain('overdue since 2020-03-02');

    await row.hover();
    await row.locator('[aria-label="Close Step with Outcome…"]').click();
    const input = amina.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await amina.page.keyboard.press('Enter');
    await expect
      .poll(() => amina.textOf(amina.page.locator('.quick-input-widget')), { timeout: 10_000 })
      .toContain('a step cannot be closed without one');
    expect(await input.isVisible()).toBe(true);
    await input.fill('Learners talked in pairs first; more of them answered.');
    await amina.page.keyboard.press('Enter');
    await expect
      .poll(() => amina.textOf(amina.page.locator('.pane', { hasText: 'Next Steps' }).first()), {
        timeout: 20_000,
      })
      .toContain('Done (1)');
  });

  it('a leader proposes an observation; the teacher accepts it, writes her reflection, the observer reads it live, and the record prints on one page', async () => {
    // The leader's proposal, made through the server's API as her VS Code would.
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${cluster.leaderToken}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.ok).toBe(true);
      return (await response.json()) as Record<string, unknown>;
    };
    const { members } = (await api('GET', '/api/members')) as { members: { id: string; name: string }[] };
    const id = (name: string) => members.find((m) => m.name === name)?.id;
    await api('POST', '/api/rounds', {
      teacher: id('Amina Dlamini'),
      observers: [id('Lerato Khumalo')],
      plan: 'photosynthesis',
      date: '2026-12-03',
      className: 'Grade 8C',
    });

    // Amina is asked, in a notification, when her VS Code next looks (here: the window gains focus).
    await amina.runCommandUntilShown(
      'Cluster Lessons: Refresh Observation Rounds',
      amina.notifications().filter({ hasText: 'proposes to observe your lesson' }),
    );
    await amina.clickNotificationButton('Accept');

    // Her reflection, in the post-lesson discussion, opened from the Observation Rounds view.
    const round = amina.page.locator('.monaco-list-row', { hasText: '2026-12-03' }).first();
    await amina.runCommandUntilShown('View: Show Observation', round);
    await expect.poll(() => amina.textOf(round), { timeout: 30_000 }).toContain('open');
    await round.click();
    await amina.page.locator('.monaco-list-row', { hasText: '1. The teacher reflects' }).first().click();
    await amina.page.locator('.editor-group-container.active .view-lines').first().click();
    await amina.page.keyboard.type('The learners at the back could not see the leaves.', { delay: 15 });
    await amina.page.keyboard.press('Control+s');

    await lerato.runCommand('Cluster Lessons: Refresh Observation Rounds');
    await lerato.runCommand('View: Show Observation');
    const leratoRound = lerato.page.locator('.monaco-list-row', { hasText: '2026-12-03' }).first();
    await leratoRound.waitFor({ timeout: 30_000 });
    await leratoRound.click();
    await lerato.page.locator('.monaco-list-row', { hasText: '1. The teacher reflects' }).first().click();
    await expect
      .poll(() => lerato.editorText(), { timeout: 30_000 })
      .toContain('The learners at the back could not see the leaves.');

    // The one-page record, from the palette (the round is the one of 3 December).
    await amina.startCommand('Cluster Lessons: Print Observation Record');
    await amina.answerPrompts(['2026-12-03']);
    const record = amina.page
      .frameLocator('iframe.webview.ready >> visible=true')
      .frameLocator('#active-frame');
    await expect
      .poll(() => record.locator('body').innerText(), { timeout: 30_000 })
      .toContain('Lesson observation record');
    const printed = await record.locator('body').innerText();
    expect(printed).toContain('Developmental');
    expect(printed).toContain('The learners at the back could not see the leaves.');
    expect(printed).toContain('Lerato Khumalo');
    expect(printed).toContain('Mbuzini Secondary School');
    // Saving the discussion was only a confirmation: VS Code reported no conflict.
    expect((await amina.notifications().allInnerTexts()).join('\n')).not.toContain('Failed to save');
    await amina.screenshot(`observation-${host.kind}-record`);
  });

  it('in a lesson study the teacher records each teaching with the plan as taught, and compares two cycles', async () => {
    await amina.page.keyboard.press('Escape');
    await amina.openInExplorer(PLAN_PATH);
    await amina.startCommand('Cluster Lessons: Open an Observation Round on This Plan…');
    await pickMany(amina, ['Lerato Khumalo']);
    await amina.answerPrompts(['2026-12-10', '', '', 'Lesson study']);
    await expect
      .poll(() => amina.notifications().allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining('Observation round opened'));

    await amina.runCommand('Cluster Lessons: Record a Teaching of This Lesson (Lesson Study)…');
    await amina.answerPrompts(['2026-12-10', SCHOOLS[0]!, 'First teaching']);
    await expect
      .poll(() => amina.notifications().allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining('Cycle 1 recorded'));

    // Revised after the discussion, then taught again at the other school.
    await amina.openInExplorer(PLAN_PATH);
    await amina.typeAtEndOfLine('Workbook page 42.', ' Then page 43 in pairs.');
    await amina.runCommand('Cluster Lessons: Record a Teaching of This Lesson (Lesson Study)…');
    await amina.answerPrompts(['2026-12-17', SCHOOLS[1]!, 'Re-taught at Tonga']);
    await expect
      .poll(() => amina.notifications().allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining('Cycle 2 recorded'));

    await amina.startCommand('Cluster Lessons: Compare Lesson Study Cycles');
    await amina.answerPrompts(['']);
    await amina.page
      .locator('.tabs-container .tab', { hasText: 'cycle 1' })
      .first()
      .waitFor({ timeout: 20_000 });
    // VS Code shows the diff side by side or inline, depending on the width: read it as a whole,
    // and find the revision among the parts it marks as inserted.
    const diff = amina.page.locator('.monaco-diff-editor').first();
    await expect.poll(() => amina.textOf(diff), { timeout: 20_000 }).toContain('Then page 43 in pairs.');
    expect(await amina.textOf(diff)).toContain('Workbook page 42.');
    await expect
      .poll(() => diff.locator('.char-insert, .line-insert').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await amina.screenshot(`observation-${host.kind}-lesson-study-diff`);
  });
});
