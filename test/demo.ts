/**
 * `npm run demo`: the whole issue → pull request flow, offline. Starts the loopback GitHub (REST +
 * GraphQL), git remote and — unless ANTHROPIC_API_KEY is set — a scripted Messages API server,
 * runs the committed dist/index.js as the Actions runner would on an issue labelled `kiro`, and
 * prints the pull request it opened: title, body, commits with trailers, and the diff.
 */
import { ALICE, startRig } from './e2e/harness.js';
import { issueToPrScript } from './e2e/scripts.js';
import { RIG_IDENTITY, run } from './rig/git-remote.js';

const realKey = process.env.ANTHROPIC_API_KEY;
const rig = await startRig({ ...(realKey ? {} : { script: issueToPrScript() }) });
try {
  const issue = rig.github.state.addIssue({
    title: 'add() subtracts instead of adding',
    body: '`add(2, 3)` returns `-1`. The test in test/calc.test.js fails. Please fix it.',
    user: ALICE,
  });
  const n = issue.number as number;
  console.log(`Demo: issue #${n} "${issue.title}" in ${rig.repository}, labelled \`kiro\` by @${ALICE.login}.`);
  console.log(realKey ? 'Model: the real Anthropic API (ANTHROPIC_API_KEY is set).' : 'Model: a scripted Messages API server on loopback (set ANTHROPIC_API_KEY to use the real one).');
  const res = await rig.run(rig.event('issues.labeled', { label: 'kiro', issue: { number: n, title: issue.title as string, body: issue.body as string, user: ALICE }, sender: ALICE }), {
    ...(realKey ? { inputs: { 'anthropic-api-key': realKey }, env: { ANTHROPIC_BASE_URL: process.env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com' } } : {}),
    timeoutMs: 30 * 60_000,
  });
  console.log(`\nThe action exited with code ${res.code} in ${res.durationMs} ms; outputs: ${JSON.stringify(res.outputs)}`);
  const pulls = rig.github.state.pulls();
  if (!pulls.length) {
    console.log('\nNo pull request was opened. Action log:\n');
    console.log(res.maskedLog);
    process.exitCode = 1;
  }
  for (const pr of pulls) {
    const head = (pr.head as { ref: string }).ref;
    const base = (pr.base as { ref: string }).ref;
    console.log(`\n${'='.repeat(100)}\nPull request #${pr.number}: ${pr.title}${pr.draft ? ' (draft)' : ''}\n${pr.html_url}\n${head} → ${base}\n${'='.repeat(100)}\n`);
    console.log(pr.body);
    console.log(`\n${'-'.repeat(100)}\nCommits\n${'-'.repeat(100)}`);
    for (const c of (await rig.remote.log(rig.owner, rig.repo, `refs/heads/${head}`)).filter((c) => c.authorName !== RIG_IDENTITY.name)) {
      console.log(`\n${c.sha.slice(0, 12)} ${c.subject}\nAuthor: ${c.authorName} <${c.authorEmail}>\n${c.body}`);
    }
    console.log(`\n${'-'.repeat(100)}\nDiff\n${'-'.repeat(100)}`);
    const dir = `${rig.remote.root}/${rig.owner}/${rig.repo}.git`;
    const diff = await run('git', ['--git-dir', dir, 'diff', `refs/heads/${base}...refs/heads/${head}`]);
    console.log(diff.stdout);
  }
  const status = rig.github.state.comments(n).find((c) => String(c.body).includes('kiro-action:status'));
  if (status) console.log(`${'-'.repeat(100)}\nStatus comment on issue #${n}\n${'-'.repeat(100)}\n${status.body}\n`);
} finally {
  await rig.close();
}
