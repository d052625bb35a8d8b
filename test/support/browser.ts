// Headless Debian Chromium through playwright-core, launched the way this
// machine allows (no sandbox as root, no background networking) with a fresh
// profile. Returns null with a reason when Chromium is not installed, so the
// browser tests can skip and say why.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function browserMissing(): string | null {
  return existsSync(chromiumPath) ? null : `no Chromium at ${chromiumPath} (install Debian's chromium, as .ci/run does)`;
}

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'wsgi-chromium-'));
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${userDataDir}`
    ]
  });
}
