/**
 * The vanilla widget (examples/vanilla) in real headless Chromium, used as a person would: click
 * "Sign in", read the code on screen, enter it on the embedded server's /activate page in a second
 * tab, approve or deny; a code that expires, then "Try again" with a new one; and "Cancel", after
 * which the server sees no further poll. Each phase tested is scanned with axe-core; each outcome
 * is photographed into test-results/examples/. Waits are on the page's DOM and the server's
 * events, never on time.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/index.js';
import type { MockLogEntry, MockPollEvent, MockServer } from '../../src/mock/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { useExampleSite } from './support/example-site.js';
import { useMockServers } from './support/mock-servers.js';
import { saveScreenshot } from './support/screenshots.js';
import { decideOnActivatePage, readUserCode, signIn, statusText, VIEWPORTS, waitForPhase, WIDGET } from './support/widget-page.js';

const TOKEN_POLL = '/oauth/device/token';
/** The User-Agent of the Node-side flow that measures time on the server in the cancel test. */
const CLOCK_AGENT = 'server-clock/1.0';

/** The server's token polls from the page (not from the clock flow), oldest first. */
function pagePolls(log: readonly MockLogEntry[]): MockLogEntry[] {
  return log.filter((entry) => entry.method === 'POST' && entry.path === TOKEN_POLL && entry.headers['user-agent'] !== CLOCK_AGENT);
}

/** The text of the focused element's accessible label or content. */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
}

/** Every `poll` event of the server, collected from now on. */
function collectPolls(server: MockServer): MockPollEvent[] {
  const polls: MockPollEvent[] = [];
  server.on('poll', (event) => polls.push(event));
  return polls;
}

/** A flow that the server slows down (a poll delayed by a busy machine) waits 5 s more. */
const FLOW_TIMEOUT_MS = 60_000;

