import type { FrameLocator, Locator } from 'playwright-core';
import type { Workbench } from './workbench';

// The explorer, the quick input, dialogs and webviews as a person sees and uses them: rows in
// a tree, a prompt with a question in it, a modal dialog with buttons, a page inside an editor.

/**
 * Answers one step of a command: waits until the quick input asks `question` (its placeholder or
 * its prompt message), types `answer`, presses Enter, and waits until that question has gone.
 * Unlike Workbench.answerPrompts, it never types into the previous step's box under load.
 */
export async function answerPrompt(bench: Workbench, question: string, answer: string): Promise<void> {
  const page = bench.page;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.waitForFunction(
    (q) => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      if (!widget || widget.style.display === 'none' || widget.offsetParent === null) return false;
      const box = widget.querySelector<HTMLInputElement>('.quick-input-box input');
      const asked = [
        box?.placeholder ?? '',
        box?.getAttribute('aria-label') ?? '',
        widget.querySelector('.quick-input-message')?.textContent ?? '',
      ];
      return asked.some((s) => s.includes(q));
    },
    question,
    { timeout: 30_000 },
  );
  await input.fill(answer);
  // A quick pick filters as one types: wait until the match is the focused row before accepting.
  const list = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  if ((await list.count()) > 0 && answer !== '') {
    await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: answer })
      .first()
      .waitFor({ timeout: 10_000 });
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (q) => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      if (!widget || widget.style.display === 'none' || widget.offsetParent === null) return true;
      const box = widget.querySelector<HTMLInputElement>('.quick-input-box input');
      const asked = [
        box?.placeholder ?? '',
        box?.getAttribute('aria-label') ?? '',
        widget.querySelector('.quick-input-message')?.textContent ?? '',
      ];
      return !asked.some((s) => s.includes(q));
    },
    question,
    { timeout: 20_000 },
  );
}

/** The explorer row whose name is exactly `name` (a folder or a file). */
export function explorerRow(bench: Workbench, name: string): Locator {
  return bench.page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: bench.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) })
    .first();
}

/** Shows the explorer and expands the folders of `segments` (the last one, a file, is not opened). */
export async function revealInExplorer(bench: Workbench, segments: readonly string[]): Promise<Locator> {
  await bench.runCommand('View: Show Explorer');
  for (const [i, name] of segments.entries()) {
    const row = explorerRow(bench, name);
    await row.waitFor({ timeout: 30_000 });
    if (i === segments.length - 1) break;
    // VS Code may be expanding the folder itself (it reveals the active file): click only a
    // folder that stays closed, and look again rather than trust one reading.
    const deadline = Date.now() + 20_000;
    while ((await row.getAttribute('aria-expanded')) !== 'true') {
      if (Date.now() > deadline) throw new Error(`the explorer does not open the folder ${name}`);
      await bench.page.waitForTimeout(300);
      if ((await row.getAttribute('aria-expanded')) === 'false') {
        await row.click();
        await bench.page.waitForTimeout(700);
      }
    }
  }
  return explorerRow(bench, segments.at(-1)!);
}

/**
 * Where the explorer shows the row named `name`: the names of the folders above it, down to
 * the row itself, read from the tree's indentation levels as a person reads them.
 */
export async function explorerPathOf(bench: Workbench, name: string): Promise<string[] | undefined> {
  return bench.page.evaluate((wanted) => {
    const rows = [...document.querySelectorAll<HTMLElement>('.explorer-folders-view .monaco-list-row')]
      .map((el) => ({
        index: Number(el.dataset.index),
        level: Number(el.getAttribute('aria-level')),
        name: el.querySelector('.label-name')?.textContent?.trim() ?? '',
      }))
      .sort((a, b) => a.index - b.index);
    const at = rows.findIndex((r) => r.name === wanted);
    if (at < 0) return undefined;
    const chain = [rows[at]!];
    for (let i = at - 1; i >= 0 && chain[0]!.level > 1; i--) {
      if (rows[i]!.level < chain[0]!.level) chain.unshift(rows[i]!);
    }
    return chain.map((r) => r.name);
  }, name);
}

