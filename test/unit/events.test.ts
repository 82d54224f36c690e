import { describe, expect, it } from 'vitest';
import { buildEvent } from '../rig/events.js';
import { parseCommand, routeEvent, stripNonCommandMarkdown } from '../../src/events.js';
import { isApproval } from '../../src/orchestrator/control.js';

const target = { owner: 'octo-org', repo: 'octo-repo', serverUrl: 'http://127.0.0.1:1', apiUrl: 'http://127.0.0.1:2' };
const cfg = { triggerLabel: 'kiro', triggerCommand: '/kiro' };

describe('parseCommand', () => {
  it.each([
    ['/kiro add a test', undefined, 'add a test'],
    ['/kiro', undefined, ''],
    ['/KIRO cancel', 'cancel', ''],
    ['please\n/kiro continue go on', 'continue', 'go on'],
    ['/kiro all', 'all', ''],
    ['/kiro fix this one', 'fix', 'this one'],
    ['/kiro fix the bug\nsecond line', 'fix', 'the bug\nsecond line'],
  ])('%j → %s %j', (body, sub, text) => {
    expect(parseCommand(body, '/kiro')).toEqual({ subcommand: sub, text });
  });

  it.each([
    'run `/kiro` to start',
    '```\n/kiro do it\n```',
    '~~~sh\n/kiro do it\n~~~',
    '> /kiro do it',
    '    /kiro indented code',
    'text /kiro in the middle',
    '/kirofoo bar',
    'nothing here',
  ])('ignores %j', (body) => {
    expect(parseCommand(body, '/kiro')).toBeUndefined();
  });

  it('keeps text after a closed fence', () => {
    expect(parseCommand('```\ncode\n```\n/kiro go', '/kiro')).toEqual({ subcommand: undefined, text: 'go' });
  });

  it('strips inline code but keeps the rest of the line', () => {
    expect(stripNonCommandMarkdown('a `b` c')).toBe('a  c');
  });
});

