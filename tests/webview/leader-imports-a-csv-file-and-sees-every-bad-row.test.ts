import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSnapshot } from './clusterSnapshot';
import { focused, type Harness, send, sendSnapshot, startHarness, waitForPosted } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('The leader imports a pace-setter from a CSV file', () => {
  it('chooses replace or merge after picking the file, and sees every bad row when it is refused', async () => {
    const page = await harness.open();
    await sendSnapshot(page, clusterSnapshot('leader'));
    const csv = 'term,week,topic\n1,1,Cells\n1,three,Tissues\n';
    await page.setInputFiles('input[type=file]', {
      name: 'term1.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.waitForSelector('[data-form="import"]');
    expect((await focused(page)).label).toBe('Replace the pace-setter with this file');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Add this file's rows"
    const message = await waitForPosted(page, 'importCsv');
    expect(message).toMatchObject({ text: csv, fileName: 'term1.csv', mode: 'merge' });
    expect((await focused(page)).key).toBe('tool:import');
    await send(page, {
      type: 'reply',
      requestId: message.requestId,
      ok: false,
      error: 'Nothing was imported. Fix these rows in the file and import it again:',
      details: ["row 3, column week: 'three' is not a whole number from 1 to 20"],
    });
    await page.waitForSelector('.cl-error li');
    expect(await page.locator('.cl-error').getAttribute('role')).toBe('alert');
    expect(await page.locator('.cl-error li').allTextContents()).toEqual([
      "row 3, column week: 'three' is not a whole number from 1 to 20",
    ]);
    await page.close();
  });
});
