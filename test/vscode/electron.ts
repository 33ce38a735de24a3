/**
 * Runs the integration suite under @vscode/test-electron (a downloaded VS Code desktop build) instead
 * of code-server. Needs internet access the first time (the download is cached in .vscode-test/).
 * Usage: npm run test:vscode:electron      (VSCODE_VERSION=stable|insiders|1.100.0 to pick a build)
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace, projectRoot } from './workspace';

async function main(): Promise<void> {
  const root = projectRoot();
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-runbooks-electron-'));
  const ws = prepareWorkspace(path.join(state, 'ws'), root);
  try {
    const code = await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'suite', 'index'),
      extensionTestsEnv: { ML_RUNBOOKS_TEST_RESULTS: path.join(state, 'results.json') },
      launchArgs: [
        ws,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(state, 'user-data')}`,
        `--extensions-dir=${path.join(state, 'extensions')}`,
      ],
    });
    process.exitCode = code;
  } catch (err) {
    console.error('integration suite failed under @vscode/test-electron:', err);
    process.exitCode = 1;
  } finally {
    if (!process.exitCode) fs.rmSync(state, { recursive: true, force: true });
    else console.error(`kept ${state} for inspection`);
  }
}

void main();
