/** Debian's Chromium driven by playwright-core (never a downloaded browser), fresh profile each time. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export interface Browser { context: BrowserContext; close(): Promise<void>; requests: string[] }

export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'xxgk-review-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 1000 },
  });
  // Every request the page makes other than its own file: the page must need no network at all.
  const requests: string[] = [];
  context.on('request', (r) => { if (!/^(file|data|about):/.test(r.url())) requests.push(r.url()); });
  await context.route(/^https?:/, (route) => route.abort());
  return {
    context, requests,
    async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}
