/**
 * The viewer's diagram in real headless Chromium at 1400×900, a laptop screen: the big machines
 * (deviceAuth, session) are drawn at a size a person can read, in a pane that scrolls, with a
 * zoom control; the pane follows the active state; and a page opened after the flow ended shows
 * how it ended. Waits are on the page's DOM and checked inside the page (not `expect.poll`, whose
 * one-second default a busy machine outruns), never on time. Screenshots go to `test-results/inspect/`.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { serveInspector } from '../../src/inspect/serve-inspector.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { sessionMachine } from '../../src/machines/session.machine.js';
import { startMockServer } from '../../src/mock/index.js';
import { SCREENSHOTS, skipWithoutChromium, useChromium } from './support/chromium.js';
import { inView, waitForHighlighted, waitForInView } from './support/diagram-waits.js';
import { distinctiveSecret, runFlow } from './support/flows.js';

const LAPTOP = { width: 1400, height: 900 };
/** The smallest text a person reads without effort, in CSS pixels (the line box of 10 px type). */
const READABLE_PX = 10;

/** Heights of the diagram's text lines as drawn, smallest first. */
async function labelHeights(page: Page): Promise<number[]> {
  const heights = await page.locator('#diagram svg text').evaluateAll((texts) => texts.map((text) => text.getBoundingClientRect().height));
  return heights.sort((a, b) => a - b);
}

async function zoomLevel(page: Page): Promise<number> {
  return Number.parseInt((await page.locator('#zoom-level').textContent()) ?? '', 10);
}

/** The drawn size of the diagram and the visible size of its pane. */
function geometry(page: Page) {
  return page.locator('#diagram-view').evaluate((view) => {
    const svg = view.querySelector('svg')!.getBoundingClientRect();
    const box = view.querySelector('svg')!.viewBox.baseVal;
    return { svgWidth: svg.width, svgHeight: svg.height, naturalWidth: (box.width * 4) / 3, clientWidth: view.clientWidth, clientHeight: view.clientHeight, scrollWidth: view.scrollWidth };
  });
}

describe.skipIf(skipWithoutChromium)('the viewer diagram in real headless Chromium at 1400×900', () => {
  const browserContext = useChromium();
  const newPage = async (): Promise<Page> => {
    const page = await browserContext().newPage();
    await page.setViewportSize(LAPTOP);
    return page;
  };

  it.each([
    ['deviceAuth', deviceAuthMachine],
    ['session', sessionMachine],
  ] as Array<[string, AnyStateMachine]>)('%s: labels are readable, the pane scrolls, and the zoom control works', async (id, machine) => {
    const viewer = await serveInspector({ machine });
    const page = await newPage();
    try {
      await page.goto(viewer.url);
      // Opened at the pane's width but never below 75 % of the natural size: too wide to fit, so it scrolls.
      await expect(zoomLevel(page)).resolves.toBe(75);
      expect((await labelHeights(page))[0]).toBeGreaterThanOrEqual(READABLE_PX);
      const start = await geometry(page);
      expect(start.scrollWidth).toBeGreaterThan(start.clientWidth);
      expect(start.svgWidth).toBeCloseTo(start.naturalWidth * 0.75, 0);
      // Where the flow starts is in view before anything runs.
      await expect(inView(page, id)).resolves.toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `viewer-diagram-${id}-1400x900.png`) });

      await page.getByRole('button', { name: '100%' }).click();
      await expect(zoomLevel(page)).resolves.toBe(100);
      expect((await geometry(page)).svgWidth).toBeCloseTo(start.naturalWidth, 0);
      expect(await page.getByRole('button', { name: '100%' }).getAttribute('aria-pressed')).toBe('true');

      await page.getByRole('button', { name: 'Zoom in' }).click();
      await expect(zoomLevel(page)).resolves.toBe(125);
      await page.getByRole('button', { name: 'Zoom out' }).click();
      await page.getByRole('button', { name: 'Zoom out' }).click();
      await expect(zoomLevel(page)).resolves.toBe(80);

      // Fit: the whole diagram at once, an overview.
      await page.getByRole('button', { name: 'Fit' }).click();
      const fit = await geometry(page);
      expect(fit.svgWidth).toBeLessThanOrEqual(fit.clientWidth);
      expect(fit.svgHeight).toBeLessThanOrEqual(fit.clientHeight);
      expect(await zoomLevel(page)).toBeLessThan(75);
      expect(await page.getByRole('button', { name: 'Fit' }).getAttribute('aria-pressed')).toBe('true');
    } finally {
      await page.close();
      await viewer.close();
    }
  }, 60_000);

  it('the pane follows the active state, and a page opened after the end shows how the flow ended', async () => {
    const clientSecret = distinctiveSecret('client-secret');
    const server = await startMockServer({ interval: 0.1, clientSecret });
    const viewer = await serveInspector({ secrets: [clientSecret] });
    const page = await newPage();
    try {
      await page.goto(viewer.url);
      await expect(zoomLevel(page)).resolves.toBe(75);
      const code = server.waitFor('code');
      const flow = runFlow({ baseUrl: server.url, clientId: server.clientId, clientSecret, inspect: viewer.inspect });
      const { userCode } = await code;

      await waitForHighlighted(page, ['deviceAuth.awaitingUser', 'deviceAuth.awaitingUser.waiting']);
      await waitForInView(page, 'deviceAuth.awaitingUser.waiting');
      expect((await labelHeights(page))[0]).toBeGreaterThanOrEqual(READABLE_PX);
      await page.screenshot({ path: join(SCREENSHOTS, 'viewer-diagram-awaiting-user-1400x900.png') });

      server.approve(userCode);
      await flow;
      await waitForHighlighted(page, ['deviceAuth.authorized']);
      await waitForInView(page, 'deviceAuth.authorized');

      // The flow is over; the viewer stays up with its final state until closed.
      viewer.end();
      await page.locator('#connection[data-status="ended"]', { hasText: 'flow ended' }).waitFor();
      const late = await newPage();
      await late.goto(viewer.url);
      await late.locator('#state[data-value="authorized"][data-status="done"]').waitFor();
      await late.locator('#connection[data-status="ended"]').waitFor();
      await waitForInView(late, 'deviceAuth.authorized');
      await late.screenshot({ path: join(SCREENSHOTS, 'viewer-diagram-late-after-end-1400x900.png') });
      await late.close();
    } finally {
      await page.close();
      await viewer.close();
      await server.close();
    }
  }, 60_000);
});
