/**
 * Offsets <-> line and column. The service speaks offsets; the fronts convert at their edge:
 * LSP positions are 0-based lines and UTF-16 columns, the CLI prints both 1-based. JavaScript
 * strings are UTF-16, so an offset difference within a line is already a UTF-16 column.
 */

export interface LineIndex {
  /** 0-based line and UTF-16 column of an offset (clamped into the text). */
  position(offset: number): { line: number; character: number };
  /** The offset of a 0-based line and UTF-16 column (clamped into the line). */
  offset(line: number, character: number): number;
  readonly lineCount: number;
  /** The length of a 0-based line in UTF-16 code units, without its line break. */
  lineLength(line: number): number;
  /**
   * A `position` for offsets asked in increasing order (as tokens in source order are): it walks
   * forward from the last answer instead of searching, and searches when asked for an earlier one.
   */
  cursor(): (offset: number) => { line: number; character: number };
}

/** Builds the line-start table of `text` once; lookups are binary searches. */
export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10) {
      starts.push(i + 1);
    }
  }
  const index: LineIndex = {
    lineCount: starts.length,
    cursor() {
      let line = 0;
      return (offset) => {
        const clamped = Math.max(0, Math.min(offset, text.length));
        if (clamped < starts[line]) return index.position(clamped);
        while (line + 1 < starts.length && starts[line + 1] <= clamped) line++;
        return { line, character: clamped - starts[line] };
      };
    },
    position(offset) {
      const clamped = Math.max(0, Math.min(offset, text.length));
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= clamped) low = middle;
        else high = middle - 1;
      }
      return { line: low, character: clamped - starts[low] };
    },
    lineLength(line) {
      if (line < 0 || line >= starts.length) return 0;
      let end = line + 1 < starts.length ? starts[line + 1] : text.length;
      if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
      if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
      return end - starts[line];
    },
    offset(line, character) {
      if (line < 0) return 0;
      if (line >= starts.length) return text.length;
      const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
      return Math.max(starts[line], Math.min(starts[line] + Math.max(0, character), lineEnd));
    },
  };
  return index;
}
