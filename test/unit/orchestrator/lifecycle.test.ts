/**
 * The status comment's edits (src/orchestrator/lifecycle.ts): one at a time and in order, so an
 * update left in flight (the plan phase's "Researching…" beside the planner's first request) can
 * never land after a later one; an edit superseded while it waited is not sent.
 */
import { describe, expect, it } from 'vitest';
import { StatusComment } from '../../../src/orchestrator/lifecycle.js';
import type { Services } from '../../../src/orchestrator/services.js';

function fakeGitHub() {
  const sent: string[] = [];
  const pending: Array<{ body: string; finish: (e?: Error) => void }> = [];
  const svc = {
    repo: { owner: 'acme', repo: 'app' },
    now: () => 0,
    github: {
      updateIssueComment: (_r: unknown, _id: number, body: string) =>
        new Promise<void>((resolve, reject) => {
          sent.push(body);
          pending.push({ body, finish: (e) => (e ? reject(e) : resolve()) });
        }),
    },
  } as unknown as Services;
  return { svc, sent, pending };
}

const view = { taskId: 't-1', state: 'in_progress' as const, title: 'Fix it', runUrl: 'https://github.com/acme/app/actions/runs/1', startedAt: 0, now: 0, phase: 'Working…' };

/** Resolves once `n` edits have been sent (they are sent from promise callbacks). */
async function sentCount(sent: string[], n: number): Promise<void> {
  while (sent.length < n) await new Promise((r) => setImmediate(r));
}

describe('status comment edits', () => {
  it('go out one at a time in order; one superseded while waiting is skipped; errors reach their caller', async () => {
    const { svc, sent, pending } = fakeGitHub();
    const opening = StatusComment.open(svc, 7, view, 42);
    await sentCount(sent, 1);
    pending.shift()!.finish();
    const sc = await opening;

    const a = sc.update({ phase: 'Researching…' });
    await sentCount(sent, 2);
    expect(sent[1]).toContain('Researching…');
    // A is in flight: B and C wait behind it
    const b = sc.update({ phase: 'Plan ready' });
    const c = sc.update({ phase: 'Implementing step 1' });
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(sent).toHaveLength(2);
    pending.shift()!.finish();
    await a;
    // B was superseded by C while it waited: C goes next, B is never sent
    await sentCount(sent, 3);
    await b;
    expect(sent[2]).toContain('Implementing step 1');
    expect(sent.some((s) => s.includes('Plan ready'))).toBe(false);
    pending.shift()!.finish(new Error('502 Bad Gateway'));
    await expect(c).rejects.toThrow('502');

    // after a failed edit the next one still goes out
    const d = sc.update({ phase: 'Verifying' });
    await sentCount(sent, 4);
    pending.shift()!.finish();
    await d;
    expect(sent[3]).toContain('Verifying');
    // the same text again sends nothing
    await sc.update({ phase: 'Verifying' });
    expect(sent).toHaveLength(4);
  });
});
