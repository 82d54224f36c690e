/**
 * A vitest reporter for CI (`CI=true`): a run with any skipped test fails, naming each one. The
 * sandbox, network-namespace and seeds-dependent tests already throw in CI when the machine cannot
 * run them (test/e2e-support/*.ts, test/unit/policy/policy.test.ts); this catches every other
 * skip too — an `it.skip` left behind, a `skipIf` whose condition went wrong — so a green CI means
 * everything ran. Contract: https://vitest.dev/advanced/api/reporters (`onTestRunEnd`).
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class NoSkips implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        if (t.result().state === 'skipped') skipped.push(`${m.moduleId.replace(`${process.cwd()}/`, '')} › ${t.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    for (const s of skipped) process.stdout.write(`::error title=Skipped test::${s}\n`);
    process.stdout.write(`CI runs every test: ${skipped.length} skipped (run with CI unset to allow skips on a machine without a sandbox)\n`);
    process.exitCode = 1;
  }
}
