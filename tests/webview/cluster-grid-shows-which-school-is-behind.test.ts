import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSnapshot } from './clusterSnapshot';
import { focused, type Harness, screenshot, sendSnapshot, startHarness, tabTo } from './harness';
import type { Page } from 'playwright-core';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

/** Tab to the tabs, then the right arrow, as a keyboard user switches to the cluster grid. */
async function openGrid(page: Page): Promise<void> {
  await tabTo(page, (f) => f.tag === 'vscode-panel-tab');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    () => document.querySelector('vscode-panels')?.getAttribute('activeid') === 'cl-tab-grid',
  );
}

const head = (page: Page, school: string) => page.locator(`#cl-view-grid th[data-school="${school}"]`);

describe('The cluster grid shows which school is behind', () => {
  it('highlights a school 2 weeks behind with "2 weeks behind", and one 1 week behind', async () => {
    const page = await harness.open();
    await sendSnapshot(page, clusterSnapshot('leader'));
    await openGrid(page);
    await expect(head(page, 'siyabuswa').locator('.cl-progress').textContent()).resolves.toBe(
      '2 weeks behind',
    );
    expect(await head(page, 'siyabuswa').getAttribute('class')).toContain('cl-behind');
    await expect(head(page, 'vezubuhle').locator('.cl-progress').textContent()).resolves.toBe(
      '1 week behind',
    );
    expect(await head(page, 'vezubuhle').getAttribute('class')).toContain('cl-behind');
    await expect(head(page, 'kwaggafontein').locator('.cl-progress').textContent()).resolves.toBe('On pace');
    expect(await head(page, 'kwaggafontein').getAttribute('class')).not.toContain('cl-behind');
    // Siyabuswa's untaught due weeks say so.
    const due = await page.locator('#cl-view-grid td[data-key$=":siyabuswa"] .cl-overdue').count();
    expect(due).toBe(2);
    await page.close();
  });

  it('the common assessment and this week stand out', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('leader');
    await sendSnapshot(page, snapshot);
    await openGrid(page);
    const common = page.locator('#cl-view-grid tr.cl-common-row');
    expect(await common.count()).toBe(1);
    await expect(common.locator('.cl-common-marker').textContent()).resolves.toBe(
      'Common assessment: Test, 2027-03-17',
    );
    const thisWeek = page.locator('#cl-view-grid tr.cl-this-week');
    await expect(thisWeek.locator('th').textContent()).resolves.toContain('Food chains and webs');
    await expect(page.locator('.cl-next-common').textContent()).resolves.toBe(
      'Next common assessment: Test on 2027-03-17 (25%) – Common test',
    );
    await page.close();
  });

  it('a catch-up plan shows when the cell gets keyboard focus, and is read with it', async () => {
    const page = await harness.open();
    await sendSnapshot(page, clusterSnapshot('leader'));
    await openGrid(page);
    await tabTo(page, (f) => f.key?.startsWith('c:') === true);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const cell = await focused(page);
    expect(cell.label).toBe('Siyabuswa Secondary, Respiration: Partly taught (due)');
    const popover = page.locator('.cl-cell:focus > .cl-popover');
    await expect(popover.isVisible()).resolves.toBe(true);
    const text = await popover.textContent();
    expect(text).toContain('Catch-up plan: Extra lesson on Saturday 27 February');
    expect(text).toContain('Note: Two lessons lost to a district meeting');
    const describedBy = await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'));
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(text);
    await screenshot(page, 'pacesetter-grid-catch-up-on-focus');
    // Focus elsewhere hides it; hovering shows it again.
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('.cl-popover').first().isVisible()).resolves.toBe(false);
    await page.locator('#cl-view-grid td.cl-has-note').hover();
    await expect(page.locator('.cl-popover').first().isVisible()).resolves.toBe(true);
    await page.close();
  });
});
