import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSnapshot } from './clusterSnapshot';
import {
  focused,
  type Harness,
  posted,
  screenshot,
  send,
  sendSnapshot,
  startHarness,
  tabTo,
  violations,
  waitForPosted,
} from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('The leader edits the pace-setter from the keyboard', () => {
  it('adds a week to term 1: Tab to "Add week", Enter, type the topic, Enter', async () => {
    const page = await harness.open();
    await sendSnapshot(page, clusterSnapshot('leader'));
    await tabTo(page, (f) => f.label === 'Add a week to term 1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Micro-organisms in food');
    await page.keyboard.press('Enter');
    const message = await waitForPosted(page, 'addWeek');
    expect(message).toMatchObject({ type: 'addWeek', term: 1, topic: 'Micro-organisms in food' });
    expect(message.requestId).toBeGreaterThan(0);
    // Focus is back on the button, ready for the next one.
    expect((await focused(page)).label).toBe('Add a week to term 1');
    await send(page, { type: 'reply', requestId: message.requestId, ok: true });
    await page.waitForFunction(() => document.querySelector('.cl-status')?.textContent === 'Saved.');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('adds an entry to week 3 with its row\u2019s "Add entry" button, reached with the arrow keys', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('leader');
    await sendSnapshot(page, snapshot);
    // Tab into the term table (one Tab stop), then move down to week 3 and right to the actions.
    await tabTo(page, (f) => f.key?.startsWith('e:') === true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    let f = await focused(page);
    expect(f.label).toBe('Remove entry "Photosynthesis"');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    f = await focused(page);
    expect(f.label).toBe('Add an entry to week 3 of term 1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Starch test practical');
    await page.keyboard.press('Enter');
    expect(await waitForPosted(page, 'addEntry')).toMatchObject({
      entry: { term: 1, week: 3, topic: 'Starch test practical' },
    });
    await page.close();
  });

  it('edits a cell in place: Enter opens it, Escape cancels, Enter saves only the changed field', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('leader');
    const photosynthesis = snapshot.pacesetter.entries[2]!;
    await sendSnapshot(page, snapshot);
    await tabTo(page, (f) => f.key?.startsWith('e:') === true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const hours = await focused(page);
    expect(hours.key).toBe(`e:${photosynthesis.id}:hours`);
    expect(hours.label).toBe('Hours, week 3, Photosynthesis: 4');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('99');
    await page.keyboard.press('Escape');
    expect((await focused(page)).key).toBe(`e:${photosynthesis.id}:hours`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5,5');
    await screenshot(page, 'pacesetter-leader-editing');
    await page.keyboard.press('Enter');
    expect(await waitForPosted(page, 'updateEntry')).toMatchObject({
      entryId: photosynthesis.id,
      patch: { hours: 5.5 },
    });
    expect((await focused(page)).key).toBe(`e:${photosynthesis.id}:hours`);
    await page.close();
  });

  it('a value the core refuses comes back with the reason, and the cell opens again with what was typed', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('leader');
    await sendSnapshot(page, snapshot);
    await tabTo(page, (f) => f.key?.startsWith('e:') === true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Cells and tissues');
    await page.keyboard.press('Enter');
    const message = await waitForPosted(page, 'updateEntry');
    await send(page, {
      type: 'reply',
      requestId: message.requestId,
      ok: false,
      error: 'You can no longer change this pace-setter.',
    });
    await page.waitForSelector('.cl-error >> text=You can no longer change this pace-setter.');
    await page.waitForSelector(
      '[data-form] .cl-field-error >> text=You can no longer change this pace-setter.',
    );
    expect(await page.inputValue('[data-form] vscode-text-field >> input')).toBe('Cells and tissues');
    await page.close();
  });
});

describe('Leaving a cell being edited saves it, like a spreadsheet', () => {
  it('Tab out of the editor sends the change and focus stays where Tab went', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('leader');
    await sendSnapshot(page, snapshot);
    await tabTo(page, (f) => f.key?.startsWith('e:') === true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.type(' and organelles');
    await page.keyboard.press('Tab');
    expect(await waitForPosted(page, 'updateEntry')).toMatchObject({
      entryId: snapshot.pacesetter.entries[0]!.id,
      patch: { topic: 'Cells as the basic units of life and organelles' },
    });
    expect((await focused(page)).label).toBe('Add a week to term 1');
    await page.close();
  });
});

describe('The leader removes an entry only after confirming', () => {
  it('Remove asks first; Escape keeps the entry; confirming sends removeEntry', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('leader');
    const microscopes = snapshot.pacesetter.entries[1]!;
    await sendSnapshot(page, snapshot);
    await tabTo(page, (f) => f.key?.startsWith('e:') === true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    expect((await focused(page)).label).toBe('Remove entry "Microscopes"');
    await page.keyboard.press('Enter');
    expect((await focused(page)).key).toBe(`e:${microscopes.id}:confirm`);
    await page.keyboard.press('Escape');
    expect((await focused(page)).key).toBe(`e:${microscopes.id}:remove`);
    expect((await posted(page)).map((m) => m.type)).toEqual(['ready']);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await waitForPosted(page, 'removeEntry')).toMatchObject({ entryId: microscopes.id });
    // Focus moves on to the next entry, which stays there once the extension's snapshot arrives.
    const next = `e:${snapshot.pacesetter.entries[2]!.id}:topic`;
    expect((await focused(page)).key).toBe(next);
    const entries = snapshot.pacesetter.entries.filter((e) => e.id !== microscopes.id);
    await sendSnapshot(page, { ...snapshot, pacesetter: { ...snapshot.pacesetter, entries } });
    expect((await focused(page)).key).toBe(next);
    await page.close();
  });
});

describe('The leader sets the term calendar from the keyboard', () => {
  it('marks a break of several days in one go, shown as one chip', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('leader');
    await sendSnapshot(page, snapshot);
    expect(await page.locator('#cl-view-editor .cl-day').first().textContent()).toContain(
      '2027-02-15 to 2027-02-19 Mid-term break',
    );
    await tabTo(page, (f) => f.text === 'Add non-teaching days');
    await page.keyboard.press('Enter');
    await page.keyboard.type('2027-03-10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2027-03-11');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Cluster moderation');
    await page.keyboard.press('Enter');
    expect(await waitForPosted(page, 'addNonTeachingDays')).toMatchObject({
      termId: snapshot.pacesetter.terms[0]!.id,
      range: { from: '2027-03-10', to: '2027-03-11', label: 'Cluster moderation' },
    });
    await page.close();
  });
});
