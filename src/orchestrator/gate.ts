/**
 * The permission gate (SPEC.md §4): only actors with write, maintain or admin permission on the
 * repository start or steer tasks; bots only when the `allow-bots` input names them.
 * Permission source: GET /repos/{owner}/{repo}/collaborators/{username}/permission
 * (https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user).
 */
import * as core from '@actions/core';
import { Inputs, Markers } from '../constants.js';
import type { Actor } from '../events.js';
import type { Permission } from '../github/api.js';
import type { Services } from './services.js';

export type GateResult = { allowed: true; permission: Permission } | { allowed: false; reason: string };

const WRITE: ReadonlySet<Permission> = new Set(['write', 'maintain', 'admin']);

/** Decides whether `actor` may start or steer a task. Never throws for a refusal. */
export async function checkActor(svc: Services, actor: Actor): Promise<GateResult> {
  if (actor.type === 'Bot' || actor.login.endsWith('[bot]')) {
    const allowed = svc.settings.allowBots;
    if (!allowed.includes('*') && !allowed.includes(actor.login)) {
      return { allowed: false, reason: `@${actor.login} is a bot; bots may only trigger Kiro when the workflow's '${Inputs.AllowBots}' input names them.` };
    }
  }
  const permission = await svc.github.getPermission(svc.repo, actor.login);
  if (!WRITE.has(permission)) {
    return { allowed: false, reason: `@${actor.login} needs write access to this repository to use Kiro (current permission: ${permission}).` };
  }
  return { allowed: true, permission };
}

/** Hidden marker of the refusal comment for one actor on one issue. */
export function refusalMarker(login: string): string {
  return `${Markers.Refusal} actor=${login} -->`;
}

/**
 * Leaves one short refusal comment on the issue (only once per actor and issue) and logs why.
 * The job then ends successfully: a refusal is not a failure of the workflow.
 */
export async function refuse(svc: Services, issueNumber: number, actor: Actor, reason: string): Promise<void> {
  core.notice(`Kiro refused a request from ${actor.login}: ${reason}`);
  const marker = refusalMarker(actor.login);
  const comments = await svc.github.listIssueComments(svc.repo, issueNumber);
  if (comments.some((c) => c.body.includes(marker))) return;
  await svc.github.createIssueComment(svc.repo, issueNumber, `${marker}\n${reason}`);
}
