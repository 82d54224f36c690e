/**
 * Automations — Kiro's scheduled tasks (SPEC.md §2, issue #13): a prompt in
 * `.kiro/automations/<name>.md` run against the repository on a `schedule` (or by
 * `workflow_dispatch` with the `automation` input), without an issue:
 *
 *   ---
 *   title: Keep the changelog current      # optional
 *   schedule: "0 6 * * 1"                  # optional: the cron this automation runs on
 *   ---
 *   Add an entry to CHANGELOG.md for every merged PR since the last release …
 *
 * The planner writes a spec from the prompt; when nothing needs to change the run ends with a line
 * in the job summary. Otherwise the coder and the verifier work as for an issue, and a pull request
 * is opened only when the change is non-empty and verification passed. An automation has at most
 * one open pull request: a later run continues on its branch and updates it. Progress goes to the
 * job log and the job summary (there is no issue to comment on).
 */
import * as core from '@actions/core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { RepoFiles } from '../constants.js';
import { runAutomation, type Automation, type AutomationCommand } from './automation-run.js';
import { reportOutputs, type Outcome } from './outcome.js';
import type { Services } from './services.js';

export type { Automation } from './automation-run.js';


const FrontMatter = z.strictObject({
  title: z.string().min(1).max(200).optional(),
  schedule: z.string().min(1).optional(),
});

/**
 * Parses an automation file: optional YAML front matter between `---` lines (parsed by the `yaml`
 * library; only the delimiters are found by hand), then the prompt. Pure.
 * @returns the automation, or an error message naming the file and the problem
 */
export function parseAutomation(name: string, text: string): Automation | { error: string } {
  const file = `${RepoFiles.AutomationsDir}/${name}.md`;
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  let meta: z.infer<typeof FrontMatter> = {};
  if (m) {
    let raw: unknown;
    try {
      raw = parseYaml(m[1]!) ?? {};
    } catch (e) {
      return { error: `${file}: the front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
    }
    const r = FrontMatter.safeParse(raw);
    if (!r.success) {
      const i = r.error.issues[0]!;
      const field = i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.join('.') || '(front matter)';
      return { error: `${file}: front matter \`${field}\` ${i.code === 'unrecognized_keys' ? 'is not a known key (known: title, schedule)' : i.message}` };
    }
    meta = r.data;
  }
  const prompt = (m ? text.slice(m[0].length) : text).trim();
  if (!prompt) return { error: `${file}: the file has no instructions after its front matter` };
  return { name, file, prompt, ...(meta.title ? { title: meta.title } : {}), ...(meta.schedule ? { schedule: meta.schedule.trim() } : {}) };
}

/** Reads every `.kiro/automations/*.md` of a work tree (sorted by name). */
export function readAutomations(workspace: string): { automations: Automation[]; problems: string[] } {
  const dir = path.join(workspace, RepoFiles.AutomationsDir);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
  } catch {
    return { automations: [], problems: [] };
  }
  const automations: Automation[] = [];
  const problems: string[] = [];
  for (const n of names) {
    const a = parseAutomation(n, readFileSync(path.join(dir, `${n}.md`), 'utf8'));
    if ('error' in a) problems.push(a.error);
    else automations.push(a);
  }
  return { automations, problems };
}


/**
 * Which automations a run performs: the named one; else (a `schedule` event) those whose
 * `schedule` is the cron that fired, or every one when none declares a schedule. Pure.
 */
export function selectAutomations(all: readonly Automation[], cmd: Pick<AutomationCommand, 'name' | 'schedule'>): Automation[] {
  if (cmd.name) return all.filter((a) => a.name === cmd.name);
  if (!all.some((a) => a.schedule)) return [...all];
  const cron = (cmd.schedule ?? '').replace(/\s+/g, ' ').trim();
  return all.filter((a) => a.schedule?.replace(/\s+/g, ' ') === cron);
}

/** Runs the selected automations of a `schedule` / `workflow_dispatch` event, one after another. */
export async function runAutomations(svc: Services, cmd: AutomationCommand): Promise<Outcome> {
  const { automations, problems } = readAutomations(svc.settings.runner.workspace);
  const selected = selectAutomations(automations, cmd);
  const named = cmd.name ? problems.filter((p) => p.includes(`/${cmd.name}.md:`)) : problems;
  if (named.length) {
    for (const p of named) core.error(p, { title: 'Kiro automation', file: p.split(':')[0] });
    reportOutputs({ status: 'failed' });
    return { failed: named.join('\n'), annotated: true };
  }
  if (!selected.length) {
    const why = cmd.name ? `there is no ${RepoFiles.AutomationsDir}/${cmd.name}.md` : `no automation in ${RepoFiles.AutomationsDir} runs on the schedule '${cmd.schedule ?? ''}'`;
    if (cmd.name) {
      core.error(`Kiro: ${why}.`, { title: 'Kiro automation' });
      reportOutputs({ status: 'failed' });
      return { failed: why, annotated: true };
    }
    core.info(`Kiro: nothing to do — ${why}.`);
    reportOutputs({ status: 'skipped' });
    return {};
  }
  let failed: string | undefined;
  for (const a of selected) {
    const out = await runAutomation(svc, a, cmd);
    failed ??= out.failed;
  }
  return failed ? { failed } : {};
}
