import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSnapshot } from './clusterSnapshot';
import { type Harness, sendSnapshot, startHarness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('The pace-setter says who in the cluster can help with a topic', () => {
  it('shows "Can help: <name> (<school>)" beside the topics members named, and updates with a new snapshot', async () => {
    const page = await harness.open();
    const snapshot = clusterSnapshot('teacher');
    await sendSnapshot(page, snapshot);
    const editor = page.locator('#cl-view-editor');
    const row = (topic: string) => editor.locator('tr[data-entry]', { hasText: topic }).first();
    const help = (topic: string) => row(topic).locator('.cl-help', { hasText: 'Can help:' });

    // Lindiwe named "photosynthesis" and "food chains": they show on those weeks' topics ("food
    // chains" is in "Food chains and webs") and on no other.
    await expect(help('Photosynthesis').textContent()).resolves.toBe(
      'Can help: Lindiwe Masilela (Vezubuhle Primary)',
    );
    await expect(help('Food chains and webs').textContent()).resolves.toBe(
      'Can help: Lindiwe Masilela (Vezubuhle Primary)',
    );
    expect(await editor.locator('.cl-help', { hasText: 'Can help:' }).count()).toBe(2);

    // A colleague who named a sub-topic ("Starch test") is listed too, after the exact match.
    await sendSnapshot(page, {
      ...snapshot,
      expertise: [
        ...snapshot.expertise,
        { memberId: 'm3', name: 'Sipho Mahlangu', school: 'Kwaggafontein Combined', topics: ['starch test'] },
      ],
    });
    // (window.postMessage is delivered later: wait for the redraw.)
    await expect
      .poll(() => help('Photosynthesis').textContent())
      .toBe('Can help: Lindiwe Masilela (Vezubuhle Primary), Sipho Mahlangu (Kwaggafontein Combined)');
    expect(await editor.locator('.cl-help', { hasText: 'Can help:' }).count()).toBe(2);

    // Nobody named anything: no line at all.
    await sendSnapshot(page, { ...snapshot, expertise: [] });
    await expect.poll(() => editor.locator('.cl-help', { hasText: 'Can help:' }).count()).toBe(0);
    await page.close();
  });
});
