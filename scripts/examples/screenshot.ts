/**
 * Regenerates docs/widget.png, the README's picture of the vanilla widget mid-flow (a code shown):
 * builds the vanilla example into a temporary folder, serves it beside the embedded mock server,
 * clicks "Sign in" in headless Chromium (Debian's `chromium`, driven by playwright-core) and
 * photographs the card. Run: `npx tsx scripts/examples/screenshot.ts`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { defaultGenerate } from '../../src/mock/codes.js';
import { startMockServer } from '../../src/mock/index.js';
import { buildExamples, REPO_ROOT } from './build.js';
import { exampleUrl, serveStatic } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = join(REPO_ROOT, 'docs', 'widget.png');
/** The code in the picture, from the mock's own alphabet (USER_CODE_ALPHABET in src/mock/codes.ts). */
const PICTURED_CODE = 'WDJB4KQX';

if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium`);
  process.exit(1);
}

const outDir = await mkdtemp(join(tmpdir(), 'device-auth-widget-shot-'));
const mock = await startMockServer({
  interval: 5,
  expiresIn: 600,
  generate: (kind) => (kind === 'user_code' ? PICTURED_CODE : defaultGenerate(kind)),
});
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  await buildExamples({ outDir, names: ['vanilla'] });
  const site = await serveStatic(outDir);
  try {
    const page = await browser.newPage({ viewport: { width: 560, height: 780 }, deviceScaleFactor: 2 });
    await page.goto(exampleUrl(site.url, 'vanilla', { server: mock.url }));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('[data-widget="sign-in"][data-phase="showingCode"]').waitFor();
    // The picture shows the card at rest: no focus ring on the code.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const card = await page.locator('[data-widget="sign-in"]').boundingBox();
    if (card === null) throw new Error('the sign-in card is not on screen');
    const margin = 20;
    await page.screenshot({ path: OUTPUT, clip: { x: card.x - margin, y: card.y - margin, width: card.width + 2 * margin, height: card.height + 2 * margin } });
    console.log(`wrote ${OUTPUT} (code ${PICTURED_CODE} shown)`);
  } finally {
    await site.close();
  }
} finally {
  await browser.close();
  await mock.close();
  await rm(outDir, { recursive: true, force: true });
}
