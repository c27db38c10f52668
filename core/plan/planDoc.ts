import type * as Y from 'yjs';

// A lesson plan document: the Markdown body (LF only) and its front matter, kept apart so that
// two teachers editing the header card and the body never fight over the same characters.
export const PLAN_BODY = 'body';
export const PLAN_FRONT_MATTER = 'frontmatter';

export function planBody(doc: Y.Doc): Y.Text {
  return doc.getText(PLAN_BODY);
}

export function planFrontMatter(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(PLAN_FRONT_MATTER);
}
