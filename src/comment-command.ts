/** `/kiro …` in a comment (SPEC.md §3): found at the start of a line outside code and quotes. */
import type { Subcommand } from './constants.js';
import { Subcommands } from './constants.js';

/**
 * Removes the parts of a markdown comment where a command must not be recognised: fenced code
 * blocks (``` and ~~~), indented code blocks, inline code spans and block quotes.
 * Hand-written because a full markdown parser (remark/micromark) is a large dependency for
 * these four constructs, which have simple line-level rules in CommonMark.
 */
export function stripNonCommandMarkdown(body: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let prevBlank = true;
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1]![0] === fence[0] && open[1]!.length >= fence.length && line.trim() === open[1]) fence = undefined;
      out.push('');
      continue;
    }
    if (open) {
      fence = open[1];
      out.push('');
      continue;
    }
    if (/^ {0,3}>/.test(line) || (prevBlank && /^( {4}|\t)/.test(line))) {
      out.push('');
      prevBlank = false;
      continue;
    }
    out.push(line.replace(/(`+)[^`]*?\1/g, ''));
    prevBlank = line.trim() === '';
  }
  return out.join('\n');
}

/** A parsed `/kiro …` command. */
export interface ParsedCommand {
  subcommand: Subcommand | undefined;
  /** Text after the command (and after the subcommand, if any), including later lines. */
  text: string;
}

/**
 * Finds `trigger` (e.g. `/kiro`) at the start of a line outside code and quotes.
 * `/kiro cancel` → subcommand; `/kiro add a test` → instructions. Returns undefined when absent.
 */
export function parseCommand(body: string, trigger: string): ParsedCommand | undefined {
  const visible = stripNonCommandMarkdown(body).split('\n');
  const original = body.replace(/\r\n?/g, '\n').split('\n');
  const esc = trigger.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`^\\s*${esc}(?=\\s|$)(.*)$`, 'i');
  for (let n = 0; n < visible.length; n++) {
    const m = re.exec(visible[n]!);
    if (!m) continue;
    const rest = [m[1]!.trim(), ...original.slice(n + 1)].join('\n').trim();
    const first = /^(\S+)/.exec(rest)?.[1]?.toLowerCase();
    const sub = Subcommands.find((s) => s === first);
    return { subcommand: sub, text: sub ? rest.slice(first!.length).trim() : rest };
  }
  return undefined;
}
