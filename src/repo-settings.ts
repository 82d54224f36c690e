/**
 * `.kiro/settings.json` (SPEC.md §2): the repository's own settings file — its schema (unknown keys
 * rejected, so a typo is reported), its parser (a problem names the field) and its reader. Merged
 * with the inputs by `loadSettings` (src/settings.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AutonomyLevels, NetworkLevels, RepoFiles } from './constants.js';

/** A user-facing settings problem: the field (dotted path) and what is wrong with it. */
export class SettingsError extends Error {
  constructor(
    readonly source: 'input' | 'environment' | 'settings-file',
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${source === 'input' ? 'Input' : source === 'environment' ? 'Environment variable' : RepoFiles.Settings + ' field'} '${field}': ${problem}`);
    this.name = 'SettingsError';
  }
}

/**
 * `.kiro/settings.json` (SPEC.md §2). Unknown keys are rejected so that a typo
 * (`forbidenCommands`) is reported instead of silently ignored.
 */
export const RepoSettingsSchema = z
  .object({
    agent: z
      .object({
        autonomyLevel: z.enum(AutonomyLevels).optional(),
        allowedCommands: z.array(z.string().min(1)).default([]),
        forbiddenCommands: z.array(z.string().min(1)).default([]),
        maxFileEditsPerTask: z.number().int().positive().max(10_000).default(20),
        requireApprovalForNewFiles: z.boolean().default(false),
      })
      .strict()
      .default({ allowedCommands: [], forbiddenCommands: [], maxFileEditsPerTask: 20, requireApprovalForNewFiles: false }),
    sandbox: z
      .object({
        networkAccess: z.enum(NetworkLevels).optional(),
        allowedDomains: z.array(z.string().regex(/^\.?[a-z0-9*-]+(\.[a-z0-9-]+)*$/i, 'must be a domain name like example.com or .example.com')).default([]),
      })
      .strict()
      .default({ allowedDomains: [] }),
    env: z
      .record(z.string(), z.string())
      .superRefine((env, ctx) => {
        for (const k of Object.keys(env)) {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: 'is not a valid environment variable name' });
        }
      })
      .default({}),
  })
  .strict();
export type RepoSettings = z.infer<typeof RepoSettingsSchema>;

/** Defaults used when the repository has no settings file. */
export const DefaultRepoSettings: RepoSettings = Object.freeze(RepoSettingsSchema.parse({}));

/**
 * Parses `.kiro/settings.json` text. Returns the settings, or a `SettingsError` naming the field.
 * JSON syntax errors name the line and column.
 */
export function parseRepoSettings(text: string): RepoSettings | SettingsError {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return new SettingsError('settings-file', '(file)', `is not valid JSON: ${(e as Error).message}`);
  }
  const r = RepoSettingsSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    let message = issue?.message ?? 'invalid';
    let field = issue ? issue.path.join('.') : '';
    if (issue?.code === 'unrecognized_keys') {
      field = [...issue.path, ...issue.keys].join('.');
      message = `is not a known setting (known: ${knownKeys(issue.path)})`;
    }
    return new SettingsError('settings-file', field || '(root)', message);
  }
  return r.data;
}

function knownKeys(p: PropertyKey[]): string {
  let shape: z.ZodType = RepoSettingsSchema;
  for (const k of p) {
    const inner = unwrap(shape);
    if (inner instanceof z.ZodObject) shape = (inner.shape as Record<string, z.ZodType>)[String(k)] as z.ZodType;
  }
  const obj = unwrap(shape);
  return obj instanceof z.ZodObject ? Object.keys(obj.shape).join(', ') : '';
}
function unwrap(t: z.ZodType): z.ZodType {
  let cur: z.ZodType = t;
  while (cur instanceof z.ZodDefault || cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType;
  return cur;
}

/** Reads `.kiro/settings.json` from a work tree; absent → defaults. */
export function readRepoSettings(workspace: string): RepoSettings | SettingsError {
  let text: string;
  try {
    text = readFileSync(path.join(workspace, RepoFiles.Settings), 'utf8');
  } catch {
    return DefaultRepoSettings;
  }
  return parseRepoSettings(text);
}

