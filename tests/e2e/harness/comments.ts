import type { Locator } from 'playwright-core';
import type { Workbench } from './workbench';

// Comment threads in the editor as a person sees and uses them: the thread's box under a line,
// its reply box, its buttons and its title actions. VS Code draws a thread as a zone widget
// (`.review-widget`) between editor lines.

/** The thread box on screen that shows `text`. */
export function threadShowing(bench: Workbench, text: string): Locator {
  return bench.page.locator('.editor-group-container.active .review-widget', { hasText: text }).first();
}

/**
 * Whether the thread showing `text` sits directly under the editor line showing `lineText`:
 * what a person checks to know which line the feedback is about.
 */
export async function threadIsUnderLine(bench: Workbench, text: string, lineText: string): Promise<boolean> {
  const thread = await threadShowing(bench, text).boundingBox();
  const line = await bench.page
    .locator('.editor-group-container.active .view-line', { hasText: lineText })
    .first()
    .boundingBox();
  if (!thread || !line) return false;
  const gap = thread.y - (line.y + line.height);
  return gap > -2 && gap < line.height;
}

/**
 * Types a reply into the thread's reply box and sends it with Ctrl+Enter, which runs the
 * box's first button (ours: "Reply"). The keyboard, because in a small editor the buttons of
 * a grown reply box can sit below the visible part of the editor, where nobody can click them.
 */
export async function replyInThread(bench: Workbench, text: string, reply: string): Promise<void> {
  const thread = threadShowing(bench, text);
  const expand = thread.locator('.review-thread-reply-button');
  if (await expand.isVisible().catch(() => false)) await expand.click();
  await thread.locator('.comment-form .monaco-editor, .comment-form textarea').first().click();
  await bench.page.keyboard.type(reply, { delay: 10 });
  await bench.page.keyboard.press('Control+Enter');
}

/** Clicks one of the thread's title actions, found by its accessible name (e.g. "Resolve"). */
export async function clickThreadAction(bench: Workbench, text: string, action: string): Promise<void> {
  const thread = threadShowing(bench, text);
  await thread.hover();
  await thread
    .locator(`.action-label[aria-label^="${action}"], [role="button"][aria-label^="${action}"]`)
    .first()
    .click();
}

/** Ticks the items of a multi-select quick pick by their labels, then accepts. */
export async function pickMany(bench: Workbench, labels: readonly string[]): Promise<void> {
  const input = bench.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  for (const label of labels) {
    await input.fill(label);
    await bench.page.waitForTimeout(300);
    const row = bench.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row
      .locator('input[type="checkbox"], .quick-input-list-checkbox, .monaco-custom-toggle')
      .first()
      .click();
  }
  await input.fill('');
  await bench.page.keyboard.press('Enter');
  await bench.page.waitForTimeout(500);
}

/**
 * Opens a thread from VS Code's Comments panel, as a person does to read a thread that VS Code
 * collapsed (newer versions collapse a thread when it is resolved).
 */
export async function openThreadFromCommentsPanel(bench: Workbench, text: string): Promise<void> {
  const row = bench.page.locator('.monaco-list-row', { hasText: text }).filter({ hasText: 'Ln ' }).first();
  if (!(await row.isVisible().catch(() => false))) await bench.runCommand('Comments: Focus on Comments View');
  await row.click();
  await threadShowing(bench, text).waitFor({ timeout: 20_000 });
}

/**
 * What a thread says, opening it from the Comments panel when VS Code shows it collapsed; for
 * polling while a colleague's change (a reply, a resolution) is on its way.
 */
export async function readThread(bench: Workbench, text: string): Promise<string> {
  const thread = threadShowing(bench, text);
  if (!(await thread.isVisible().catch(() => false)))
    await openThreadFromCommentsPanel(bench, text).catch(() => undefined);
  return (await thread.innerText({ timeout: 2_000 }).catch(() => '')).replace(/\u00a0/g, ' ');
}
