import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSnapshot } from './clusterSnapshot';
import { focused, type Harness, sendSnapshot, startHarness, tabTo, viewState } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('The webview comes back where the person left it', () => {
  it('after a reload: the same tab, the same focused cell, the same scroll', async () => {
    const page = await harness.open();
    await page.setViewportSize({ width: 900, height: 400 });
    const snapshot = clusterSnapshot('leader');
    await sendSnapshot(page, snapshot);
    await tabTo(page, (f) => f.tag === 'vscode-panel-tab');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, (f) => f.key?.startsWith('c:') === true);
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const before = await focused(page);
    await page.waitForFunction(() => window.scrollY > 0);
    await page.waitForTimeout(300); // the scroll position is saved a moment after scrolling stops
    const saved = await viewState(page);
    expect(saved).toMatchObject({ docName: snapshot.docName, tab: 'grid', focusKey: before.key });
    expect(saved?.scroll.grid.y).toBeGreaterThan(0);

    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    await sendSnapshot(page, snapshot);
    await page.waitForFunction(
      () => document.querySelector('vscode-panels')?.getAttribute('activeid') === 'cl-tab-grid',
    );
    expect((await focused(page)).key).toBe(before.key);
    expect(await page.evaluate(() => window.scrollY)).toBe(saved?.scroll.grid.y);
    await page.close();
  });
});
