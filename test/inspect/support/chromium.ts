/**
 * Real headless Chromium for the browser tests: Debian's `chromium` package driven with
 * playwright-core (no browser download). Without it the tests skip with a message that says how
 * to install it, except under CI (`CI` set), where they run and fail: CI must prove the pages
 * work in a real browser (`.ci/run` installs Chromium first).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { PROJECT_ROOT } from '../../support/run-cli.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where the browser tests put their screenshots. */
export const SCREENSHOTS = join(PROJECT_ROOT, 'test-results', 'inspect');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HINT = 'apt-get update && apt-get install -y --no-install-recommends chromium';

/** True when the browser tests must be skipped: no Chromium, and not in CI. */
export const skipWithoutChromium = !existsSync(CHROMIUM_PATH) && !process.env.CI;

if (skipWithoutChromium) {
  console.warn(
    `\n*** SKIPPING the real-browser tests: no Chromium at ${CHROMIUM_PATH}.\n*** Install it with: ${INSTALL_HINT}\n*** (Under CI these tests run and fail without it.)\n`,
  );
}

/** A browser with a new, empty profile; `close()` also deletes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is required here (CI is set) but ${CHROMIUM_PATH} is missing. Install it with: ${INSTALL_HINT}`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'device-auth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1600, height: 1000 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for the surrounding `describe`: launched (and {@link SCREENSHOTS} created) before
 * its tests, closed after them. Returns the browser's context for a test to open pages in. A
 * launch failure is thrown by each test that asks for the context, so a missing browser counts
 * as failed tests, not skipped ones.
 */
export function useChromium(): () => BrowserContext {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let launchError: unknown;
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    try {
      browser = await launchChromium();
    } catch (error) {
      launchError = error;
    }
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw launchError;
    return browser.context;
  };
}
