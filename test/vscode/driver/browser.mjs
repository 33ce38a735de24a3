// Headless Chromium (the system's, driven by playwright-core) with the flags that keep it offline and quiet.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Chromium with a throw-away profile inside `stateDir`; returns { context, close }. */
export async function launchBrowser(stateDir, options = {}) {
  const userDataDir = fs.mkdtempSync(path.join(stateDir, 'chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    ...options,
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

/** Seconds since `t0`, for log prefixes. */
export function clock(t0 = Date.now()) {
  return () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}
