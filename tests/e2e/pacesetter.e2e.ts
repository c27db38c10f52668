import type { FrameLocator, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { paceSetterToCsv } from '../../core/pacesetter/csv';
import { addEntry, setMeta } from '../../core/pacesetter/edits';
import { addDays, localIsoDate, mondayOf } from '../../core/pacesetter/isoDate';
import { paceSetterId, readPaceSetter } from '../../core/pacesetter/model';
import { PaceSetterOrigin } from '../../core/pacesetter/origin';
import { addTerm } from '../../core/pacesetter/termEdits';
import type { EntryView } from '../../core/pacesetter/types';
import { registerInCluster } from '../../extension/pacesetter/registry';
import { joinCluster } from './harness/cluster';
import { hostsUnderTest } from './harness/hosts';
import { E2ESession, screenshotOnFailure } from './harness/session';
import { type ClusterFixture, SyncServerProcess } from './harness/syncServer';
import type { Workbench } from './harness/workbench';

// The common pace-setter across two devices: the leader shapes it, a teacher records what her
// school taught, and the server (not the teacher's VS Code) refuses a teacher's change to it.

const CLUSTER = 'Nkomazi Science Cluster';
const SCHOOLS = ['Mbuzini Secondary School', 'Tonga Combined School'];
const TODAY = localIsoDate(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const META = { subject: 'Natural Sciences', grade: '8', year: YEAR };
const PACESETTER_ID = paceSetterId(META);
const TITLE = `Natural Sciences · Grade 8 · ${YEAR}`;
const CSV_FILE = 'pacesetter-from-the-district.csv';
const REFUSAL =
  'The server refused this change: only the cluster leader or an advisor can change the pace-setter.';

type Fixture = ClusterFixture & { readonly schools: readonly { id: string; name: string }[] };

/** Term 1 began two Mondays ago, so today is in week 3; weeks 1 to 3 are planned. */
function seedPaceSetter(doc: Y.Doc): void {
  const origin = new PaceSetterOrigin('e2e seed');
  setMeta(doc, META, origin);
  const start = mondayOf(addDays(TODAY, -14));
  addTerm(doc, { number: 1, start, end: addDays(start, 70) }, origin);
  addEntry(doc, { term: 1, week: 1, topic: 'Cells as the basic units of life' }, origin);
  addEntry(doc, { term: 1, week: 2, topic: 'Microscopes and magnification' }, origin);
  addEntry(
    doc,
    {
      term: 1,
      week: 3,
      topic: 'Photosynthesis',
      formal: { type: 'Test', weight: 25, date: addDays(start, 25), common: true },
    },
    origin,
  );
}

/** The pace-setter webview: VS Code nests it in an iframe inside an iframe. */
function paceSetter(teacher: Workbench): FrameLocator {
  return teacher.page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

async function openPaceSetter(teacher: Workbench): Promise<FrameLocator> {
  await teacher.startCommand('Cluster Lessons: Open Pace-Setter');
  await teacher.answerPrompts([TITLE]);
  const frame = paceSetter(teacher);
  await frame.locator('h1', { hasText: TITLE }).waitFor({ timeout: 60_000 });
  return frame;
}

/** Waits until what a person reads in `locator` contains `text`; returns it. */
async function shows(locator: Locator, text: string, timeout = 20_000): Promise<string> {
  let seen = '';
  await expect
    .poll(
      async () => {
        seen = (
          (await locator
            .first()
            .textContent({ timeout: 2_000 })
            .catch(() => '')) ?? ''
        ).replace(/\u00a0/g, ' ');
        return seen.includes(text);
      },
      { timeout, interval: 250 },
    )
    .toBe(true);
  return seen;
}

async function showGrid(frame: FrameLocator): Promise<void> {
  await frame.locator('#cl-tab-grid').click();
  await frame.locator('#cl-view-grid table').waitFor();
}

describe.each(hostsUnderTest())('The cluster keeps one pace-setter in $label', (host) => {
  let server: SyncServerProcess;
  let cluster: Fixture;
  let session: E2ESession | undefined;
  let thandi: Workbench;
  let bongani: Workbench;
  let entries: EntryView[];
  const docName = () => `${cluster.clusterId}/pacesetter/${PACESETTER_ID}`;
  const tonga = () => cluster.schools[1]!.id;

  /** What the server holds, read by a third, ordinary y-websocket client. */
  async function serverCopy() {
    const observer = await server.connect(docName(), cluster.leaderToken);
    const view = readPaceSetter(observer.doc, PACESETTER_ID);
    observer.provider.destroy();
    return view;
  }

  beforeAll(async () => {
    server = await SyncServerProcess.start();
    cluster = server.createCluster(CLUSTER, 'Thandi Mokoena', SCHOOLS) as Fixture;
    const pacesetter = await server.connect(docName(), cluster.leaderToken);
    seedPaceSetter(pacesetter.doc);
    entries = readPaceSetter(pacesetter.doc, PACESETTER_ID).entries.slice();
    const meta = await server.connect(`${cluster.clusterId}/meta`, cluster.leaderToken);
    registerInCluster(meta.doc, PACESETTER_ID, META, 'e2e seed');
    await new Promise((r) => setTimeout(r, 500));
    pacesetter.provider.destroy();
    meta.provider.destroy();
    // The file a teacher got from the district office: week 1 renamed.
    const csv = paceSetterToCsv([{ ...entries[0]!, topic: 'Cells and tissues' }]);
    session = new E2ESession(host);
    await session.start({ settings: { 'clusterLessons.serverUrl': server.url }, files: { [CSV_FILE]: csv } });
    thandi = await session.openTeacher('thandi');
    bongani = await session.openTeacher('bongani');
    await joinCluster(
      thandi,
      server,
      { invite: cluster.invites.leader!, name: CLUSTER },
      { name: 'Thandi Mokoena', school: SCHOOLS[0]! },
    );
    await joinCluster(
      bongani,
      server,
      { invite: cluster.invites.teacher!, name: CLUSTER },
      { name: 'Bongani Nkosi', school: SCHOOLS[1]! },
    );
  });
  afterAll(async () => {
    await session?.stop();
    await server?.stop();
  });
  screenshotOnFailure(() => session);

  it('the leader adds a week and the teacher sees it appear', async () => {
    const leader = await openPaceSetter(thandi);
    const teacher = await openPaceSetter(bongani);
    await shows(teacher.locator('#cl-view-editor'), 'Microscopes and magnification');
    // The teacher reads; only the leader has the tools to change it.
    expect(await teacher.locator('vscode-button[aria-label="Add a week to term 1"]').count()).toBe(0);
    await leader.locator('vscode-button[aria-label="Add a week to term 1"]').click();
    await thandi.page.keyboard.type('Micro-organisms in food');
    await thandi.page.keyboard.press('Enter');
    await shows(leader.locator('.cl-status'), 'Saved.');
    await shows(teacher.locator('#cl-view-editor'), 'Micro-organisms in food');
    const stored = await serverCopy();
    expect(stored.entries.map((e) => [e.week, e.topic])).toContainEqual([4, 'Micro-organisms in food']);
    await thandi.screenshot(`pacesetter-${host.kind}-leader-added-a-week`);
  });

  it("the teacher records what her school taught and the leader's grid shows it", async () => {
    const teacher = paceSetter(bongani);
    const leader = paceSetter(thandi);
    await showGrid(teacher);
    await showGrid(leader);
    const cell = `td[data-key="c:${entries[0]!.id}:${tonga()}"]`;
    await shows(leader.locator(cell), 'Not started');
    await teacher.locator(cell).click();
    await bongani.page.keyboard.press('Enter');
    const form = teacher.locator(`[data-form="cov:${entries[0]!.id}:${tonga()}"]`);
    await form.waitFor();
    await form.locator('vscode-button', { hasText: 'Save' }).click();
    await shows(teacher.locator('.cl-status'), 'Saved.');
    await shows(leader.locator(cell), 'Taught');
    await shows(leader.locator(cell), TODAY);
    await thandi.screenshot(`pacesetter-${host.kind}-leader-grid`);
  });

  it("the teacher's change to an entry is refused by the server, and her screen says so and shows the cluster's copy", async () => {
    // She opens the district's CSV and tries to import it into the pace-setter.
    await bongani.openInExplorer([host.kind === 'web' ? 'mount' : 'workspace', CSV_FILE]);
    await bongani.startCommand('Cluster Lessons: Import Pace-Setter from CSV…');
    await bongani.answerPrompts(['Add this file']);
    await shows(bongani.notifications().filter({ hasText: REFUSAL }), REFUSAL, 30_000);
    const teacher = paceSetter(bongani);
    await shows(teacher.locator('.cl-notice'), REFUSAL);
    const editor = await shows(teacher.locator('#cl-view-editor'), 'Cells as the basic units of life');
    expect(editor).not.toContain('Cells and tissues');
    await bongani.screenshot(`pacesetter-${host.kind}-teacher-refused`);
    // The cluster never got it: not on the server, not on the leader's screen.
    expect((await serverCopy()).entries[0]!.topic).toBe('Cells as the basic units of life');
    const leaderSees = await shows(
      paceSetter(thandi).locator('#cl-pacesetter'),
      'Cells as the basic units of life',
    );
    expect(leaderSees).not.toContain('Cells and tissues');
  });
  it("a teacher starts a lesson plan from this week's entry, and This Week lists the topic, the plan and the common test", async () => {
    const teacher = paceSetter(bongani);
    await teacher.locator('#cl-tab-editor').click();
    await teacher.locator('vscode-button[aria-label=\'New lesson plan for "Photosynthesis"\']').click();
    await bongani.answerPrompts(['CAPS lesson plan']);
    const plan = await shows(
      // Found by its text: the webview may take focus back (and with it the active group).
      bongani.page
        .locator('.editor-group-container .monaco-editor .view-lines', { hasText: 'caps' })
        .first(),
      '# Photosynthesis',
    );
    expect(plan).toContain(`${PACESETTER_ID}#${entries[2]!.id}`); // the front matter's `entry`
    expect(plan).toContain('week: 3');
    await bongani.startCommand('Explorer: Focus on This Week View');
    const header = bongani.page.locator('.pane-header', { hasText: 'This Week' });
    const pane = bongani.page.locator('.pane', { has: header });
    const text = await shows(pane.locator('.pane-body'), 'New Plan for This Entry', 30_000);
    expect(text).toContain(TITLE);
    expect(text).toContain(`Next common assessment: Test on ${entries[2]!.formal!.date}`);
    // This week's topic, and under it the plan just made (same subject, grade, term and week).
    expect(
      await pane.locator('.monaco-list-row', { hasText: 'Photosynthesis' }).count(),
    ).toBeGreaterThanOrEqual(2);
    await bongani.screenshot(`pacesetter-${host.kind}-this-week`);
  });
  it("a teacher says she can help with photosynthesis, and the leader's This Week and pace-setter name her", async () => {
    await bongani.startCommand('Cluster Lessons: Set My Expertise…');
    await bongani.answerPrompts(['photosynthesis, starch test']);
    await expect
      .poll(() => bongani.notifications().allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining('photosynthesis, starch test'));
    // The server keeps it: the leader's ordinary API call reads it back.
    const response = await fetch(`${server.url}/api/expertise`, {
      headers: { Authorization: `Bearer ${cluster.leaderToken}` },
    });
    const { expertise } = (await response.json()) as { expertise: { name: string; topics: string[] }[] };
    expect(expertise.find((e) => e.name === 'Bongani Nkosi')?.topics).toEqual([
      'photosynthesis',
      'starch test',
    ]);

    // The leader refreshes This Week (the button in its title) and sees whom to ask.
    await thandi.startCommand('Explorer: Focus on This Week View');
    const header = thandi.page.locator('.pane-header', { hasText: 'This Week' });
    await header.hover();
    await header.locator('[aria-label^="Refresh"]').first().click();
    const pane = thandi.page.locator('.pane', { has: header });
    await shows(pane.locator('.pane-body'), 'Can help with Photosynthesis: Bongani Nkosi', 30_000);
    // Her open pace-setter says it on the Photosynthesis row too.
    const leader = paceSetter(thandi);
    await leader.locator('#cl-tab-editor').click();
    await shows(leader.locator('body'), 'Can help: Bongani Nkosi', 30_000);
  });

  it("the leader prints the pace-setter with every school's coverage on a page of its own", async () => {
    const leader = paceSetter(thandi);
    await leader.locator('vscode-button[data-key="tool:print-coverage"]').click();
    // The page to print opens beside the pace-setter, in a webview of its own.
    const page = thandi.page
      .frameLocator('iframe.webview.ready >> visible=true')
      .last()
      .frameLocator('#active-frame');
    const text = await shows(page.locator('main'), 'Micro-organisms in food');
    for (const part of [TITLE, 'Term 1', SCHOOLS[0]!, SCHOOLS[1]!, `taught ${TODAY}`, 'common paper'])
      expect(text).toContain(part);
    expect(await page.locator('vscode-button#print').count()).toBe(1);
    await thandi.screenshot(`pacesetter-${host.kind}-print`);
  });
  it("the leader makes a new pace-setter and the teacher finds it among the cluster's pace-setters", async () => {
    const maths = `Mathematics · Grade 8 · ${YEAR}`;
    const start = mondayOf(TODAY);
    await thandi.startCommand('Cluster Lessons: New Pace-Setter…');
    await thandi.answerPrompts(['Mathematics', '8', String(YEAR), `2 ${start} ${addDays(start, 60)}`]);
    const tab = (teacher: Workbench) => teacher.page.locator('.tabs-container .tab', { hasText: maths });
    await tab(thandi).waitFor({ timeout: 30_000 });
    await bongani.startCommand('Cluster Lessons: Open Pace-Setter');
    await bongani.answerPrompts(['Mathematics']);
    await tab(bongani).waitFor({ timeout: 30_000 });
    const registered = await server.connect(`${cluster.clusterId}/meta`, cluster.leaderToken);
    const listed = registered.doc.getMap('pacesetters').toJSON();
    registered.provider.destroy();
    expect(Object.keys(listed).sort()).toEqual([`mathematics-8-${YEAR}`, PACESETTER_ID].sort());
  });
});
