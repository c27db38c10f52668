// Messages between the pace-setter webview and the extension. Imported by both sides.
//
// The extension owns the Y.Docs. It answers `ready` with a snapshot, sends a new snapshot
// whenever a document changes, and answers every request (each carries a `requestId`) with one
// `reply`: ok, or an error sentence for the person. Send the changed snapshot before the ok reply
// so the webview never shows the old value after "Saved".
import type { Role } from '../../core/cluster/roles';
import { PACESETTER_EDIT_TYPES, type PaceSetterEdit } from '../../core/pacesetter/editTypes';
import type { CoverageInput } from '../../core/pacesetter/coverage';
import type { ImportMode } from '../../core/pacesetter/importCsv';
import type { IsoDate } from '../../core/pacesetter/isoDate';
import type { CoverageView, Expertise, PaceSetterView } from '../../core/pacesetter/types';
import type { PaceSetterStrings } from './strings';

/** The page's one element the script renders into: `<div id="cl-pacesetter"></div>`. */
export const PACESETTER_ROOT_ID = 'cl-pacesetter';
/** The bundle, relative to the extension's root: load it with the page's nonce. */
export const PACESETTER_SCRIPT_PATH = ['dist', 'webview', 'pacesetter', 'main.js'] as const;

/**
 * The page's Content-Security-Policy. No 'unsafe-inline' anywhere: the page's own styles are a
 * constructed stylesheet and the toolkit's are adopted stylesheets too. The toolkit does create one
 * <style> element, to test for :focus-visible support; it takes the nonce from
 * `<meta property="csp-nonce" content="NONCE">`, so put that meta in the page's <head> as well.
 */
export function pacesetterCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; font-src ${cspSource}; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

export interface School {
  readonly id: string;
  readonly name: string;
}

export interface Snapshot {
  /** The pace-setter's document name, `<cluster>/pacesetter/<id>`: kept in the view state so a panel can be restored. */
  readonly docName: string;
  readonly pacesetter: PaceSetterView;
  /** By school id; a school with no coverage document yet may be missing. */
  readonly coverage: Readonly<Record<string, CoverageView>>;
  /** The cluster's schools, in the order of the grid's columns. */
  readonly schools: readonly School[];
  readonly me: {
    readonly role: Role;
    readonly schoolId: string;
    readonly name: string;
  };
  /** The teacher's calendar date (core/pacesetter/isoDate localIsoDate). */
  readonly today: IsoDate;
  readonly canEditPaceSetter: boolean;
  /** Schools whose coverage this member may record: their own (teacher), all (leader), none (advisor). */
  readonly canEditCoverageOf: readonly string[];
  readonly expertise: readonly Expertise[];
  /** Translated words (strings.ts); any key left out shows in English. */
  readonly strings: Partial<PaceSetterStrings>;
  /** A line shown above everything, e.g. "Offline: 3 changes waiting" or why editing is refused. */
  readonly notice?: string;
}

/**
 * A change or action the person asked for. Pace-setter edits are core's PaceSetterEdit (apply them
 * with applyPaceSetterEdit); the rest the extension handles with the core functions named.
 */
export type Request =
  | PaceSetterEdit
  /** core/pacesetter/coverage setCoverage, on `<cluster>/coverage/<schoolId>`. */
  | { readonly type: 'setCoverage'; readonly schoolId: string; readonly coverage: CoverageInput }
  /** core/pacesetter/importCsv importPaceSetterCsv; reply with its errors' messages as `details`. */
  | {
      readonly type: 'importCsv';
      readonly text: string;
      readonly fileName: string;
      readonly mode: ImportMode;
    }
  /** core/pacesetter/csv paceSetterToCsv, saved where the person chooses. */
  | { readonly type: 'exportCsv' }
  /** core/pacesetter/printHtml renderPaceSetterHtml, with the schools' coverage when asked. */
  | { readonly type: 'print'; readonly withCoverage: boolean }
  /** core/pacesetter/planLink planFieldsForEntry, then core/plan/templates renderTemplate. */
  | { readonly type: 'newPlanForEntry'; readonly entryId: string };

export type RequestType = Request['type'];

export type WebviewToExtension = { readonly type: 'ready' } | (Request & { readonly requestId: number });

export type Reply =
  | { readonly type: 'reply'; readonly requestId: number; readonly ok: true; readonly message?: string }
  | {
      readonly type: 'reply';
      readonly requestId: number;
      readonly ok: false;
      /** One sentence for the person. */
      readonly error: string;
      /** Lines under it, e.g. every bad CSV row (CsvError.message). */
      readonly details?: readonly string[];
    };

export type ExtensionToWebview = { readonly type: 'snapshot'; readonly snapshot: Snapshot } | Reply;

const REQUEST_TYPES: ReadonlySet<string> = new Set<RequestType>([
  ...PACESETTER_EDIT_TYPES,
  'setCoverage',
  'importCsv',
  'exportCsv',
  'print',
  'newPlanForEntry',
]);

/**
 * The outer shape of a message from the webview. The fields' values are checked again by the
 * core functions that apply them (and the server enforces who may write), so this only guards
 * the dispatch.
 */
export function isWebviewMessage(value: unknown): value is WebviewToExtension {
  if (value === null || typeof value !== 'object') return false;
  const m = value as { type?: unknown; requestId?: unknown };
  if (m.type === 'ready') return true;
  return typeof m.type === 'string' && REQUEST_TYPES.has(m.type) && Number.isInteger(m.requestId);
}

export type Tab = 'editor' | 'grid';

/** What the webview keeps across reloads (vscode.setState); a panel serializer gets it back. */
export interface PaceSetterViewState {
  readonly docName?: string;
  readonly tab: Tab;
  readonly scroll: Readonly<Record<Tab, { readonly x: number; readonly y: number }>>;
  /** The data-key of the focused cell or control, focused again after a reload. */
  readonly focusKey?: string;
}