describe.skipIf(skipWithoutChromium)('the vanilla sign-in widget in real headless Chromium', { timeout: FLOW_TIMEOUT_MS }, () => {
  const browser = useChromium();
  const site = useExampleSite(['vanilla']);
  const startServer = useMockServers();

  async function openWidget(server: MockServer, viewport: keyof typeof VIEWPORTS = 'laptop'): Promise<Page> {
    const page = await browser().newPage();
    await page.setViewportSize(VIEWPORTS[viewport]);
    await page.goto(site().url('vanilla', { server: server.url }));
    await waitForPhase(page, 'idle');
    return page;
  }

  it('approve: the code on screen, entered on /activate in a second tab, signs the person in', async () => {
    const server = await startServer({ interval: 0.5, expiresIn: 60 });
    const page = await openWidget(server);
    expect(await statusText(page)).toBe('Not signed in. Sign in to get a code.');
    await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
    await expectNoSeriousViolations(page, 'vanilla, idle');

    const issued = server.waitFor('code');
    const userCode = await signIn(page);
    expect(userCode).toBe((await issued).userCode);
    // The code has the focus, the live region says where to go, the link and QR code open the page with the code filled in.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-part'))).toBe('user-code');
    expect(await statusText(page)).toBe(`Go to ${server.verificationUrl} and enter ${userCode}`);
    const link = page.locator(`${WIDGET} [data-part="verification-link"]`);
    expect(await link.getAttribute('href')).toBe(`${server.verificationUrl}/${userCode}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    await expect(page.getByRole('img', { name: /^QR code of / }).getAttribute('data-part')).resolves.toBe('qr');
    expect(await page.locator(`${WIDGET} [data-part="countdown"]`).textContent()).toMatch(/^(1:00|0:[0-5]\d) left$/);
    await expect(page.getByRole('button', { name: 'Copy code' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Cancel' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true }).count()).resolves.toBe(0);
    const status = page.locator(`${WIDGET} [data-part="status"]`);
    expect([await status.getAttribute('role'), await status.getAttribute('aria-live')]).toEqual(['status', 'polite']);
    // Every control in order from the keyboard: the code, "Copy code", the link, "Cancel".
    const tabOrder: Array<string | null> = [];
    for (let step = 0; step < 3; step += 1) {
      await page.keyboard.press('Tab');
      tabOrder.push(await page.evaluate(() => document.activeElement?.getAttribute('data-part') ?? null));
    }
    expect(tabOrder).toEqual(['copy', 'verification-link', 'cancel']);
    // "Copy code" copies exactly the code, then says so.
    await browser().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.getByRole('button', { name: 'Copy code' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(userCode);
    await expectNoSeriousViolations(page, 'vanilla, code shown');
    await saveScreenshot(page, 'vanilla-code-shown');

    await decideOnActivatePage(browser(), server.verificationUrl, userCode, 'approve');
    await waitForPhase(page, 'signedIn');
    await expect(page.getByRole('heading', { name: 'Signed in' }).isVisible()).resolves.toBe(true);
    expect(await statusText(page)).toBe('You are signed in.');
    await expect(page.locator(`${WIDGET} [data-part="user-code"]`).isVisible()).resolves.toBe(false);
    // Polls were pending (400; a 429 when a loaded machine delays one poll and hurries the next)
    // until the approval, then exactly one 200, and nothing after it.
    const statuses = pagePolls(server.log).map((entry) => entry.status);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).filter((status) => status !== 400 && status !== 429)).toEqual([]);
    await expectNoSeriousViolations(page, 'vanilla, signed in');
    await saveScreenshot(page, 'vanilla-signed-in');
    await page.close();
  });

  it('deny, at phone width: the outcome says so and "Try again" has the focus', async () => {
    const server = await startServer({ interval: 0.5, expiresIn: 60 });
    const page = await openWidget(server, 'phone');
    const userCode = await signIn(page);
    // The card fits a phone: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await saveScreenshot(page, 'vanilla-code-shown-phone');

    await decideOnActivatePage(browser(), server.verificationUrl, userCode, 'deny');
    await waitForPhase(page, 'denied');
    await expect(page.getByRole('heading', { name: 'Sign-in declined' }).isVisible()).resolves.toBe(true);
    expect(await statusText(page)).toBe('You declined the sign-in.');
    expect(await focusedText(page)).toBe('Try again');
    expect(pagePolls(server.log).at(-1)?.status).toBe(418);
    await expectNoSeriousViolations(page, 'vanilla, denied');
    await saveScreenshot(page, 'vanilla-denied');
    await page.close();
  });

  it('a code that expires, then "Try again" from the keyboard gets a new code, which is polled', async () => {
    const server = await startServer({ interval: 0.2, expiresIn: 1.5 });
    const page = await openWidget(server);
    const first = await signIn(page);
    await waitForPhase(page, 'expired');
    await expect(page.getByRole('heading', { name: 'Code expired' }).isVisible()).resolves.toBe(true);
    expect(await statusText(page)).toBe('The code expired. Try again for a new one.');
    expect(await focusedText(page)).toBe('Try again');
    await expectNoSeriousViolations(page, 'vanilla, expired');
    await saveScreenshot(page, 'vanilla-expired');

    const issued = server.waitFor('code');
    await page.keyboard.press('Enter');
    const second = (await issued).userCode;
    await waitForPhase(page, 'showingCode');
    expect(await readUserCode(page)).toBe(second);
    expect(second).not.toBe(first);
    // The new code is the one polled now (its 1.5 s are too short to approve it reliably on a busy machine).
    await server.waitFor('poll', (event) => event.userCode === second);
    await page.close();
  });

  it('opened from disk without ?server=, the page says how to name the server', async () => {
    const page = await browser().newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(site().fileUrl('vanilla'));
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^This page has no server to sign in to: open it with \?server=/);
    expect(await page.locator(WIDGET).count()).toBe(0);
    expect(errors).toHaveLength(1);
    await page.close();
  });

  it('cancel mid-wait: the widget stops polling, measured on the server clock over several intervals', async () => {
    const interval = 0.5;
    const server = await startServer({ interval, expiresIn: 60 });
    const polls = collectPolls(server);
    const page = await openWidget(server);
    const userCode = await signIn(page);
    // Cancel right after a poll was answered, so none is in flight and the next is an interval away.
    await server.waitFor('poll', (event) => event.userCode === userCode);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitForPhase(page, 'cancelled');
    const cancelledAt = Date.now();
    const pollsBefore = pagePolls(server.log).length;
    expect(pollsBefore).toBeGreaterThanOrEqual(1);
    await expect(page.getByRole('heading', { name: 'Sign-in cancelled' }).isVisible()).resolves.toBe(true);
    expect(await focusedText(page)).toBe('Try again');
    await expectNoSeriousViolations(page, 'vanilla, cancelled');
    await saveScreenshot(page, 'vanilla-cancelled');

    // The server's clock: another device polling the same server at the same interval. Its third
    // answered poll is at least three intervals (by the server's pacing) after the cancel.
    const stopClock = new AbortController();
    const clock = authorize({
      baseUrl: server.url,
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      userAgent: CLOCK_AGENT,
      signal: stopClock.signal,
    }).catch(() => undefined);
    const clockPolls = await server.waitFor('poll', (event) => event.userCode !== userCode && event.polls >= 3);
    stopClock.abort();
    await clock;
    expect(clockPolls.time - cancelledAt).toBeGreaterThanOrEqual(3 * interval * 1000 * 0.9);
    expect(pagePolls(server.log)).toHaveLength(pollsBefore);
    expect(polls.filter((event) => event.userCode === userCode && event.time > cancelledAt)).toEqual([]);
    await page.close();
  });
});
