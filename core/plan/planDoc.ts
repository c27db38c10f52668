import type * as Y from 'yjs';

// A lesson plan document holds one Y.Text: the whole Markdown file, YAML front matter first
// (LF line breaks only). Keeping the front matter inside the text lets the ordinary editor, the
// built-in Markdown preview and printing all see one text, and needs one binding, not two; the
// server derives the plan catalog (title, subject, grade, term, week) from that block.
export const PLAN_TEXT = 'body';

export function planText(doc: Y.Doc): Y.Text {
  return doc.getText(PLAN_TEXT);
}
