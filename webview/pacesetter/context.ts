import type { Reply, Request, Snapshot, Tab } from './protocol';
import type { PaceSetterStrings } from './strings';

// What the editor and the grid get to draw with. They never keep state of their own: all of it
// is here (snapshot from the extension, UI state of the page), so drawing again after a new
// snapshot restores open editors, drafts and focus exactly.

/** An open inline form: which one (its key) and what the person has typed so far. */
export interface Editing {
  readonly key: string;
  readonly draft: Readonly<Record<string, string | boolean>>;
  /** A problem found before sending, shown in the form. */
  readonly error?: string;
}

export interface UiState {
  tab: Tab;
  /** The data-key of the cell or control to focus after drawing. */
  focusKey?: string;
  editing?: Editing;
  /** What waits for a confirmed removal: `e:<entryId>` or `t:<termId>`; its confirm button is `<that>:confirm`. */
  confirmRemove?: string;
  /** A CSV file read and waiting for the leader to choose replace or merge. */
  importFile?: { readonly name: string; readonly text: string };
}

export interface Ctx {
  readonly snap: Snapshot;
  readonly s: PaceSetterStrings;
  readonly ui: UiState;
  /** Sends a request; the reply is shown in the status line (or as an error) and passed on. */
  send(request: Request, onReply?: (reply: Reply) => void): void;
  /** Draws both tabs again, then focuses `focusKey` (or the open form's first field). */
  redraw(): void;
  /** Opens an inline form, or closes it (undefined), and draws again. */
  edit(editing: Editing | undefined, focusKey?: string): void;
  /** A polite line in the status region. */
  say(text: string): void;
  /** The focused cell changed: remembered in the view state. */
  focused(key: string): void;
}
