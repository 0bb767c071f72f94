/**
 * The no-server demo (examples/demo) opened from disk (`file://`) in real headless Chromium: the
 * whole flow runs in the page against the in-memory mock. Sign in, the panel playing the person
 * approves (or denies) the code the card shows, and the statechart highlights each state the flow
 * is in. No request leaves the page. Each phase tested is scanned with axe-core; each outcome is
 * photographed into test-results/examples/. Waits are on the page's DOM, never on time.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { waitForHighlighted } from '../inspect/support/diagram-waits.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { useExampleSite } from './support/example-site.js';
import { saveScreenshot } from './support/screenshots.js';
import { signIn, statusText, VIEWPORTS, waitForPhase } from './support/widget-page.js';

/** The demo's pace: quick, so the tests move (the page's own defaults are for people). */
const PACE = { interval: '0.25', expiresIn: '60' };

/** What the person's panel on the page says and allows now. */
async function personPanel(page: Page) {
  const panel = page.locator('#person');
  return {
    text: ((await panel.locator('[data-part="person-code-line"]').textContent()) ?? '').trim(),
    approveEnabled: await panel.getByRole('button', { name: 'Approve' }).isEnabled(),
    denyEnabled: await panel.getByRole('button', { name: 'Deny' }).isEnabled(),
  };
}

describe.skipIf(skipWithoutChromium)('the no-server demo from file:// in real headless Chromium', { timeout: 60_000 }, () => {
  const browser = useChromium();
  const site = useExampleSite(['demo']);

  /** Opens the demo from disk; returns the page and every URL it requested. */
  async function openDemo(): Promise<{ page: Page; requested: string[] }> {
    const page = await browser().newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.setViewportSize(VIEWPORTS.laptop);
    const url = site().fileUrl('demo', PACE);
    expect(url.startsWith('file:///')).toBe(true);
    await page.goto(url);
    await waitForPhase(page, 'idle');
    await waitForHighlighted(page, ['deviceAuth.idle']);
    return { page, requested };
  }

  it('approve: the panel approves the code on the card, the card says "Signed in", the chart follows', async () => {
    const { page, requested } = await openDemo();
    expect(await page.locator('#current-state').textContent()).toBe('deviceAuth.idle');
    expect(await personPanel(page)).toMatchObject({ approveEnabled: false, denyEnabled: false });
    await expectNoSeriousViolations(page, 'demo, idle');

    const userCode = await signIn(page);
    await waitForHighlighted(page, ['deviceAuth.awaitingUser', 'deviceAuth.awaitingUser.waiting']);
    expect(await personPanel(page)).toEqual({ text: `The device shows ${userCode}. Approve it?`, approveEnabled: true, denyEnabled: true });
    // The card's link leads to the panel, not to an address where nothing listens.
    await page.locator('[data-part="verification-link"]').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-part'))).toBe('approve');
    await expectNoSeriousViolations(page, 'demo, code shown');
    await saveScreenshot(page, 'demo-code-shown');

    await page.getByRole('button', { name: 'Approve' }).click();
    await waitForPhase(page, 'signedIn');
    await waitForHighlighted(page, ['deviceAuth.authorized']);
    expect(await page.locator('#current-state').textContent()).toBe('deviceAuth.authorized');
    await expect(page.getByRole('heading', { name: 'Signed in' }).isVisible()).resolves.toBe(true);
    expect(await statusText(page)).toBe('You are signed in.');
    expect(await page.locator('[data-part="person-result"]').textContent()).toBe('Approved. The device finishes signing in at its next check.');
    // The server's log on the page (its latest requests): pending polls, then the one 200.
    const log = await page.locator('#requests li').allTextContents();
    expect(log.at(-1)).toMatch(/ POST \/oauth\/device\/token → 200$/);
    expect(log.slice(0, -1).filter((line) => !/ POST \/oauth\/device\/(token → 400|code → 200)$/.test(line))).toEqual([]);
    // States the flow passed through stay marked.
    const visited = await page.locator('#diagram g.visited').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-state-id')));
    expect(visited).toEqual(expect.arrayContaining(['deviceAuth.idle', 'deviceAuth.requesting', 'deviceAuth.awaitingUser.polling', 'deviceAuth.authorized']));
    await expectNoSeriousViolations(page, 'demo, signed in');
    await saveScreenshot(page, 'demo-signed-in');
    // Nothing left the page: the server is in memory.
    expect(requested.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.close();
  });

  it('deny: the card shows the refusal with "Try again" focused, the chart highlights denied', async () => {
    const { page, requested } = await openDemo();
    const userCode = await signIn(page);
    expect((await personPanel(page)).text).toContain(userCode);
    await page.getByRole('button', { name: 'Deny' }).click();
    await waitForPhase(page, 'denied');
    await waitForHighlighted(page, ['deviceAuth.denied']);
    await expect(page.getByRole('heading', { name: 'Sign-in declined' }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Try again');
    expect(await personPanel(page)).toMatchObject({ approveEnabled: false, denyEnabled: false });
    await expectNoSeriousViolations(page, 'demo, denied');
    await saveScreenshot(page, 'demo-denied');

    // Try again: a new code, which the panel offers to decide.
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitForPhase(page, 'showingCode');
    const second = ((await page.locator('[data-part="user-code"]').textContent()) ?? '').trim();
    expect(second).not.toBe(userCode);
    expect(await personPanel(page)).toEqual({ text: `The device shows ${second}. Approve it?`, approveEnabled: true, denyEnabled: true });
    expect(requested.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.close();
  });
});
