// Web extension suite: headless Chromium drives code-server's workbench, into which a package of the
// extension without `main` was installed, so it runs in the web worker extension host and starts its
// language server as a web worker (dist/browser/server.js). Checks the Problems panel (diagnostics of
// the worker, RB009 across files through the client's file system) and the runbook preview. Prints
// PASS/FAIL per check and `N passed, N failed`; exits 1 on a failure.
// Usage: node web.mjs <baseUrl> <workspaceDir> <screenshotDir> <stateDir>
import fs from 'node:fs';
import path from 'node:path';
import { session } from './workbench.mjs';

const { page, stateDir, check, oneLine, screenshot, palette, openFromExplorer, focusEditor, webview, step, openWorkspace, finish } = await session('web');

try {
  await openWorkspace('runbooks');

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
    await focusEditor();
    await palette('ML Runbooks: Open Preview to the Side');
    const h1 = webview().locator('header h1');
    await h1.waitFor({ timeout: 30_000 });
    check(oneLine(await h1.innerText()) === 'Drift alert', 'preview title is the runbook title', oneLine(await h1.innerText()));
  });
} catch (e) {
  check(false, 'the workbench loads', oneLine(e?.message ?? e));
} finally {
  await screenshot('final').catch(() => {});
  await finish();
}
