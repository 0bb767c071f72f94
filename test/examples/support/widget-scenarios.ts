/**
 * The sign-in scenarios of the framework widgets' browser tests (examples/react, vue, svelte),
 * played as a person would through the widget DOM contract (support/widget-page.ts): approve,
 * deny, a code that expires then "Try again", and cancel mid-wait with no further poll on the
 * server. Written for the React widget, which runs all four; Vue and Svelte run the approve path.
 * Each phase tested is scanned with axe-core and each outcome photographed as
 * `test-results/examples/<example>-<outcome>.png`. Waits are on the page's DOM and the server's
 * events, never on time.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { authorize } from '../../../src/index.js';
import type { MockLogEntry, MockServer, MockServerOptions } from '../../../src/mock/index.js';
import { useChromium } from '../../inspect/support/chromium.js';
import { expectNoSeriousViolations } from './axe.js';
import { useExampleSite, type ExampleSite } from './example-site.js';
import { useMockServers } from './mock-servers.js';
import { saveScreenshot } from './screenshots.js';
import { decideOnActivatePage, readUserCode, signIn, statusText, VIEWPORTS, waitForPhase, WIDGET } from './widget-page.js';

/** A built example widget with what its scenarios need: a browser, the served pages, mock servers. */
export interface WidgetUnderTest {
  /** The example's folder under `examples/`, e.g. `react`. */
  readonly name: string;
  readonly browser: () => BrowserContext;
  readonly site: () => ExampleSite;
  /** Starts a mock server closed after the current test. */
  readonly startServer: (options: MockServerOptions) => Promise<MockServer>;
}

/**
 * Sets up, for the surrounding `describe`, Chromium, the example `name` built and served, and
 * per-test mock servers.
 */
export function useWidgetUnderTest(name: string): WidgetUnderTest {
  return { name, browser: useChromium(), site: useExampleSite([name]), startServer: useMockServers() };
}

/** Time a scenario may take on a busy machine (a build, a browser and several intervals). */
export const SCENARIO_TIMEOUT_MS = 60_000;

const TOKEN_POLL = '/oauth/device/token';
/** The User-Agent of the Node-side flow that serves as the server's clock in the cancel scenario. */
const SERVER_CLOCK_AGENT = 'server-clock/1.0';

/** Token polls the server logged from the page (the server clock's left out), oldest first. */
function pagePolls(server: MockServer): MockLogEntry[] {
  return server.log.filter((entry) => entry.method === 'POST' && entry.path === TOKEN_POLL && entry.headers['user-agent'] !== SERVER_CLOCK_AGENT);
}

/** Waits until `target` has the focus (a widget moves it after rendering). */
async function waitForFocus(page: Page, target: Locator): Promise<void> {
  const element = await target.elementHandle();
  await page.waitForFunction((wanted) => wanted !== null && document.activeElement === wanted, element);
}

/** The widget's button whose accessible name is `name`. */
function button(page: Page, name: string): Locator {
  return page.locator(WIDGET).getByRole('button', { name, exact: true });
}

/** The widget's user code. */
function userCodeOf(page: Page): Locator {
  return page.locator(`${WIDGET} [data-part="user-code"]`);
}

/** Opens the widget on `server` and waits for it to be ready (`idle`). */
export async function openWidget(widget: WidgetUnderTest, server: MockServer, viewport: keyof typeof VIEWPORTS = 'laptop'): Promise<Page> {
  const page = await widget.browser().newPage();
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.goto(widget.site().url(widget.name, { server: server.url }));
  await waitForPhase(page, 'idle');
  return page;
}

/** Opened from disk without `?server=`: no card, an alert saying how to name the server, the error thrown once. */
export async function noServerScenario(widget: WidgetUnderTest): Promise<void> {
  const page = await widget.browser().newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(widget.site().fileUrl(widget.name));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/^This page has no server to sign in to: open it with \?server=/);
  expect(await page.locator(WIDGET).count()).toBe(0);
  expect(errors).toHaveLength(1);
  await page.close();
}

/**
 * Approve: idle with only "Sign in"; the code on screen (focused, with its link, QR code,
 * countdown and a working "Copy code") is the server's; entered on /activate in a second tab and
 * approved, it signs the person in after pending polls only.
 */
