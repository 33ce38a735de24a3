// What the browser suites share: the command line, a Chromium page with its console recorded, PASS/FAIL
// checks with the closing `N passed, N failed` line, screenshots per step, and the workbench moves
// (command palette, explorer, the webview's document).
// Usage: const s = await session('ui'); … await s.step('name', async () => { … }); await s.finish();
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, clock } from './browser.mjs';

/** Opens a session from argv: <baseUrl> <workspaceDir> <screenshotDir> <stateDir>. */
export async function session(tag) {
  const [baseUrl, ws, shots, stateDir] = process.argv.slice(2);
  if (!stateDir) {
    console.error(`usage: ${tag}.mjs <baseUrl> <workspaceDir> <screenshotDir> <stateDir>`);
    process.exit(2);
  }
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  const ms = clock();
  const log = (...a) => console.log(`[${tag} ${ms()}]`, ...a);
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
  const consoleLines = [];
  const consoleLog = fs.createWriteStream(path.join(stateDir, 'browser-console.log'));
  page.on('console', (m) => { consoleLines.push(m.text()); consoleLog.write(`[${m.type()}] ${m.text()}\n`); });
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${String(e)}\n`));
  let shot = 0;
  const screenshot = async (name) => {
    const file = path.join(shots, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    log('screenshot', path.relative(process.cwd(), file));
  };

  /** Runs a command through the command palette (F1), by its visible title. */
  const palette = async (title) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>' + title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
  };
  const label = (name) => page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) });
  const row = (name, state = '') => page.locator(`.explorer-folders-view .monaco-list-row${state}`).filter({ has: label(name) });
  /** Opens a workspace file by clicking through the explorer (folders first). */
  const openFromExplorer = async (relPath) => {
    const parts = relPath.split('/');
    for (const folder of parts.slice(0, -1)) {
      const r = row(folder).first();
      await r.waitFor();
      if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
    }
    const file = parts.at(-1);
    await row(file).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
  };
  /** Puts the focus in the active editor: commands shown for `editorLangId` are hidden while the explorer has it. */
  const focusEditor = async () => {
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
  };
  const closeAllEditors = async () => {
    await palette('View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
  };
  /** The document inside the only open webview: iframe.webview → #active-frame. */
  const webview = () => page.frameLocator('iframe.webview').frameLocator('#active-frame');
  /** A named step: a failure inside is one FAIL; a screenshot after it either way. */
  const step = async (name, fn) => {
    log(`step: ${name}`);
    try {
      await fn();
    } catch (e) {
      check(false, name, oneLine(e?.message ?? e).slice(0, 400));
    }
    await screenshot(name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50)).catch(() => {});
  };
  /** Opens the workspace in the workbench and waits for the explorer to list `folder`. */
  const openWorkspace = async (folder) => {
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(path.resolve(ws))}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await row(folder).first().waitFor({ timeout: 60_000 });
    log('workbench ready, explorer lists the workspace');
  };
  /** Closes the browser, prints `N passed, N failed` and exits 1 on a failure. */
  const finish = async () => {
    await close();
    consoleLog.end();
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  };
  return { page, ws, stateDir, log, check, oneLine, consoleLines, screenshot, palette, row, openFromExplorer, focusEditor, closeAllEditors, webview, step, openWorkspace, finish };
}
