import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STRINGS } from '../../webview/pacesetter/strings';
import { clusterSnapshot } from './clusterSnapshot';
import {
  focused,
  type Harness,
  posted,
  screenshot,
  sendSnapshot,
  startHarness,
  tabTo,
  violations,
} from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('A teacher reads the pace-setter but cannot change it', () => {
  it('sees the note saying why, and no control that would change the pace-setter', async () => {
    const page = await harness.open();
    await sendSnapshot(page, clusterSnapshot('teacher'));
    const editor = page.locator('#cl-view-editor');
    await expect(editor.locator('.cl-readonly[role="note"]').textContent()).resolves.toBe(
      DEFAULT_STRINGS.readOnlyNote,
    );
    expect(await editor.locator('vscode-text-field').count()).toBe(0);
    const buttons = await editor.locator('vscode-button').allTextContents();
    // Only "New plan" (which makes a lesson plan, not a pace-setter change) is offered.
    expect(new Set(buttons.map((b) => b.trim()))).toEqual(new Set(['New plan']));
    expect(await page.locator('[data-key="tool:import"]').count()).toBe(0);
    expect(await editor.locator('td[data-editable="true"]').count()).toBe(0);
    expect(await editor.locator('td[data-key]').first().getAttribute('aria-describedby')).toBeNull();
    await screenshot(page, 'pacesetter-teacher-read-only');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('Enter on a cell opens nothing and sends nothing', async () => {
    const page = await harness.open();
    await sendSnapshot(page, clusterSnapshot('teacher'));
    await tabTo(page, (f) => f.key?.startsWith('e:') === true);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).label).toBe(
      'Topic, week 1, Cells as the basic units of life: Cells as the basic units of life',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('F2');
    expect(await page.locator('[data-form]').count()).toBe(0);
    expect((await posted(page)).map((m) => m.type)).toEqual(['ready']);
    await page.close();
  });
});