export async function approveScenario(widget: WidgetUnderTest): Promise<void> {
  const { name } = widget;
  const server = await widget.startServer({ interval: 1, expiresIn: 60 });
  const page = await openWidget(widget, server);
  expect(await statusText(page)).toBe('Not signed in. Sign in to get a code.');
  expect(await page.locator(`${WIDGET} button`).allTextContents()).toEqual(['Sign in']);
  await expectNoSeriousViolations(page, `${name}, idle`);

  const issued = server.waitFor('code');
  // The person approves only once the widget has polled, so the log shows it waiting first (on a
  // fast machine everything below takes less than the interval).
  const firstPoll = server.waitFor('poll');
  const userCode = await signIn(page);
  expect(userCode).toBe((await issued).userCode);
  await waitForFocus(page, userCodeOf(page));
  expect(await statusText(page)).toBe(`Go to ${server.verificationUrl} and enter ${userCode}`);
  const link = page.locator(`${WIDGET} [data-part="verification-link"]`);
  expect(await link.getAttribute('href')).toBe(`${server.verificationUrl}/${userCode}`);
  expect(await link.getAttribute('target')).toBe('_blank');
  const qr = page.getByRole('img', { name: `QR code of ${server.verificationUrl}/${userCode}: scan it to open the page on your phone` });
  expect(await qr.getAttribute('data-part')).toBe('qr');
  expect(await page.locator(`${WIDGET} [data-part="countdown"]`).textContent()).toMatch(/^(1:00|0:[0-5]\d) left$/);
  expect(await page.locator(`${WIDGET} button`).allTextContents()).toEqual(['Copy code', 'Cancel']);
  // From the focused code, the keyboard reaches every control in order.
  const tabOrder: Array<string | null> = [];
  for (let step = 0; step < 3; step += 1) {
    await page.keyboard.press('Tab');
    tabOrder.push(await page.evaluate(() => document.activeElement?.getAttribute('data-part') ?? null));
  }
  expect(tabOrder).toEqual(['copy', 'verification-link', 'cancel']);
  await expectNoSeriousViolations(page, `${name}, code shown`);
  await saveScreenshot(page, `${name}-code-shown`);

  await widget.browser().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await button(page, 'Copy code').click();
  await button(page, 'Copied').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(userCode);

  await firstPoll;
  await decideOnActivatePage(widget.browser(), server.verificationUrl, userCode, 'approve');
  await waitForPhase(page, 'signedIn');
  expect(await page.getByRole('heading', { name: 'Signed in' }).isVisible()).toBe(true);
  expect(await statusText(page)).toBe('You are signed in.');
  expect(await userCodeOf(page).count()).toBe(0);
  expect(await page.locator(`${WIDGET} button`).count()).toBe(0);
  const statuses = pagePolls(server).map((entry) => entry.status);
  expect(statuses.at(-1)).toBe(200);
  expect(new Set(statuses.slice(0, -1))).toEqual(new Set([400]));
  await expectNoSeriousViolations(page, `${name}, signed in`);
  await saveScreenshot(page, `${name}-signed-in`);
  await page.close();
}

/** Deny, at phone width: the outcome screen says so, "Try again" has the focus, the last poll was answered 418. */
export async function denyScenario(widget: WidgetUnderTest): Promise<void> {
  const { name } = widget;
  const server = await widget.startServer({ interval: 1, expiresIn: 60 });
  const page = await openWidget(widget, server, 'phone');
  const userCode = await signIn(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

  await decideOnActivatePage(widget.browser(), server.verificationUrl, userCode, 'deny');
  await waitForPhase(page, 'denied');
  expect(await page.getByRole('heading', { name: 'Sign-in declined' }).isVisible()).toBe(true);
  expect(await statusText(page)).toBe('You declined the sign-in.');
  await waitForFocus(page, button(page, 'Try again'));
  expect(pagePolls(server).at(-1)?.status).toBe(418);
  await expectNoSeriousViolations(page, `${name}, denied`);
  await saveScreenshot(page, `${name}-denied`);
  await page.close();
}

/**
 * A code that expires on screen; "Try again" pressed from the keyboard gets a new code, which
 * then signs in (approved through the server's control at once: the second code lives as
 * briefly as the first).
 */
export async function expiryScenario(widget: WidgetUnderTest): Promise<void> {
  const { name } = widget;
  const server = await widget.startServer({ interval: 0.2, expiresIn: 2 });
  const page = await openWidget(widget, server);
  const first = await signIn(page);
  await waitForPhase(page, 'expired');
  expect(await page.getByRole('heading', { name: 'Code expired' }).isVisible()).toBe(true);
  expect(await statusText(page)).toBe('The code expired. Try again for a new one.');
  expect(await userCodeOf(page).count()).toBe(0);
  await waitForFocus(page, button(page, 'Try again'));
  await expectNoSeriousViolations(page, `${name}, expired`);
  await saveScreenshot(page, `${name}-expired`);

  const issued = server.waitFor('code');
  await page.keyboard.press('Enter');
  const second = (await issued).userCode;
  expect(second).not.toBe(first);
  expect(await readUserCode(page)).toBe(second);
  expect(server.approve(second)).toBe('approved');
  await waitForPhase(page, 'signedIn');
  await page.close();
}

/**
 * Cancel right after an answered poll: the outcome screen, "Try again" focused, and no poll of
 * that code afterwards while another device polls the same server three times (the server's own
 * pacing is the clock: three intervals at least).
 */
export async function cancelScenario(widget: WidgetUnderTest): Promise<void> {
  const { name } = widget;
  const interval = 0.5;
  const server = await widget.startServer({ interval, expiresIn: 60 });
  const page = await openWidget(widget, server);
  const userCode = await signIn(page);
  await server.waitFor('poll', (event) => event.userCode === userCode);
  await button(page, 'Cancel').click();
  await waitForPhase(page, 'cancelled');
  const cancelledAt = Date.now();
  const pollsAtCancel = pagePolls(server).length;
  expect(pollsAtCancel).toBeGreaterThanOrEqual(1);
  expect(await page.getByRole('heading', { name: 'Sign-in cancelled' }).isVisible()).toBe(true);
  expect(await statusText(page)).toBe('Sign-in cancelled. Try again for a new code.');
  await waitForFocus(page, button(page, 'Try again'));
  await expectNoSeriousViolations(page, `${name}, cancelled`);
  await saveScreenshot(page, `${name}-cancelled`);

  const laterPolls: number[] = [];
  const stopListening = server.on('poll', (event) => {
    if (event.userCode === userCode) laterPolls.push(event.time);
  });
  const stopClock = new AbortController();
  const clock = authorize({
    baseUrl: server.url,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    userAgent: SERVER_CLOCK_AGENT,
    signal: stopClock.signal,
  }).catch(() => undefined);
  try {
    const third = await server.waitFor('poll', (event) => event.userCode !== userCode && event.polls >= 3);
    expect(third.time - cancelledAt).toBeGreaterThanOrEqual(3 * interval * 1000 * 0.9);
  } finally {
    stopClock.abort();
    stopListening();
    await clock;
  }
  expect(laterPolls).toEqual([]);
  expect(pagePolls(server)).toHaveLength(pollsAtCancel);
  await page.close();
}
