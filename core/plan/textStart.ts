import * as Y from 'yjs';

/**
 * The first `chars` characters of a Y.Text (or a few more: whole items are taken), without
 * building the rest. Y.Text#toString walks every item of the text; the server reads a plan's
 * front matter after each burst of typing in every open plan, and needs only its first lines.
 * `enough`, if given, is asked after each item whether the start read so far is all the caller
 * needs (`checkedUpTo`: the length at which it last said no), and the walk stops there.
 */
export function textStart(
  text: Y.Text,
  chars: number,
  enough?: (start: string, checkedUpTo: number) => boolean,
): string {
  let out = '';
  let checked = 0;
  for (let item = text._start; item !== null && out.length < chars; item = item.right) {
    if (!item.deleted && item.countable && item.content instanceof Y.ContentString) {
      out += item.content.str;
      if (enough?.(out, checked)) break;
      checked = out.length;
    }
  }
  return out.length > chars ? out.slice(0, chars) : out;
}