/** Names of the rows the explorer shows directly inside the expanded folder `folder`. */
export async function explorerChildrenOf(bench: Workbench, folder: string): Promise<string[]> {
  return bench.page.evaluate((wanted) => {
    const rows = [...document.querySelectorAll<HTMLElement>('.explorer-folders-view .monaco-list-row')]
      .map((el) => ({
        index: Number(el.dataset.index),
        level: Number(el.getAttribute('aria-level')),
        name: el.querySelector('.label-name')?.textContent?.trim() ?? '',
      }))
      .sort((a, b) => a.index - b.index);
    const at = rows.findIndex((r) => r.name === wanted);
    if (at < 0) return [];
    const children: string[] = [];
    for (let i = at + 1; i < rows.length && rows[i]!.level > rows[at]!.level; i++) {
      if (rows[i]!.level === rows[at]!.level + 1) children.push(rows[i]!.name);
    }
    return children;
  }, folder);
}

/** Right-clicks `row` and chooses `action` from its context menu. */
export async function chooseFromContextMenu(bench: Workbench, row: Locator, action: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = bench.page.locator('.context-view .action-label', { hasText: action }).first();
  // A click on a menu that has only just opened can be lost; the item under the pointer has the
  // focus, and Enter runs it, as it does for a person who uses the keyboard.
  await item.hover();
  await bench.page.keyboard.press('Enter');
  await bench.page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 10_000 });
}

/** VS Code's modal dialog (e.g. "Are you sure you want to delete …?"), drawn in the page. */
export function dialog(bench: Workbench): Locator {
  return bench.page.locator('.monaco-dialog-box').first();
}

export async function clickDialogButton(bench: Workbench, label: string): Promise<void> {
  await dialog(bench)
    .locator('.dialog-buttons .monaco-button')
    .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) })
    .first()
    .click();
}

/** The page of the webview editor on screen: VS Code nests it in an iframe inside an iframe. */
export function visibleWebview(bench: Workbench): FrameLocator {
  return bench.page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

/** The words and values of a plan's header card (`<dt>` and `<dd>` pairs), as written, not as styled. */
export async function headerCard(frame: FrameLocator): Promise<Record<string, string>> {
  const pairs = await frame
    .locator('.cl-plan-header dl > div')
    .evaluateAll((cells) =>
      cells.map((c) => [
        c.querySelector('dt')?.textContent?.trim() ?? '',
        c.querySelector('dd')?.textContent?.trim() ?? '',
      ]),
    );
  return Object.fromEntries(pairs);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Closes the Welcome page with its tab's close button. VS Code for the Web opens it late, after
 * the page reloads into the multi-root workspace of a joined cluster (the folder's quiet settings
 * no longer apply there), and it takes the focus from whatever the teacher has opened.
 */
export async function closeWelcomePage(bench: Workbench, waitMs = 10_000): Promise<void> {
  const tab = bench.page.locator('.tabs-container .tab', { hasText: /^Welcome$/ }).first();
  const appeared = await tab
    .waitFor({ timeout: waitMs })
    .then(() => true)
    .catch(() => false);
  if (!appeared) return;
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await tab.waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Like Workbench.runCommand, for a command whose first step is a quick pick: the quick input
 * stays open after Enter, so only the palette's own entry going away tells the command ran.
 */
export async function startCommand(bench: Workbench, title: string): Promise<void> {
  const input = bench.page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; attempt < 4 && !(await input.isVisible()); attempt++) {
    if (attempt === 2) await bench.focusWorkbench();
    await bench.page.keyboard.press('F1');
    await input.waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  await input.fill(`>${title}`);
  const entry = bench.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await entry.waitFor({ timeout: 15_000 });
  await bench.page.keyboard.press('Enter');
  await entry.waitFor({ state: 'detached', timeout: 15_000 });
}

/**
 * Closes every editor with its tab's close button, as a person does. Not through the palette: a
 * webview that finishes loading takes the focus and can close the palette, and what was being
 * typed into it then goes elsewhere.
 */
export async function closeAllTabs(bench: Workbench): Promise<void> {
  const tabs = bench.page.locator('.tabs-container .tab');
  for (let i = 0; i < 10 && (await tabs.count()) > 0; i++) {
    const tab = tabs.first();
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await bench.page.waitForTimeout(300);
  }
  await waitForNoTabs(bench);
}

async function waitForNoTabs(bench: Workbench): Promise<void> {
  await bench.page.waitForFunction(
    () => document.querySelectorAll('.tabs-container .tab').length === 0,
    null,
    {
      timeout: 10_000,
    },
  );
}

/** Clicks one of the active editor's title buttons (e.g. "Open Preview to the Side"). */
export async function clickEditorTitleAction(bench: Workbench, label: string): Promise<void> {
  await bench.page
    .locator(`.editor-group-container.active .editor-actions .action-label[aria-label^="${label}"]`)
    .first()
    .click();
}
