// Web extension suite: headless Chromium drives code-server's workbench, into which a package of the
// extension without `main` was installed, so it runs in the web worker extension host and starts its
// language server as a web worker (dist/browser/server.js). Checks the Problems panel (diagnostics of
// the worker, RB009 across files through the client's file system) and the runbook preview. Prints
// PASS/FAIL per check and `N passed, N failed`; exits 1 on a failure.
// Usage: node web.mjs <baseUrl> <workspaceDir> <screenshotDir> <stateDir>
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, clock } from './browser.mjs';

const [baseUrl, ws, shots, stateDir] = process.argv.slice(2);
if (!stateDir) {
  console.error('usage: web.mjs <baseUrl> <workspaceDir> <screenshotDir> <stateDir>');
  process.exit(2);
}
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });
const ms = clock();
const log = (...a) => console.log(`[web ${ms()}]`, ...a);
let passed = 0;
let failed = 0;
const check = (ok, what, detail = '') => {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}${detail ? ` — ${detail}` : ''}`);
  if (ok) passed++;
  else failed++;
  return ok;
};
const oneLine = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

const { context, close } = await launchBrowser(stateDir);
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(30_000);
const consoleLog = fs.createWriteStream(path.join(stateDir, 'browser-console.log'));
page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${String(e)}\n`));
let shot = 0;
const screenshot = async (name) => page.screenshot({ path: path.join(shots, `${String(++shot).padStart(2, '0')}-${name}.png`) });

async function palette(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>' + title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}
const row = (label) => page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/\./g, '\\.')}$`) }) });
async function openFromExplorer(relPath) {
  const parts = relPath.split('/');
  for (const folder of parts.slice(0, -1)) {
    const r = row(folder).first();
    await r.waitFor();
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  }
  const file = parts.at(-1);
  await row(file).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
}
const webview = () => page.frameLocator('iframe.webview').frameLocator('#active-frame');
async function step(name, fn) {
  log(`step: ${name}`);
  try {
    await fn();
  } catch (e) {
    check(false, name, oneLine(e?.message ?? e).slice(0, 400));
  }
  await screenshot(name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50)).catch(() => {});
}

try {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(path.resolve(ws))}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await row('runbooks').first().waitFor({ timeout: 60_000 });
  log('workbench ready');

  await step('The web-worker language server reports in the Problems panel', async () => {
    await openFromExplorer('runbooks/defects.runbook.yaml');
    await page.locator('.statusbar-item[id="status.editor.mode"]').filter({ hasText: 'ML Runbook' }).waitFor({ timeout: 20_000 });
    await palette('View: Focus Problems (Errors, Warnings, Infos)');
    const marker = page.locator('.markers-panel .monaco-list-row', { hasText: 'RB003' }).first();
    await marker.waitFor({ timeout: 90_000 });
    const text = oneLine(await marker.innerText());
    check(/\[Ln 10, Col \d+\]/.test(text), 'RB003 on line 10 from the language server in the web worker', text);
    const all = oneLine(await page.locator('.markers-panel').innerText());
    check(['RB002', 'RB005', 'RB009'].every((c) => all.includes(c)), 'RB002, RB005 and RB009 too', all.slice(0, 300));
    // The installed manifest has a `browser` entry and no `main`: nothing but the web extension could have answered.
    const installed = fs.readdirSync(path.join(stateDir, 'exts')).find((d) => d.startsWith('ml-runbooks.'));
    const manifest = JSON.parse(fs.readFileSync(path.join(stateDir, 'exts', installed, 'package.json'), 'utf8'));
    check(!manifest.main && manifest.browser === './dist/browser/extension.js', 'the installed package is web-only (browser entry, no main)', installed);
  });

  await step('A duplicate name in a file that is not open is found through the editor', async () => {
    // duplicate-b is never opened: the worker's workspace scan reads it through workspace.fs.
    await openFromExplorer('runbooks/duplicate-a.runbook.yml');
    const dup = page.locator('.markers-panel .monaco-list-row', { hasText: "Runbook name 'fx-shared-name' is already used" }).first();
    await dup.waitFor({ timeout: 60_000 });
    check(/RB009/.test(oneLine(await dup.innerText())), 'RB009 for the name duplicated in duplicate-b.runbook.yml', oneLine(await dup.innerText()));
  });

  await step('The runbook preview works in the web extension', async () => {
    await palette('View: Close All Editors');
    await openFromExplorer('runbooks/drift-alert.runbook.yaml');
    await palette('ML Runbooks: Open Preview to the Side');
    const h1 = webview().locator('header h1');
    await h1.waitFor({ timeout: 30_000 });
    check(oneLine(await h1.innerText()) === 'Drift alert', 'preview title is the runbook title', oneLine(await h1.innerText()));
  });
} catch (e) {
  check(false, 'the workbench loads', oneLine(e?.message ?? e));
} finally {
  await screenshot('final').catch(() => {});
  await close();
  consoleLog.end();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
