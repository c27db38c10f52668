import { type PanelsElement, TAG } from '../ui/toolkit';
import type { Ctx, Editing, UiState } from './context';
import { h, replaceChildren } from './dom';
import { drawEditor } from './editor';
import { readForm } from './forms';
import { drawGrid } from './grid';
import { drawHeader, drawToolbar } from './header';
import type {
  ExtensionToWebview,
  PaceSetterViewState,
  Reply,
  Request,
  Snapshot,
  Tab,
  WebviewToExtension,
} from './protocol';
import { DEFAULT_STRINGS, format, type PaceSetterStrings } from './strings';
import { PACESETTER_CSS } from './styles';

// The page: owns the UI state, draws the header and both tabs from the latest snapshot, keeps
// request ids, shows replies, and saves the view state (tab, scroll, focused cell) with
// vscode.setState so that a reload or a restored panel comes back where the person was.

export interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState(): PaceSetterViewState | undefined;
  setState(state: PaceSetterViewState): void;
}

const TAB_ID: Record<Tab, string> = { editor: 'cl-tab-editor', grid: 'cl-tab-grid' };
const MAX_DETAILS = 50;

export class App {
  private snap: Snapshot | undefined;
  private readonly ui: UiState;
  private readonly state: { scroll: Record<Tab, { x: number; y: number }> };
  private readonly pending = new Map<number, ((reply: Reply) => void) | undefined>();
  private nextRequest = 1;
  private readonly top = h('div');
  private readonly status = h('div', { class: 'cl-status', role: 'status', 'aria-live': 'polite' });
  private readonly error = h('div', { class: 'cl-error', role: 'alert' });
  private readonly views: Record<Tab, HTMLElement> = {
    editor: h(TAG.panelView, { id: 'cl-view-editor' }),
    grid: h(TAG.panelView, { id: 'cl-view-grid' }),
  };
  private readonly tabs: Record<Tab, HTMLElement> = {
    editor: h(TAG.panelTab, { id: TAB_ID.editor }),
    grid: h(TAG.panelTab, { id: TAB_ID.grid }),
  };
  private panels: PanelsElement | undefined;
  private readonly fileInput = h('input', {
    type: 'file',
    accept: '.csv,text/csv',
    class: 'cl-sr-only',
    tabindex: '-1',
    'aria-hidden': 'true',
  });
  private restoreFocus = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {
    const saved = api.getState();
    this.ui = {
      tab: saved?.tab === 'grid' ? 'grid' : 'editor',
      ...(saved?.focusKey ? { focusKey: saved.focusKey } : {}),
    };
    this.state = {
      scroll: {
        editor: { ...(saved?.scroll?.editor ?? { x: 0, y: 0 }) },
        grid: { ...(saved?.scroll?.grid ?? { x: 0, y: 0 }) },
      },
    };
    this.restoreFocus = saved?.focusKey !== undefined;
  }

