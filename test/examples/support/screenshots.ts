/**
 * Where the example browser tests put their screenshots: `test-results/examples/` (gitignored),
 * one PNG per outcome, named `<example>-<what>.png`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../support/run-cli.js';

/** The folder of the examples' screenshots. */
export const EXAMPLE_SCREENSHOTS = join(PROJECT_ROOT, 'test-results', 'examples');

/** Saves a full-page screenshot as `test-results/examples/<name>.png`; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(EXAMPLE_SCREENSHOTS, { recursive: true });
  const path = join(EXAMPLE_SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
