// Browser UI suite: headless Chromium drives the real VS Code workbench of a code-server into which the
// packaged extension (.vsix) was installed. Every step waits on a selector or an event with a deadline
// and saves a PNG screenshot. Prints PASS/FAIL per check and `N passed, N failed`; exits 1 on a failure.
// Usage: node ui.mjs <baseUrl> <workspaceDir> <screenshotDir> <stateDir>
import { session } from './workbench.mjs';

const { page, log, check, oneLine, consoleLines, screenshot, palette, openFromExplorer, closeAllEditors, webview, step, openWorkspace, finish } = await session('ui');

try {
  await openWorkspace('runbooks');

  await step('Open a runbook from the explorer', async () => {
    await openFromExplorer('runbooks/defects.runbook.yaml');
    await page.locator('.monaco-editor .view-lines', { hasText: 'apiVersion: ml-runbooks/v1' }).waitFor();
    check(true, 'runbooks/defects.runbook.yaml opens from the explorer');
    const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
    await mode.filter({ hasText: 'ML Runbook' }).waitFor({ timeout: 20_000 });
    check(true, 'status bar shows the ML Runbook language', oneLine(await mode.innerText()));
  });

  await step('Problems panel lists RB003', async () => {
    await palette('View: Focus Problems (Errors, Warnings, Infos)');
    const marker = page.locator('.markers-panel .monaco-list-row', { hasText: 'RB003' }).first();
    await marker.waitFor({ timeout: 60_000 });
    const text = oneLine(await marker.innerText());
    check(/RB003/.test(text) && /\[Ln 10, Col \d+\]/.test(text), 'Problems panel row for RB003 on line 10', text);
    const others = oneLine(await page.locator('.markers-panel').innerText());
    check(['RB002', 'RB005', 'RB009'].every((c) => others.includes(c)), 'Problems panel also lists RB002, RB005 and RB009');
  });

  await step('Burn-rate calculator from the command palette', async () => {
    await palette('ML Runbooks: Burn-Rate Calculator');
    const title = page.locator('.quick-input-widget .quick-input-title');
    const input = page.locator('.quick-input-widget input');
    await title.filter({ hasText: '(1/4)' }).waitFor();
    await input.fill('99.9');
    await page.keyboard.press('Enter');
    await title.filter({ hasText: '(2/4)' }).waitFor();
    await input.fill('30d');
    await page.keyboard.press('Enter');
    await title.filter({ hasText: '(3/4)' }).waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'SRE Workbook' }).first().click();
    await title.filter({ hasText: '(4/4)' }).waitFor();
    await input.fill('');
    await page.keyboard.press('Enter');
    const table = webview().locator('table.burn-table');
    await table.waitFor({ timeout: 30_000 });
    const rows = await table.locator('tbody tr').allInnerTexts();
    const cells = rows.map((r) => oneLine(r));
    log('burn-rate rows:', JSON.stringify(cells));
    check(cells.length === 3, 'result panel shows three tiers', `${cells.length} rows`);
    check(/14\.4×/.test(cells[0] ?? '') && /\b2 ?%/.test(cells[0] ?? '') && /\b50h\b/.test(cells[0] ?? ''), 'tier 1: 14.4×, 2 %, budget lasts 50h', cells[0]);
    check(/\b6×/.test(cells[1] ?? '') && /\b5 ?%/.test(cells[1] ?? ''), 'tier 2: 6×, 5 %', cells[1]);
    check(/\b1×/.test(cells[2] ?? '') && /\b10 ?%/.test(cells[2] ?? ''), 'tier 3: 1×, 10 %', cells[2]);
  });

  await step('Runbook preview to the side shows the triage card', async () => {
    await closeAllEditors();
    await openFromExplorer('runbooks/drift-alert.runbook.yaml');
    await palette('ML Runbooks: Open Preview to the Side');
    const h1 = webview().locator('header h1');
    await h1.waitFor({ timeout: 30_000 });
    check(oneLine(await h1.innerText()) === 'Drift alert', 'preview title is the runbook title', oneLine(await h1.innerText()));
    const steps = await webview().locator('section.diagnostics li.triage h3').allInnerTexts();
    check(steps.length === 3 && /Did the detector itself change\?/.test(steps[0] ?? ''), 'triage card lists the three triage queries in order', JSON.stringify(steps.map(oneLine)));
    const criterion = oneLine(await webview().locator('section.rollback .criterion').innerText());
    check(/roll back or fix the pipeline/.test(criterion), 'triage card shows the rollback criterion', criterion);
    check(await page.locator('.split-view-view .editor-group-container').count() >= 2, 'preview sits beside the editor');
  });

  await step('Hostile post-mortem preview stays inert', async () => {
    await closeAllEditors();
    await openFromExplorer('postmortems/hostile.postmortem.md');
    await palette('ML Runbooks: Open Preview to the Side');
    const svg = webview().locator('svg.timeline');
    await svg.waitFor({ timeout: 30_000 });
    const label = await svg.getAttribute('aria-label');
    check(/6 events/.test(label ?? ''), 'timeline chart (svg) drawn with the 6 events', label);
    // The preview document itself: frames of the page whose DOM holds the rendered post-mortem.
    const frames = page.frames();
    const inner = [];
    for (const f of frames) {
      if (await f.locator('article.postmortem').count().catch(() => 0)) inner.push(f);
    }
    check(inner.length === 1, 'found the preview document frame', `${inner.length} frame(s)`);
    const f = inner[0];
    const state = await f.evaluate(() => ({
      marker: window.__mlrbInjected ?? null,
      scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('__mlrbInjected')).length,
      handlers: document.querySelectorAll('[onerror], [onmouseover], [onload]').length,
      text: document.body.innerText,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    }));
    const markers = [];
    for (const fr of frames) markers.push(await fr.evaluate(() => window.__mlrbInjected ?? null).catch(() => null));
    check(state.marker === null && markers.every((m) => m === null), 'injected code never ran (no window marker in any frame)');
    check(state.scripts === 0 && state.handlers === 0, 'no injected <script> element or on* handler in the preview DOM',
      `${state.scripts} script(s), ${state.handlers} handler(s)`);
    const visible = state.text.includes("window.__mlrbInjected = 'script'");
    check(visible || !/__mlrbInjected/.test(state.text), 'the <script> text is shown as text or dropped', visible ? 'shown as text' : 'absent');
    check(/default-src 'none'/.test(state.csp), 'preview has a strict Content-Security-Policy', state.csp.slice(0, 120));
    // Control: a console message from this frame does reach the listener, so silence below means something.
    await f.evaluate(() => console.log('MLRB-CONSOLE-CONTROL'));
    await page.waitForEvent('console', { predicate: (m) => m.text() === 'MLRB-CONSOLE-CONTROL', timeout: 5_000 }).catch(() => {});
    check(consoleLines.includes('MLRB-CONSOLE-CONTROL'), 'console messages of the preview frame are observed');
    check(!consoleLines.some((l) => /MLRB-INJECTED/.test(l)), 'no console message from the injected code');
  });
} catch (e) {
  check(false, 'UI suite ran to the end', oneLine(e?.message ?? e).slice(0, 400));
  await screenshot('error').catch(() => {});
} finally {
  await finish();
}
