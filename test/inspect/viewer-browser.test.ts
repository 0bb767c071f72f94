/**
 * The offline viewer and the person's activation page in real headless Chromium: the viewer
 * follows a `device-auth login --inspect` from `awaitingUser` to `authorized`, and a person
 * approving on the embedded server's page in the browser ends a flow authorized. Waits are on the
 * page's DOM (playwright locators, and checks that run inside the page for what must hold at one
 * moment, such as which states are highlighted), never on time. Screenshots go to `test-results/inspect/`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveInspector } from '../../src/inspect/serve-inspector.js';
import { startMockServer } from '../../src/mock/index.js';
import { runCli, waitForStderr } from '../support/run-cli.js';
import { SCREENSHOTS, skipWithoutChromium, useChromium } from './support/chromium.js';
import { waitForHighlighted } from './support/diagram-waits.js';
import { distinctiveSecret, runFlow } from './support/flows.js';
import { expectNoSecrets } from './support/secrets.js';

/** Records every URL a page requests, to prove it reaches nothing but its own origin. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

describe.skipIf(skipWithoutChromium)('in real headless Chromium', () => {
  const browserContext = useChromium();

  it('the viewer highlights awaitingUser, then authorized, while device-auth login --inspect runs', async () => {
    const clientSecret = distinctiveSecret('client-secret');
    const server = await startMockServer({ interval: 0.2, clientSecret });
    const dir = await mkdtemp(join(tmpdir(), 'device-auth-viewer-'));
    const tokenFile = join(dir, 'token.json');
    try {
      const run = runCli(['login', '--json', '--inspect', '--base-url', server.url, '--client-id', server.clientId, '--client-secret', clientSecret, '--token-file', tokenFile]);
      const [, url] = await waitForStderr(run, /Inspector: (http:\/\/127\.0\.0\.1:\d+\/) /);
      const codes = JSON.parse(await run.waitForLine((line) => line.includes('"type":"codes"'))) as { userCode: string };

      const page = await browserContext().newPage();
      const requests = recordRequests(page);
      await page.goto(url!);
      await waitForHighlighted(page, ['deviceAuth.awaitingUser', 'deviceAuth.awaitingUser.waiting']);
      await page.locator('#connection[data-status="live"]').waitFor();
      await page.locator('#log li.event', { hasText: 'xstate.done.actor.pollToken' }).first().waitFor();
      await page.locator('#context', { hasText: codes.userCode }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'viewer-awaiting-user.png') });

      server.approve(codes.userCode);
      await page.locator('#state[data-value="authorized"][data-status="done"]').waitFor();
      await waitForHighlighted(page, ['deviceAuth.authorized']);
      await page.locator('#connection[data-status="ended"]').waitFor();
      const contextText = await page.locator('#context').innerText();
      expect(contextText).toContain('"accessToken": "[redacted]"');
      expect(contextText).toContain('"deviceCode": "[redacted]"');
      await expect(page.locator('#log li.state').allInnerTexts()).resolves.toEqual(
        expect.arrayContaining([expect.stringContaining('awaitingUser.waiting'), expect.stringContaining('authorized')]),
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'viewer-authorized.png') });

      expect((await run.exit).code).toBe(0);
      const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as { access_token: string; refresh_token: string };
      expectNoSecrets('the viewer page', await page.content(), {
        'client secret': clientSecret,
        'access token': saved.access_token,
        'refresh token': saved.refresh_token,
      });
      expect(requests.length).toBeGreaterThanOrEqual(2);
      expect(requests.every((request) => request.startsWith(url!))).toBe(true);
      await page.close();
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a person approves on the activation page in the browser and the flow ends authorized', async () => {
    const clientSecret = distinctiveSecret('client-secret');
    const server = await startMockServer({ interval: 0.1, clientSecret });
    const viewer = await serveInspector({ secrets: [clientSecret] });
    try {
      const code = server.waitFor('code');
      const flow = runFlow({ baseUrl: server.url, clientId: server.clientId, clientSecret, inspect: viewer.inspect });
      const { userCode, verificationUrl } = await code;

      const viewerPage = await browserContext().newPage();
      await viewerPage.goto(viewer.url);
      await waitForHighlighted(viewerPage, ['deviceAuth.awaitingUser', 'deviceAuth.awaitingUser.waiting']);

      const activate = await browserContext().newPage();
      const requests = recordRequests(activate);
      await activate.goto(`${verificationUrl}/${userCode}`);
      await expect(activate.getByLabel('Code').inputValue()).resolves.toBe(userCode);
      await activate.getByRole('button', { name: 'Approve' }).click();
      await activate.getByRole('heading', { name: 'Device approved' }).waitFor();
      await activate.screenshot({ path: join(SCREENSHOTS, 'activate-approved.png') });
      expect(requests.every((request) => request.startsWith(server.url))).toBe(true);

      const { snapshot } = await flow;
      expect(snapshot.value).toBe('authorized');
      expect(snapshot.output?.accessToken).toMatch(/\S{16,}/);
      await waitForHighlighted(viewerPage, ['deviceAuth.authorized']);
      await viewerPage.screenshot({ path: join(SCREENSHOTS, 'viewer-after-browser-approval.png') });
      await Promise.all([viewerPage.close(), activate.close()]);
    } finally {
      await viewer.close();
      await server.close();
    }
  }, 60_000);
});