describe('routeEvent', () => {
  it('issues.labeled with the trigger label starts a task', () => {
    const e = buildEvent('issues.labeled', target, { label: 'kiro', issue: { number: 7, title: 'Fix add', body: 'it subtracts' }, sender: { login: 'alice', id: 11 } });
    const c = routeEvent(e.eventName, e.payload, cfg);
    expect(c.kind).toBe('start');
    if (c.kind !== 'start') return;
    expect(c.issue.number).toBe(7);
    expect(c.actor.login).toBe('alice');
    expect(c.reactionTarget).toEqual({ kind: 'issue', issueNumber: 7 });
  });

  it('another label is a no-op', () => {
    const e = buildEvent('issues.labeled', target, { label: 'bug' });
    expect(routeEvent(e.eventName, e.payload, cfg)).toMatchObject({ kind: 'noop' });
  });

  it('issues.unlabeled of the trigger label cancels', () => {
    const e = buildEvent('issues.unlabeled', target, { label: 'kiro' });
    expect(routeEvent(e.eventName, e.payload, cfg)).toMatchObject({ kind: 'cancel', via: 'unlabel' });
  });

  it('/kiro comment starts with instructions and reacts on the comment', () => {
    const e = buildEvent('issue_comment.created', target, { comment: { body: '/kiro use a Map', id: 99 } });
    const c = routeEvent(e.eventName, e.payload, cfg);
    expect(c).toMatchObject({ kind: 'start', source: 'comment', instructions: 'use a Map', reactionTarget: { kind: 'issue_comment', commentId: 99 } });
  });

  it('edited comments never trigger', () => {
    const e = buildEvent('issue_comment.edited', target, { comment: { body: '/kiro do it' } });
    expect(routeEvent(e.eventName, e.payload, cfg)).toMatchObject({ kind: 'noop' });
  });

  it('plain comment on a non-kiro issue is a no-op, on a kiro issue a reply', () => {
    const plain = buildEvent('issue_comment.created', target, { comment: { body: 'thanks' }, issue: { labels: ['bug'] } });
    expect(routeEvent(plain.eventName, plain.payload, cfg)).toMatchObject({ kind: 'noop' });
    const onTask = buildEvent('issue_comment.created', target, { comment: { body: 'use option B' }, issue: { labels: ['kiro:needs-attention'] } });
    expect(routeEvent(onTask.eventName, onTask.payload, cfg)).toMatchObject({ kind: 'reply', text: 'use option B' });
  });

  it('/kiro cancel and /kiro continue', () => {
    const cancel = buildEvent('issue_comment.created', target, { comment: { body: '/kiro cancel' } });
    expect(routeEvent(cancel.eventName, cancel.payload, cfg)).toMatchObject({ kind: 'cancel', via: 'comment' });
    const cont = buildEvent('issue_comment.created', target, { comment: { body: '/kiro continue' } });
    expect(routeEvent(cont.eventName, cont.payload, cfg)).toMatchObject({ kind: 'continue' });
  });

  it('/kiro fix … on an issue is an instruction, not the review-thread subcommand', () => {
    const e = buildEvent('issue_comment.created', target, { comment: { body: '/kiro fix the login bug' } });
    expect(routeEvent(e.eventName, e.payload, cfg)).toMatchObject({ kind: 'start', instructions: 'fix the login bug' });
  });

  it('/kiro all on a PR is feedback', () => {
    const e = buildEvent('issue_comment.created', target, { comment: { body: '/kiro all' }, issue: { pullRequest: true } });
    expect(routeEvent(e.eventName, e.payload, cfg)).toMatchObject({ kind: 'feedback', scope: 'all' });
  });

  it('review submitted and /kiro fix in a thread', () => {
    const r = buildEvent('pull_request_review.submitted', target, { review: { body: 'please fix' } });
    expect(routeEvent(r.eventName, r.payload, cfg)).toMatchObject({ kind: 'feedback', scope: 'review', reviewBody: 'please fix' });
    const t = buildEvent('pull_request_review_comment.created', target, { comment: { body: '/kiro fix' } });
    expect(routeEvent(t.eventName, t.payload, cfg)).toMatchObject({ kind: 'feedback', scope: 'thread' });
    const other = buildEvent('pull_request_review_comment.created', target, { comment: { body: 'nit' } });
    expect(routeEvent(other.eventName, other.payload, cfg)).toMatchObject({ kind: 'noop' });
  });

  it('workflow_dispatch with a task id is a continuation', () => {
    const e = buildEvent('workflow_dispatch', target, { dispatch: { inputs: { 'task-id': 'abc-1' } } });
    expect(routeEvent(e.eventName, e.payload, cfg)).toMatchObject({ kind: 'dispatch', taskId: 'abc-1' });
  });

  it('workflow_dispatch falls back to the action inputs for task-id, repositories and task', () => {
    const e = buildEvent('workflow_dispatch', target, { dispatch: { inputs: {} } });
    expect(routeEvent(e.eventName, e.payload, { ...cfg, batch: { repositories: ['o/a', 'o/b'], task: 'Fix it' } })).toMatchObject({ kind: 'dispatch', taskId: '', repositories: ['o/a', 'o/b'], task: 'Fix it' });
    expect(routeEvent(e.eventName, e.payload, { ...cfg, continuationTaskId: 't-1' })).toMatchObject({ kind: 'dispatch', taskId: 't-1' });
    expect(routeEvent(e.eventName, e.payload, cfg)).toMatchObject({ kind: 'noop' });
  });

  it('schedule is an automation run for the cron that fired; workflow_dispatch with an automation input runs that one', () => {
    expect(routeEvent('schedule', { schedule: '0 6 * * 1', workflow: '.github/workflows/kiro.yml' }, cfg)).toMatchObject({ kind: 'automation', name: '', schedule: '0 6 * * 1', trigger: 'schedule' });
    expect(routeEvent('schedule', { schedule: '0 6 * * 1' }, { ...cfg, automation: 'deps' })).toMatchObject({ kind: 'automation', name: 'deps' });
    const d = buildEvent('workflow_dispatch', target, { dispatch: { inputs: { automation: 'deps' } } });
    expect(routeEvent(d.eventName, d.payload, cfg)).toMatchObject({ kind: 'automation', name: 'deps', trigger: 'workflow_dispatch' });
    // a continuation's task-id wins over the action's automation input
    const c = buildEvent('workflow_dispatch', target, { dispatch: { inputs: { 'task-id': 't-1' } } });
    expect(routeEvent(c.eventName, c.payload, { ...cfg, automation: 'deps' })).toMatchObject({ kind: 'dispatch', taskId: 't-1' });
    const bad = buildEvent('workflow_dispatch', target, { dispatch: { inputs: { automation: '../x' } } });
    expect(() => routeEvent(bad.eventName, bad.payload, cfg)).toThrow(/inputs\.automation/);
  });

  it('unknown events are no-ops', () => {
    expect(routeEvent('push', {}, cfg)).toMatchObject({ kind: 'noop' });
  });

  it('a malformed payload names the field', () => {
    expect(() => routeEvent('issues', { action: 'labeled', label: { name: 'kiro' }, issue: { number: 'x' } }, cfg)).toThrow(/issue\.number/);
  });
});

describe('approval in words', () => {
  it.each(['yes', 'Yes, go ahead.', 'approved', 'LGTM', 'ok', 'go ahead and delete it', '👍'])('%j approves', (t) => expect(isApproval(t)).toBe(true));
  it.each(['no', 'yes but use the clean script', 'please use npm run clean instead', 'yesterday it worked', 'okay but wait'])('%j does not', (t) => expect(isApproval(t)).toBe(false));
});
