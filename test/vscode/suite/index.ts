/**
 * Mocha entry point loaded by the VS Code extension host (`extensionTestsPath`). Runs every bundled
 * `*.test.js` next to this file, prints mocha's spec report and the plain line `N passed, N failed`,
 * and writes a JSON summary to $ML_RUNBOOKS_TEST_RESULTS when that variable is set.
 * The same module works under code-server (test/vscode/scripts/run-integration.sh) and under
 * @vscode/test-electron (test/vscode/electron.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 90_000, color: false, reporter: 'spec' });
  const grep = process.env.ML_RUNBOOKS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  const results: Array<{ title: string; state: 'passed' | 'failed'; ms?: number; error?: string }> = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = results.filter((r) => r.state === 'passed').length;
        const out = process.env.ML_RUNBOOKS_TEST_RESULTS;
        if (out) fs.writeFileSync(out, JSON.stringify({ passed, failed: failures, results }, null, 2));
        console.log(`${passed} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
      runner.on('fail', (t, err: unknown) =>
        results.push({ title: t.fullTitle(), state: 'failed', error: String((err as Error)?.stack ?? err) }),
      );
    } catch (err) {
      reject(err);
    }
  });
}
