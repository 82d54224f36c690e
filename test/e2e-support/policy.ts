/**
 * Helpers for the security, network and autonomy end-to-end tests: fixture maps built on the
 * calc-js fixture, tool results by `tool_use` id from the model server's log, and the job log as
 * the runner would keep it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturePath } from '../rig/git-remote.js';
import type { RunActionResult } from '../rig/launcher.js';
import type { RecordedModelRequest } from '../rig/model-server.js';

/** The calc-js fixture as a path → content map, with `extra` files added (or replaced). */
export function calcFixture(extra: Record<string, string> = {}): Record<string, string> {
  const root = fixturePath('calc-js');
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(root, abs).split(path.sep).join('/')] = readFileSync(abs, 'utf8');
    }
  };
  walk(root);
  return { ...out, ...extra };
}

export interface SeenToolResult {
  content: string;
  isError: boolean;
}

/** Every tool_result the model server received, by tool_use id (the latest copy of each). */
export function toolResults(requests: readonly RecordedModelRequest[]): Map<string, SeenToolResult> {
  const out = new Map<string, SeenToolResult>();
  for (const req of requests) {
    for (const m of req.body.messages) {
      if (m.role !== 'user' || typeof m.content === 'string') continue;
      for (const b of m.content) {
        if (b['type'] !== 'tool_result') continue;
        const c = b['content'];
        const text = typeof c === 'string' ? c : Array.isArray(c) ? c.map((x: { text?: string }) => x.text ?? '').join('\n') : '';
        out.set(String(b['tool_use_id']), { content: text, isError: b['is_error'] === true });
      }
    }
  }
  return out;
}

/**
 * The job's raw stdout and stderr without the `::add-mask::` workflow commands: the runner
 * consumes those lines (they are how a value gets masked) and never shows them; everything else
 * is what the log would hold before masking.
 */
export function rawJobLog(res: Pick<RunActionResult, 'stdout' | 'stderr'>): string {
  return `${res.stdout}\n${res.stderr}`
    .split(/\r?\n/)
    .filter((l) => !/^\s*::add-mask::/.test(l))
    .join('\n');
}
