import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCoverage, setCoverage } from '../../core/pacesetter/coverage';
import { PaceSetterOrigin } from '../../core/pacesetter/origin';
import { clusterSnapshot, TODAY } from './clusterSnapshot';
import {
  focused,
  type Harness,
  posted,
  send,
  sendSnapshot,
  startHarness,
  tabTo,
  waitForPosted,
} from './harness';
import type { Page } from 'playwright-core';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

async function gridCellOfWeek(page: Page, week: number): Promise<void> {
  await tabTo(page, (f) => f.tag === 'vscode-panel-tab');
  await page.keyboard.press('ArrowRight');
  await tabTo(page, (f) => f.key?.startsWith('c:') === true);
  for (let i = 1; i < week; i++) await page.keyboard.press('ArrowDown');
}

describe('A teacher records coverage for their own school, and only theirs', () => {
  it('ticks week 6 as partly taught with a note and a catch-up plan, from the keyboard', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('teacher');
    const week6 = snapshot.pacesetter.entries[5]!;
    await sendSnapshot(page, snapshot);
    await gridCellOfWeek(page, 6);
    expect((await focused(page)).label).toBe('Kwaggafontein Combined, Food chains and webs: Not started');
    await page.keyboard.press('Enter');
    const status = await focused(page);
    expect(status.tag).toBe('vscode-dropdown');
    await page.keyboard.press('ArrowDown'); // Taught → Partly taught
    await page.keyboard.press('Tab'); // date taught: today, already filled in
    await page.keyboard.press('Tab');
    await page.keyboard.type('Half the class was at the athletics day');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Repeat the food web activity on Monday');
    await page.keyboard.press('Enter');
    const message = await waitForPosted(page, 'setCoverage');
    expect(message).toMatchObject({
      schoolId: 'kwaggafontein',
      coverage: {
        entryId: week6.id,
        status: 'partly-taught',
        completedOn: TODAY,
        note: 'Half the class was at the athletics day',
        catchUp: 'Repeat the food web activity on Monday',
      },
    });
    // Focus is back on the cell; the extension writes the record and sends the new snapshot.
    expect((await focused(page)).key).toBe(`c:${week6.id}:kwaggafontein`);
    const doc = new Y.Doc();
    setCoverage(
      doc,
      snapshot.pacesetter,
      message.coverage,
      { name: 'Sipho Mahlangu', now: 2 },
      new PaceSetterOrigin('ext'),
    );
    const own = { ...snapshot.coverage.kwaggafontein, ...readCoverage(doc, snapshot.pacesetter.id) };
    await sendSnapshot(page, { ...snapshot, coverage: { ...snapshot.coverage, kwaggafontein: own } });
    await send(page, { type: 'reply', requestId: message.requestId, ok: true });
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Partly taught'));
    expect((await focused(page)).label).toBe(
      `Kwaggafontein Combined, Food chains and webs: Partly taught on ${TODAY}`,
    );
    await page.close();
  });

  it('Enter on another school\u2019s cell says it cannot, and sends nothing', async () => {
    const page = await harness.open();
    await sendSnapshot(page, clusterSnapshot('teacher'));
    await gridCellOfWeek(page, 6);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).label).toBe('Siyabuswa Secondary, Food chains and webs: Not started');
    await page.keyboard.press('Enter');
    await expect(page.locator('.cl-status').textContent()).resolves.toBe(
      'You can record coverage only for your own school.',
    );
    expect(await page.locator('[data-form]').count()).toBe(0);
    expect((await posted(page)).map((m) => m.type)).toEqual(['ready']);
    expect(await page.locator('td[data-key$=":siyabuswa"][data-editable="true"]').count()).toBe(0);
    await page.close();
  });
});
