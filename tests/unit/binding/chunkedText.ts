// The fake editor's text buffer: chunks of a few KB, so that a keystroke costs O(chunk) and
// not a copy of the whole document (V8 flattens `slice + text + slice` on the next edit),
// which would make the fake, not the binding, dominate every measurement.

const TARGET = 2048;

export class ChunkedText {
  private chunks: string[];
  private total: number;
  private flat: string | undefined;

  constructor(text: string) {
    this.chunks = text.length === 0 ? [''] : split(text);
    this.total = text.length;
    this.flat = text;
  }

  get length(): number {
    return this.total;
  }

  toString(): string {
    this.flat ??= this.chunks.join('');
    return this.flat;
  }

  /** An immutable view of the text as it is now, cheap to take (shares the chunks). */
  snapshot(): () => string {
    const chunks = this.chunks.slice();
    let joined: string | undefined = this.flat;
    return () => {
      joined ??= chunks.join('');
      return joined;
    };
  }

  charCodeAt(index: number): number {
    if (this.flat !== undefined) return this.flat.charCodeAt(index);
    const [chunk, local] = this.locate(index);
    return this.chunks[chunk]!.charCodeAt(local);
  }

  slice(start: number, end: number): string {
    if (this.flat !== undefined) return this.flat.slice(start, end);
    const [first, local] = this.locate(start);
    let out = '';
    for (let c = first, skip = local; c < this.chunks.length && out.length < end - start; c++, skip = 0) {
      out += this.chunks[c]!.slice(skip, skip + (end - start - out.length));
    }
    return out;
  }

  replace(offset: number, deleteLength: number, text: string): void {
    const [first, local] = this.locate(offset);
    // Gather the chunks the deletion reaches, edit that small string, split it again.
    let last = first;
    let span = this.chunks[first]!;
    while (local + deleteLength > span.length && last + 1 < this.chunks.length) span += this.chunks[++last]!;
    const edited = span.slice(0, local) + text + span.slice(local + deleteLength);
    const pieces = edited.length > 2 * TARGET || edited.length === 0 ? split(edited) : [edited];
    this.chunks.splice(first, last - first + 1, ...pieces);
    if (this.chunks.length === 0) this.chunks.push('');
    this.total += text.length - deleteLength;
    this.flat = undefined;
  }

  private locate(index: number): [chunk: number, local: number] {
    let start = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      const length = this.chunks[c]!.length;
      if (index < start + length || c === this.chunks.length - 1) return [c, index - start];
      start += length;
    }
    return [0, 0];
  }
}

function split(text: string): string[] {
  if (text.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += TARGET) out.push(text.slice(i, i + TARGET));
  return out;
}
