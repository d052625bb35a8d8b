// Headless Debian Chromium through playwright-core, launched the way this
// machine allows (no sandbox as root, no background networking) with a fresh
// profile. Returns null with a reason when Chromium is not installed, so the
// browser tests can skip and say why.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function browserMissing(): string | null {
  return existsSync(chromiumPath) ? null : `no Chromium at ${chromiumPath} (install Debian's chromium, as .ci/run does)`;
}

// playwright-core refuses a --user-data-dir argument to launch(); it already
// gives each launch a fresh temporary profile, which is what the flag was for.
export async function launchBrowser(): Promise<Browser> {
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
      '--disable-sync'
    ]
  });
}
