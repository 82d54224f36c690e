/**
 * The one truncation helper every tool uses: long output keeps its head and its tail, and the cut
 * says how much went missing and how to read it (STYLE.md habit 7).
 */

/** What was left out, in the numbering of the text's own lines. */
export interface Cut {
  /** First omitted line, 1-based and offset by `firstLine`. */
  fromLine: number;
  /** Last omitted line (inclusive). */
  toLine: number;
  /** Number of omitted lines (0 when the cut fell inside one very long line). */
  lines: number;
  /** Number of omitted characters. */
  chars: number;
  /** Lines in the whole text. */
  totalLines: number;
}

export interface TruncateOptions {
  /** Keep at most this many lines (default 400). */
  maxLines?: number;
  /** Keep at most this many characters (default 20 000). */
  maxChars?: number;
  /** Share of the budget given to the head; the rest keeps the tail (default 0.5). */
  headShare?: number;
  /** Number of the text's first line, for hints that name line ranges (default 1). */
  firstLine?: number;
  /** How to read the omitted part, e.g. "use view_range [120, 480]". */
  hint?: (cut: Cut) => string;
}

export const DEFAULT_MAX_LINES = 400;
export const DEFAULT_MAX_CHARS = 20_000;

/** Hint for command output: how to re-run the command and read a part. */
export function commandHint(cut: Cut): string {
  return (
    `To read them, re-run the command narrowed: pipe through \`| head -n N\`, \`| tail -n N\`, ` +
    `\`| sed -n '${cut.fromLine},${Math.min(cut.toLine, cut.fromLine + 199)}p'\` or \`| grep PATTERN\`, ` +
    `or redirect to a file and view parts of it`
  );
}

/**
 * Returns `text` unchanged when it fits, else its first and last lines with a marker in between:
 * `[… 1200 lines (48000 characters) omitted: lines 201–1400 of 1600. <hint> …]`. A text made of
 * a few huge lines is cut by characters instead.
 */
export function truncateOutput(text: string, opts: TruncateOptions = {}): string {
  const maxLines = Math.max(2, opts.maxLines ?? DEFAULT_MAX_LINES);
  const maxChars = Math.max(200, opts.maxChars ?? DEFAULT_MAX_CHARS);
  const headShare = Math.min(0.9, Math.max(0.1, opts.headShare ?? 0.5));
  const first = opts.firstLine ?? 1;
  if (text.length <= maxChars && countLines(text, maxLines + 1) <= maxLines) return text;

  const lines = text.split('\n');
  const n = lines.length;
  const headLines = Math.max(1, Math.floor(maxLines * headShare));
  const tailLines = Math.max(1, maxLines - headLines);
  const headChars = Math.floor(maxChars * headShare);
  const tailChars = maxChars - headChars;

  let h = 0;
  let used = 0;
  while (h < n && h < headLines && used + lines[h]!.length + 1 <= headChars) used += lines[h++]!.length + 1;
  let t = 0;
  used = 0;
  while (t < n - h && t < tailLines && used + lines[n - 1 - t]!.length + 1 <= tailChars) used += lines[n - 1 - t++]!.length + 1;
  if (h + t >= n) return text;

  if (h === 0 && t === 0) {
    // A few enormous lines: cut by characters.
    const head = text.slice(0, headChars);
    const tail = text.slice(text.length - tailChars);
    const omitted = text.length - head.length - tail.length;
    const cutLine = first + countLines(head, Infinity) - 1;
    const cut: Cut = { fromLine: cutLine, toLine: cutLine, lines: 0, chars: omitted, totalLines: n };
    return `${head}\n[… ${omitted} characters omitted (very long lines). ${hintText(opts, cut)} …]\n${tail}`;
  }

  const omittedLines = lines.slice(h, n - t);
  const chars = omittedLines.reduce((s, l) => s + l.length + 1, 0);
  const cut: Cut = { fromLine: first + h, toLine: first + n - t - 1, lines: omittedLines.length, chars, totalLines: n };
  const marker =
    `[… ${cut.lines} lines (${chars} characters) omitted: lines ${cut.fromLine}–${cut.toLine} ` +
    `of ${first + n - 1}. ${hintText(opts, cut)} …]`;
  const parts = [];
  if (h > 0) parts.push(lines.slice(0, h).join('\n'));
  parts.push(marker);
  if (t > 0) parts.push(lines.slice(n - t).join('\n'));
  return parts.join('\n');
}

function hintText(opts: TruncateOptions, cut: Cut): string {
  return opts.hint ? opts.hint(cut) : 'Ask for a narrower range to read them';
}

/** Counts lines up to `limit` (stops early on huge texts). */
function countLines(text: string, limit: number): number {
  let count = 1;
  let i = -1;
  while ((i = text.indexOf('\n', i + 1)) !== -1) {
    if (++count > limit) return count;
  }
  return count;
}
