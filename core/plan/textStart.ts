import * as Y from 'yjs';

/**
 * The first `chars` characters of a Y.Text (or a few more: whole items are taken), without
 * building the rest. Y.Text#toString walks every item of the text; the server reads a plan's
 * front matter after each burst of typing in every open plan, and needs only its first lines.
 */
export function textStart(text: Y.Text, chars: number): string {
  let out = '';
  for (let item = text._start; item !== null && out.length < chars; item = item.right) {
    if (!item.deleted && item.countable && item.content instanceof Y.ContentString) out += item.content.str;
  }
  return out.length > chars ? out.slice(0, chars) : out;
}
