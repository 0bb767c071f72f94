/**
 * Driving a sign-in widget page as a person would, by the widget DOM contract every example
 * follows: the root `[data-widget="sign-in"]` with `data-phase`, the status live region, the user
 * code in `[data-part="user-code"]`, buttons named "Sign in", "Cancel", "Try again". Waits are on
 * the page's DOM (Playwright's waits), never on time.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { SignInPhase } from '../../../src/index.js';

/** The widget's root element. */
export const WIDGET = '[data-widget="sign-in"]';

/** A phone-sized viewport and a laptop one, for layout checks and screenshots. */
export const VIEWPORTS = { phone: { width: 375, height: 740 }, laptop: { width: 1280, height: 860 } } as const;

/** Resolves when the widget's `data-phase` is `phase` (Playwright's 30 s limit fails the wait). */
export async function waitForPhase(page: Page, phase: SignInPhase): Promise<void> {
  await page.locator(`${WIDGET}[data-phase="${phase}"]`).waitFor({ state: 'attached' });
}

/** The widget's `data-phase` now. */
export async function phaseOf(page: Page): Promise<string | null> {
  return page.locator(WIDGET).getAttribute('data-phase');
}

/** The status live region's text now. */
export async function statusText(page: Page): Promise<string> {
  return ((await page.locator(`${WIDGET} [data-part="status"]`).textContent()) ?? '').trim();
}

/** Waits for a code on screen and reads it, as a person reads it. */
export async function readUserCode(page: Page): Promise<string> {
  const code = page.locator(`${WIDGET} [data-part="user-code"]`);
  await code.waitFor({ state: 'visible' });
  return ((await code.textContent()) ?? '').trim();
}

/** Clicks "Sign in" and waits for the code; returns it. */
export async function signIn(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForPhase(page, 'showingCode');
  return readUserCode(page);
}

/**
 * Plays the person on the server's own page in a second tab: opens `activateUrl` (the mock's
 * `/activate`), types `userCode`, presses Approve or Deny, waits for the result page and closes
 * the tab.
 */
export async function decideOnActivatePage(context: BrowserContext, activateUrl: string, userCode: string, decision: 'approve' | 'deny'): Promise<void> {
  const tab = await context.newPage();
  try {
    await tab.goto(activateUrl);
    await tab.getByLabel('Code').fill(userCode);
    await tab.getByRole('button', { name: decision === 'approve' ? 'Approve' : 'Deny', exact: true }).click();
    await tab.getByRole('heading', { name: decision === 'approve' ? 'Device approved' : 'Access denied' }).waitFor();
  } finally {
    await tab.close();
  }
}
