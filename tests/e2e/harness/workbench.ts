import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS } from './paths';

/** A VS Code workbench in a browser page, used the way a teacher uses it: palette, keyboard, eyes. */
export class Workbench {
  /** The address this window was first opened at: the teacher's own folder. */
  private startUrl: string | undefined;
  /** The text of the palette row last clicked (for the log when a command did not take effect). */
  private lastPaletteRow = '';

  constructor(
    readonly page: Page,
    readonly label: string,
  ) {}

  async open(url: string): Promise<void> {
    this.startUrl ??= url;
    await this.page.goto(url);
    await this.whenLoaded();
  }

  /** Reloads the window as it is (F5 in the browser). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.whenLoaded();
  }

  /** Opens the teacher's own folder again, as "File > Open Recent" would. */
  async reopenStartFolder(): Promise<void> {
    if (this.startUrl === undefined) throw new Error('this window was never opened');
    await this.open(this.startUrl);
  }

  private async whenLoaded(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await this.page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
  }

  /** A status bar item contributed by our extension, found by the id it was created with. */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.part.statusbar [id$="${id}"]`);
  }

  /**
   * Takes focus out of whatever holds it (a webview's frame, the welcome page, a stale quick
   * input), so the next key goes to the workbench's own keybindings, which listen on the window.
   * Not a click: a click near the editor area's corner lands on the first tab and makes it the
   * active editor, and a pace-setter webview there then swallows F1 (CI failed on that).
   */
  async focusWorkbench(): Promise<void> {
    await this.page.evaluate(() => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && active !== document.body) active.blur();
    });
  }

  /**
   * Opens the command palette, types the command's title and runs it. A slow machine can drop the
   * first F1 or still be filling the palette's list; like a person, it closes the palette and tries
   * again rather than giving up.
   */
  async runCommand(title: string): Promise<void> {
    await this.choosePaletteRow(title);
    await this.page
      .locator('.quick-input-widget .quick-input-list')
      .first()
      .waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /**
   * Runs a command that should bring `shown` into view, and runs it again if it does not: on a
   * loaded machine the palette's list can re-render under the click, which then lands on a
   * neighbouring row. A person whose panel did not open would try once more, too.
   */
  async runCommandUntilShown(
    title: string,
    shown: Locator,
    { attempts = 3, timeout = 15_000 } = {},
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.runCommand(title);
      try {
        await shown.first().waitFor({ state: 'visible', timeout });
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        // Said in the run's log, so a flaky palette shows up there instead of passing silently.
        console.warn(
          `${this.label}: "${title}" did not show its view (attempt ${attempt}, clicked the palette row ` +
            `"${this.lastPaletteRow.replace(/\s+/g, ' ')}"); running it again`,
        );
        await this.screenshot(`${this.label}-retry-${title}-${attempt}`);
      }
    }
  }

  private async choosePaletteRow(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await this.focusWorkbench();
        // F1 first; the palette's other key too on a retry, in case F1 went to a frame.
        if (!(await input.isVisible().catch(() => false))) {
          await this.page.keyboard.press(attempt % 2 === 0 ? 'F1' : 'Control+Shift+P');
        }
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        await row.waitFor({ timeout: 10_000 });
        // What the click is about to hit, for the log of a command that did not take effect.
        this.lastPaletteRow = await row.innerText({ timeout: 2_000 }).catch(() => '(unreadable)');
        // Click the command itself: with many commands of ours, the palette's best guess at the
        // top is not always the one whose title was typed.
        await row.click({ timeout: 5_000 });
        return;
      } catch (error) {
        lastError = error;
        await this.page.keyboard.press('Escape').catch(() => undefined);
        await this.page.waitForTimeout(1_000);
      }
    }
    throw lastError;
  }

  /**
   * Runs a command whose first step is its own quick pick: the quick input never closes in
   * between, so this does not wait for it to; the next answerPrompts or pick finds the new prompt.
   */
  async startCommand(title: string): Promise<void> {
    await this.choosePaletteRow(title);
    await this.page.waitForTimeout(1_000);
  }

  /** Answers the steps of a command's input boxes and quick picks, one line each, in order. */
  async answerPrompts(answers: readonly string[]): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    for (const answer of answers) {
      await input.waitFor({ state: 'visible', timeout: 20_000 });
      await input.fill(answer);
      // A quick pick filters its items as one types; give it a moment to show the match.
      await this.page.waitForTimeout(300);
      await this.page.keyboard.press('Enter');
      await this.page.waitForTimeout(500);
    }
  }

  /** Clicks a notification's button, e.g. "Open Cluster". */
  async clickNotificationButton(label: string): Promise<void> {
    await this.page
      .locator('.notifications-toasts .monaco-button', { hasText: label })
      .first()
      .click({ timeout: 30_000 });
  }

  /**
   * Waits until the explorer shows a workspace folder. Adding a folder to a single-folder window
   * turns it into a multi-root workspace, and VS Code for the Web reloads the page for that.
   */
  async waitForWorkspaceFolder(name: string, timeout = 60_000): Promise<void> {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout });
    await this.page.waitForTimeout(2_000);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await row.waitFor({ timeout: 60_000 });
  }

  /** Opens a file by clicking through the explorer tree, as a person does. */
  async openInExplorer(segments: readonly string[]): Promise<void> {
    await this.runCommand('View: Show Explorer');
    for (const [i, name] of segments.entries()) {
      const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
      await row.waitFor({ timeout: 30_000 });
      const expanded = await row.getAttribute('aria-expanded');
      if (i === segments.length - 1 || expanded !== 'true') await row.click();
    }
    await this.page
      .locator('.editor-group-container .monaco-editor .view-lines')
      .first()
      .waitFor({ timeout: 30_000 });
  }

  /** The visible text of the active editor, as a person reads it. */
  async editorText(): Promise<string> {
    return this.textOf(
      this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first(),
    );
  }

  /** Clicks at the end of the first line showing `lineText` and types, key by key. */
  async typeAtEndOfLine(lineText: string, typed: string): Promise<void> {
    const line = this.page
      .locator('.editor-group-container.active .view-line', { hasText: lineText })
      .first();
    await line.click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(typed, { delay: 25 });
  }

  /** Names shown at colleagues' cursors (decorations render them as CSS generated content). */
  async cursorLabels(): Promise<string[]> {
    return this.page.evaluate(() => {
      const names = new Set<string>();
      for (const el of document.querySelectorAll('.monaco-editor .view-lines span')) {
        const content = getComputedStyle(el, '::after').content;
        if (content && content !== 'none' && content !== 'normal') names.add(content.replace(/^"|"$/g, ''));
      }
      return [...names];
    });
  }

  /** Closes every editor (e.g. a Welcome page that opened late and holds focus). */
  async closeAllEditors(): Promise<void> {
    await this.focusWorkbench();
    await this.runCommand('View: Close All Editors');
  }

  /** What a person reads in an element: VS Code renders spaces in editors as non-breaking ones. */
  async textOf(locator: Locator, timeout?: number): Promise<string> {
    return (await locator.innerText({ timeout })).replace(/\u00a0/g, ' ');
  }

  /** Text of the notification toasts currently on screen. */
  notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item-message');
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    return file;
  }
}
