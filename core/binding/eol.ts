// Line breaks: Y.Text holds LF only; a VS Code document may use CRLF throughout.
//
// The binding thinks in "LF coordinates": offsets into the editor's text with every CRLF
// counted as one character, which are exactly Y.Text's coordinates for the same content.
// A position (line, character) is the same in both worlds, so we map line by line:
//   editor offset = LF offset + (number of line breaks before it) for a CRLF document.
// Both directions cost O(1) or O(log lines) thanks to the line numbers VS Code already has,
// never a scan of the document.

import { type Delta, DeltaBuilder } from './delta';
import type { EditorContentChange, EditorDocument, EndOfLine } from './editorDocument';

/** What Y.Text may hold: every line break as LF. Also catches CR-only breaks from odd sources. */
export function toYText(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** The editor's text in LF coordinates. In an LF document a stray CR stays (it is a character there). */
export function toLfCoordinates(text: string, eol: EndOfLine): string {
  return eol === '\r\n' && text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
}

/** Text to give the editor for LF text from Y.Text. */
export function toEditorText(text: string, eol: EndOfLine): string {
  return eol === '\r\n' && text.includes('\n') ? text.replace(/\n/g, '\r\n') : text;
}

/** A content change in LF coordinates: replace `deleteLength` at `offset` by `text` (editor text, LF-normalised as the document's EOL demands). */
export interface LfChange {
  readonly offset: number;
  readonly deleteLength: number;
  readonly text: string;
}

export function changeToLf(change: EditorContentChange, eol: EndOfLine): LfChange {
  if (eol === '\n') {
    return { offset: change.rangeOffset, deleteLength: change.rangeLength, text: change.text };
  }
  // Every line break before a position is two characters in the editor and one in LF coordinates.
  const start = change.rangeOffset - change.range.start.line;
  const end = change.rangeOffset + change.rangeLength - change.range.end.line;
  return { offset: start, deleteLength: end - start, text: toLfCoordinates(change.text, eol) };
}

/** Editor offset of an LF offset in the document as it is now. */
export function lfToEditorOffset(doc: EditorDocument, lfOffset: number): number {
  if (doc.eol === '\n') return lfOffset;
  // The last line whose start, in LF coordinates, is at or before lfOffset.
  let low = 0;
  let high = doc.lineCount - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (doc.offsetAt({ line: mid, character: 0 }) - mid <= lfOffset) low = mid;
    else high = mid - 1;
  }
  return lfOffset + low;
}

/**
 * VS Code rewrites the line breaks of inserted text to the document's EOL before anyone sees
 * it. An editor that does not would leave CRs in an LF document; Y.Text gets LF and this
 * delta (from the editor's text to what Y.Text got) is queued so the editor is repaired too.
 */
export function strayCrRepair(offset: number, raw: string): Delta {
  const out = new DeltaBuilder().retain(offset);
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\r') out.retain(1);
    else if (raw[i + 1] === '\n') out.delete(1);
    else out.insert('\n').delete(1);
  }
  return out.build();
}
