/**
 * How the bash and editor tools use the real tool policy (src/policy/paths.ts
 * `createToolPolicy`): the shell's working directory reaches the command policy, commands run
 * wrapped and with per-command variables when the sandbox provides them, large rewrites and
 * new files pause naming the file, and a plain `ToolPolicy` (without the optional checks) still
 * works.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBashTool } from '../../../../src/agent/tools/bash.js';
import { createEditorTool } from '../../../../src/agent/tools/editor.js';
import { createToolPolicy } from '../../../../src/policy/paths.js';
import type { AutonomyLevel } from '../../../../src/policy/commands.js';
import { makeCtx, tempDir } from '../helpers.js';

function setup(autonomy: AutonomyLevel, requireApprovalForNewFiles = false) {
  const ws = tempDir('kiro-wiring-');
  mkdirSync(join(ws, '.github', 'workflows'), { recursive: true });
  mkdirSync(join(ws, 'src'));
  writeFileSync(join(ws, '.github', 'workflows', 'ci.yml'), 'on: push\n');
  writeFileSync(join(ws, 'src', 'big.ts'), Array.from({ length: 80 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n');
  const policy = createToolPolicy({
    workspace: ws,
    commands: { forbiddenCommands: [], allowedCommands: [], autonomy },
    maxFileEditsPerTask: 20,
    requireApprovalForNewFiles,
  });
  return { ws, policy, ctx: makeCtx(ws, { policy }) };
}

describe('bash tool with the tool policy', () => {
  it("checks each command in the shell's working directory", async () => {
    const { ctx } = setup('full');
    const bash = createBashTool();
    expect((await bash.execute({ command: 'cd src' }, ctx)).isError).toBeFalsy();
    // from src/, `..` is the whole work tree
    const r = await bash.execute({ command: 'rm -rf ..' }, ctx);
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/Command refused by policy: .*would delete the whole repository work tree/);
  });

  it('runs through ctx.runner with ctx.commandEnv added for that command', async () => {
    const { ctx } = setup('full');
    const seen: Array<{ argv: readonly string[]; marker: string | undefined }> = [];
    const bash = createBashTool();
    const r = await bash.execute(
      { command: 'echo "$KIRO_MARK"' },
      {
        ...ctx,
        commandEnv: (command) => ({ KIRO_MARK: `for:${command}` }),
        runner: {
          mode: 'unsandboxed',
          run: (req) => {
            seen.push({ argv: req.argv, marker: req.env.KIRO_MARK });
            return ctx.runner.run(req);
          },
        },
      },
    );
    expect(r.content).toContain('for:echo "$KIRO_MARK"');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.argv.slice(0, 3)).toEqual([expect.stringMatching(/bash$/), '--noprofile', '--norc']);
    expect(seen[0]!.marker).toBe('for:echo "$KIRO_MARK"');
  });

  it("per-command variables win over the previous command's saved exports", async () => {
    const { ctx } = setup('full');
    const bash = createBashTool();
    const c = { ...ctx, commandEnv: (command: string) => ({ KIRO_MARK: `it's ${command}` }) };
    await bash.execute({ command: 'export OTHER=1; true' }, c);
    const r = await bash.execute({ command: 'echo "$KIRO_MARK/$OTHER"' }, c);
    expect(r.content).toContain(`it's echo "$KIRO_MARK/$OTHER"/1`);
  });

  it('pauses before a destructive command under balanced autonomy, carrying the command', async () => {
    const { ctx } = setup('balanced');
    const r = await createBashTool().execute({ command: 'rm -rf build/' }, ctx);
    expect(r.pause).toEqual({ reason: expect.stringMatching(/destructive/), command: 'rm -rf build/' });
  });
});

describe('editor tool with the tool policy', () => {
  const rewrite = { command: 'str_replace', path: 'src/big.ts', old_str: readLines(0, 60), new_str: 'export const all = 1;' };
  function readLines(from: number, to: number): string {
    return Array.from({ length: to - from }, (_, i) => `export const v${from + i} = ${from + i};`).join('\n');
  }

  it('pauses before a large rewrite under balanced autonomy, naming the file, and goes on once approved', async () => {
    const { ws, policy, ctx } = setup('balanced');
    const editor = createEditorTool();
    const r = await editor.execute(rewrite, ctx);
    expect(r.pause).toEqual({ reason: expect.stringMatching(/large rewrite/), path: 'src/big.ts' });
    expect(readFileSync(join(ws, 'src', 'big.ts'), 'utf8')).toContain('v0 = 0');
    // the paused edit was not counted against the budget
    expect(policy.editedFiles.size).toBe(0);
    policy.approvePath('src/big.ts');
    const ok = await editor.execute(rewrite, ctx);
    expect(ok.isError).toBeFalsy();
    expect(readFileSync(join(ws, 'src', 'big.ts'), 'utf8')).toContain('export const all = 1;');
  });

  it('full autonomy rewrites without pausing', async () => {
    const { ctx } = setup('full');
    const r = await createEditorTool().execute(rewrite, ctx);
    expect(r.pause).toBeUndefined();
    expect(r.isError).toBeFalsy();
  });

  it('a new file pauses when requireApprovalForNewFiles is set, naming it', async () => {
    const { policy, ctx } = setup('full', true);
    const editor = createEditorTool();
    const input = { command: 'create', path: 'src/new.ts', file_text: 'export {};\n' };
    expect((await editor.execute(input, ctx)).pause).toEqual({ reason: expect.stringMatching(/requireApprovalForNewFiles/), path: 'src/new.ts' });
    policy.approvePath('src/new.ts');
    expect((await editor.execute(input, ctx)).content).toMatch(/Created src\/new.ts/);
  });

  it('refuses workflow files, ../ escapes and symlinks out of the workspace', async () => {
    const { ws, ctx } = setup('full');
    const { symlinkSync } = await import('node:fs');
    symlinkSync('/etc/hostname', join(ws, 'host-link'));
    const editor = createEditorTool();
    const wf = await editor.execute({ command: 'str_replace', path: '.github/workflows/ci.yml', old_str: 'push', new_str: 'pull_request_target' }, ctx);
    expect(wf.content).toMatch(/refused by policy: .*protected path/);
    expect((await editor.execute({ command: 'view', path: '../../etc/passwd' }, ctx)).content).toMatch(/outside the workspace/);
    expect((await editor.execute({ command: 'view', path: 'host-link' }, ctx)).content).toMatch(/symlink .* leads outside the workspace/);
  });
});