  start(): void {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PACESETTER_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    if (!this.root.textContent?.trim()) this.root.textContent = DEFAULT_STRINGS.loading;
    window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => this.receive(event.data));
    let timer: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener(
      'scroll',
      () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.state.scroll[this.ui.tab] = { x: window.scrollX, y: window.scrollY };
          this.save();
        }, 150);
      },
      { passive: true },
    );
    this.fileInput.addEventListener('change', () => void this.readFile());
    this.api.postMessage({ type: 'ready' });
  }

  private receive(message: ExtensionToWebview): void {
    if (!message || typeof message !== 'object') return;
    if (message.type === 'snapshot') {
      const first = this.snap === undefined;
      this.snap = message.snapshot;
      if (first) this.mount();
      this.draw(this.restoreFocus || this.redrawn(document.activeElement));
      if (first) window.scrollTo(this.state.scroll[this.ui.tab].x, this.state.scroll[this.ui.tab].y);
      this.restoreFocus = false;
      this.save();
    } else if (message.type === 'reply') {
      const onReply = this.pending.get(message.requestId);
      if (!this.pending.has(message.requestId)) return;
      this.pending.delete(message.requestId);
      if (message.ok) this.say(message.message ?? this.strings().saved);
      else this.showError(message.error, message.details);
      onReply?.(message);
    }
  }

  private strings(): PaceSetterStrings {
    const sent = this.snap?.strings ?? {};
    const merged: Record<string, string> = { ...DEFAULT_STRINGS };
    for (const [k, v] of Object.entries(sent))
      if (typeof v === 'string' && k in DEFAULT_STRINGS) merged[k] = v;
    return merged as PaceSetterStrings;
  }

  /** The parts drawn once: live regions must stay in place to be announced, and the tabs keep their state. */
  private mount(): void {
    const panels = h(
      TAG.panels,
      { activeid: TAB_ID[this.ui.tab] },
      this.tabs.editor,
      this.tabs.grid,
      this.views.editor,
      this.views.grid,
    ) as PanelsElement;
    panels.addEventListener('change', () => {
      const tab: Tab = panels.activeid === TAB_ID.grid ? 'grid' : 'editor';
      if (tab === this.ui.tab) return;
      this.state.scroll[this.ui.tab] = { x: window.scrollX, y: window.scrollY };
      this.ui.tab = tab;
      window.scrollTo(this.state.scroll[tab].x, this.state.scroll[tab].y);
      this.save();
    });
    this.panels = panels;
    replaceChildren(this.root, this.top, this.status, this.error, panels, this.fileInput);
  }

  private ctx(): Ctx {
    return {
      snap: this.snap!,
      s: this.strings(),
      ui: this.ui,
      send: (request, onReply) => this.send(request, onReply),
      redraw: () => this.draw(true),
      edit: (editing, focusKey) => this.edit(editing, focusKey),
      say: (text) => this.say(text),
      focused: (key) => {
        this.ui.focusKey = key;
        this.save();
      },
    };
  }

  private edit(editing: Editing | undefined, focusKey?: string): void {
    // A form saved because the person clicked or tabbed elsewhere must not pull focus back.
    const open = this.ui.editing;
    const form = open && !editing ? this.root.querySelector(`[data-form="${CSS.escape(open.key)}"]`) : null;
    const active = document.activeElement as HTMLElement | null;
    const movedAway = form !== null && active !== null && active !== document.body && !form.contains(active);
    this.ui.editing = editing;
    if (movedAway && active?.dataset.key) this.ui.focusKey = active.dataset.key;
    else if (focusKey && !movedAway) this.ui.focusKey = focusKey;
    this.draw(!movedAway || this.redrawn(active));
  }

  /** Whether drawing replaces this element (so focus must be put back on its successor). */
  private redrawn(el: Element | null): boolean {
    return el !== null && [this.top, this.views.editor, this.views.grid].some((part) => part.contains(el));
  }

  /** Draws everything from the snapshot and UI state; keeps what is typed in an open form. */
  private draw(focus: boolean): void {
    if (!this.snap) return;
    const open = this.ui.editing;
    const form = open ? this.root.querySelector(`[data-form="${CSS.escape(open.key)}"]`) : null;
    if (open && form) this.ui.editing = { ...open, draft: { ...open.draft, ...readForm(form) } };
    const ctx = this.ctx();
    const { s } = ctx;
    this.tabs.editor.textContent = s.tabEditor;
    this.tabs.grid.textContent = s.tabGrid;
    replaceChildren(
      this.top,
      drawHeader(ctx),
      this.snap.notice ? h('p', { class: 'cl-notice', role: 'note' }, this.snap.notice) : null,
      drawToolbar(ctx, () => this.fileInput.click()),
    );
    replaceChildren(this.views.editor, drawEditor(ctx));
    replaceChildren(this.views.grid, drawGrid(ctx));
    if (this.panels && this.panels.activeid !== TAB_ID[this.ui.tab])
      this.panels.activeid = TAB_ID[this.ui.tab];
    // A form whose entry or term a colleague removed is gone: forget it.
    const still =
      this.ui.editing && this.root.querySelector(`[data-form="${CSS.escape(this.ui.editing.key)}"]`);
    if (!still) this.ui.editing = undefined;
    if (focus) this.focus();
  }

  /** The element to focus after drawing: an open form's first field, a pending choice, or the remembered cell. */
  private focusTarget(): HTMLElement | null | undefined {
    const { editing, focusKey, importFile, confirmRemove } = this.ui;
    const byKey = (key: string) => this.root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    const form = editing ? this.root.querySelector(`[data-form="${CSS.escape(editing.key)}"]`) : null;
    const field = form?.querySelector<HTMLElement>('[name]') ?? form?.querySelector<HTMLElement>(TAG.button);
    if (field) return field;
    if (importFile) return byKey('tool:import-replace');
    if (confirmRemove) return byKey(`${confirmRemove}:confirm`);
    return focusKey ? byKey(focusKey) : undefined;
  }

  private focus(): void {
    this.focusTarget()?.focus();
  }

  private send(request: Request, onReply?: (reply: Reply) => void): void {
    const requestId = this.nextRequest++;
    this.pending.set(requestId, onReply);
    this.error.replaceChildren();
    this.say(this.strings().saving);
    this.api.postMessage({ ...request, requestId } as WebviewToExtension);
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private showError(text: string, details: readonly string[] = []): void {
    const s = this.strings();
    this.say('');
    replaceChildren(
      this.error,
      h('p', {}, text),
      details.length > 0 ? h('ul', {}, ...details.slice(0, MAX_DETAILS).map((d) => h('li', {}, d))) : null,
      details.length > MAX_DETAILS ? h('p', {}, format(s.moreErrors, details.length - MAX_DETAILS)) : null,
    );
  }

  private async readFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    this.ui.importFile = { name: file.name, text: await file.text() };
    this.draw(true);
  }

  private save(): void {
    this.api.setState({
      ...(this.snap ? { docName: this.snap.docName } : {}),
      tab: this.ui.tab,
      scroll: this.state.scroll,
      ...(this.ui.focusKey ? { focusKey: this.ui.focusKey } : {}),
    });
  }
}
