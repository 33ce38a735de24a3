// Runs the mocha integration suite inside the real VS Code extension host of a running code-server.
// Chromium opens the workbench with a `payload` naming the extension under development and the test
// module (vscode-remote:// URIs, so both load in the server-side extension host); the server must
// have been started with `--vscode-option enable-smoke-test-driver`. The workbench forwards the
// extension host's console through window.codeAutomationLog and reports the result through
// window.codeAutomationExit(code).
// Usage: node run-integration.mjs <baseUrl> <workspaceDir> <extensionDevelopmentPath> <extensionTestsPath> <stateDir> [timeoutSec]
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, clock } from './browser.mjs';

const [baseUrl, ws, extDev, extTests, stateDir, timeoutSec = '540'] = process.argv.slice(2);
if (!stateDir) {
  console.error('usage: run-integration.mjs <baseUrl> <workspaceDir> <extDevPath> <extTestsPath> <stateDir> [timeoutSec]');
  process.exit(2);
}
const ms = clock();
const host = new URL(baseUrl).host;
const remote = (p) => `vscode-remote://${host}${path.resolve(p)}`;
const payload = [
  ['extensionDevelopmentPath', remote(extDev)],
  ['extensionTestsPath', remote(extTests)],
  ['skipWelcome', 'true'],
];
const url = `${baseUrl}/?folder=${encodeURIComponent(path.resolve(ws))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
// Workbench chatter (connection set-up, offline lookups, stack lines inside workbench.js): kept in
// <stateDir>/console.log, left out of the test output.
const NOISE = new RegExp([
  '^Resolv(ing|ed) connection token', '^Creating a socket', '^\\[(reconnection-grace-time|Service Worker|AgentHost|AccountPolicyGate)',
  '^Updating additional builtin extensions cache', '^Timed out waiting for authentication provider', "^Request to 'http",
  'ENOTFOUND|ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED', '^\\s+at .*(workbench\\.js|https?://)', '^Extension host \\(Remote\\) is (un)?responsive',
  '^Creation of workbench contribution', '^Ignoring fetching additional builtin extensions', '^Aborted onWillSaveTextDocument-event',
].join('|'));
const consoleLog = fs.createWriteStream(path.join(stateDir, 'console.log'));

const { context, close } = await launchBrowser(stateDir);
let finish;
const done = new Promise((r) => { finish = r; });
const timer = setTimeout(() => {
  console.error(`[integration ${ms()}] TIMEOUT: the suite did not finish within ${timeoutSec}s`);
  finish(124);
}, Number(timeoutSec) * 1000);
const page = context.pages()[0] ?? (await context.newPage());
await page.exposeFunction('codeAutomationLog', (type, args) => {
  const text = format(...(args ?? []));
  consoleLog.write(`[${type}] ${text}\n`);
  const kept = text.split('\n').filter((l) => !NOISE.test(l));
  if (kept.length) {
    (type === 'error' ? console.error : console.log)(kept.join('\n'));
  }
});
await page.exposeFunction('codeAutomationExit', async (code, logs) => {
  const dir = path.join(stateDir, 'workbench-logs');
  for (const l of logs ?? []) {
    const p = path.join(dir, l.relativePath);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, l.contents);
  }
  console.log(`[integration ${ms()}] extension host finished the suite, exit code ${code}`);
  finish(code);
});
page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${String(e)}\n`));
page.on('crash', () => { console.error('[integration] the workbench page crashed'); finish(1); });
console.log(`[integration ${ms()}] opening the workbench on ${path.resolve(ws)}`);
await page.goto(url);
const code = await done;
clearTimeout(timer);
await close();
consoleLog.end();
process.exit(code);
