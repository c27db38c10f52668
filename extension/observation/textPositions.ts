import * as vscode from 'vscode';

/**
 * Offsets in a plan's Y.Text (LF line breaks only) and editor positions. Lines and columns are the
 * same whether the editor shows LF or CRLF, so going through line and column (never through the
 * editor's own offsets) keeps comment threads on the right text in both.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  positionAt(offset: number): vscode.Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return new vscode.Position(lo, at - (this.starts[lo] ?? 0));
  }

  offsetAt(position: vscode.Position): number {
    const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
    const start = this.starts[line] ?? 0;
    const end = line + 1 < this.starts.length ? (this.starts[line + 1] ?? 0) - 1 : this.text.length;
    return Math.min(start + position.character, end);
  }

  /** The text of one line, without its line break. */
  lineRange(line: number): { start: number; end: number } {
    const l = Math.max(0, Math.min(line, this.starts.length - 1));
    const start = this.starts[l] ?? 0;
    const end = l + 1 < this.starts.length ? (this.starts[l + 1] ?? 0) - 1 : this.text.length;
    return { start, end };
  }

  /**
   * What a comment on `range` anchors to: the selected text, or, for a bare cursor or a whole-line
   * range, the line's text without its indentation. An empty line anchors its line break, so a
   * thread always has text to follow (an empty anchor would read as deleted at once).
   */
  anchorRange(range: vscode.Range): { start: number; end: number } | undefined {
    let start = this.offsetAt(range.start);
    let end = this.offsetAt(range.end);
    if (end <= start) {
      const line = this.lineRange(range.start.line);
      start = line.start;
      end = line.end;
      while (start < end && /\s/.test(this.text[start] ?? '')) start++;
      if (end <= start) {
        if (line.end < this.text.length) return { start: line.end, end: line.end + 1 };
        if (line.start > 0) return { start: line.start - 1, end: line.start };
        return undefined;
      }
    }
    return { start, end };
  }
}
