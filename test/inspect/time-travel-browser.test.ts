/**
 * Time travel in real headless Chromium. A sign-in is recorded with `device-auth login --record`
 * against the embedded server, then replayed two ways, served (`device-auth replay FILE`) and as
 * the self-contained file (`--html OUT`, opened from a file:// URL); in each, clicking an earlier
 * event shows the diagram and the context of that moment (checked against `momentAfter` on the
 * trace itself), the arrow keys step, and Esc returns to the end. The live viewer travels too: a
 * row clicked while the flow runs stays on screen as the flow goes on, until "live" is pressed.
 * Waits are on the page's DOM and the command's output, never on time.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveInspector } from '../../src/inspect/serve-inspector.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { parseTrace } from '../../src/record/parse-trace.js';
import { momentAfter, type TraceMoment } from '../../src/record/trace-moments.js';
import type { DeviceAuthTrace, TraceStep } from '../../src/record/trace.types.js';
import { runCli } from '../support/run-cli.js';
import { SCREENSHOTS, skipWithoutChromium, useChromium } from './support/chromium.js';
import { waitForHighlighted } from './support/diagram-waits.js';
import { distinctiveSecret, runFlow } from './support/flows.js';
import { hostileTrace } from './support/hostile-trace.js';

/** What the page shows now, read in one go. */
function shown(page: Page) {
  return page.evaluate(() => ({
    active: Array.from(document.querySelectorAll('#diagram g.active'), (g) => g.getAttribute('data-state-id') ?? '').sort(),
    context: JSON.parse(document.getElementById('context')!.textContent ?? 'null') as unknown,
    value: document.getElementById('state')!.getAttribute('data-value'),
    selected: Array.from(document.querySelectorAll('#log li[aria-selected="true"]'), (li) => Number(li.getAttribute('data-seq'))),
    travelling: document.body.classList.contains('travelling'),
  }));
}

/** The viewer's name for a state value: `awaitingUser.waiting`. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return Object.entries(value as Record<string, unknown>).map(([key, inner]) => `${key}.${valueText(inner)}`).join(', ');
}

/** Expects the page to show `moment`: its states highlighted, its context, its value. */
async function expectMoment(page: Page, moment: TraceMoment | undefined, selectedSeq: number | undefined) {
  expect(moment).toBeDefined();
  const now = await shown(page);
  expect(now.active).toEqual([...moment!.stateIds].sort());
  expect(now.context).toEqual(moment!.context);
  expect(now.value).toBe(valueText(moment!.value));
  expect(now.selected).toEqual(selectedSeq === undefined ? [] : [selectedSeq]);
  expect(now.travelling).toBe(selectedSeq !== undefined);
}

/** The rows of the log, in order, by the step they show. */
async function rowSeqs(page: Page): Promise<number[]> {
  return page.locator('#log li[data-seq]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
}

/** The events that carried the polls' answers to the flow. */
function answersOf(trace: DeviceAuthTrace) {
  return trace.steps.filter((step): step is Extract<TraceStep, { type: '@xstate.event' }> => step.type === '@xstate.event' && step.event.type === 'xstate.done.actor.pollToken');
}

/** Clicks an earlier event, steps with the arrows, and returns to the end; checks each moment. */
async function travel(page: Page, trace: DeviceAuthTrace, name: string) {
  const answers = answersOf(trace);
  expect(answers.length).toBeGreaterThanOrEqual(3);
  const second = answers[1]!;
  await waitForHighlighted(page, ['deviceAuth.authorized']);

  await page.locator(`#log li[data-seq="${second.seq}"]`).click();
  const after = momentAfter(trace, second.seq);
  // Waiting for the next poll (or slowed down, when a poll arrived early by the server's clock).
  expect(['awaitingUser.waiting', 'slowingDown']).toContain(valueText(after?.value));
  await expectMoment(page, after, second.seq);
  await expect(page.locator('#moment').textContent()).resolves.toMatch(/^row \d+ of \d+ · \+\d+\.\d\d s$/);
  await page.screenshot({ path: join(SCREENSHOTS, `time-travel-${name}.png`) });

  const rows = await rowSeqs(page);
  const index = rows.indexOf(second.seq);
  await page.keyboard.press('ArrowLeft');
  await expectMoment(page, momentAfter(trace, rows[index - 1]!), rows[index - 1]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expectMoment(page, momentAfter(trace, rows[index + 1]!), rows[index + 1]);
  await page.keyboard.press('Home');
  await expectMoment(page, momentAfter(trace, rows[0]!), rows[0]);

  await page.keyboard.press('Escape');
  await expectMoment(page, momentAfter(trace, trace.steps.at(-1)!.seq), undefined);
  await waitForHighlighted(page, ['deviceAuth.authorized']);
}

describe.skipIf(skipWithoutChromium)('time travel in real headless Chromium', () => {
  const browserContext = useChromium();
  let dir: string;
  let server: MockServer;
  let traceFile: string;
  let trace: DeviceAuthTrace;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-auth-travel-'));
    server = await startMockServer({ interval: 0.5, autoApproveAfterPolls: 3 });
    traceFile = join(dir, 'trace.json');
    const { code, stderr } = await runCli([
      'login', '--json', '--record', traceFile, '--base-url', server.url, '--client-id', server.clientId,
      '--client-secret', server.clientSecret, '--token-file', join(dir, 'token.json'),
    ]).exit;
    expect(code, stderr).toBe(0);
    trace = parseTrace(await readFile(traceFile, 'utf8'));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a served replay (device-auth replay FILE): click an earlier event, step, return to the end', async () => {
    const run = runCli(['replay', traceFile]);
    try {
      const line = await run.waitForLine((text) => text.startsWith('Replay of '));
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)![1]!;
      const page = await browserContext().newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(url);
      await page.locator('#connection[data-status="replay"]').waitFor();
      await travel(page, trace, 'served');
      // The timeline: a tick per poll, the gap between each two written under it.
      const polls = trace.steps.filter((step) => step.type === '@xstate.actor' && step.actorId === 'pollToken');
      await page.waitForFunction((count) => document.querySelectorAll('#timeline line.poll').length === count, polls.length);
      const gaps = await page.locator('#timeline text.gap').allTextContents();
      expect(gaps).toHaveLength(polls.length - 1);
      for (const gap of gaps) expect(gap).toMatch(/^\d+\.\d s$/);
      // A click near its start goes to that moment.
      const box = (await page.locator('#timeline').boundingBox())!;
      await page.mouse.click(box.x + 24, box.y + box.height / 2);
      const early = await shown(page);
      expect(early.travelling).toBe(true);
      expect(early.selected[0]!).toBeLessThan(answersOf(trace)[0]!.seq);
      expect(requests).toEqual([url]);
      await page.close();
    } finally {
      run.child.kill('SIGINT');
      await run.exit;
    }
  }, 60_000);

  it('the self-contained file (--html OUT) from a file:// URL: the same, with nothing loaded', async () => {
    const out = join(dir, 'trace.html');
    expect((await runCli(['replay', traceFile, '--html', out]).exit).code).toBe(0);
    const page = await browserContext().newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(out).href;
    await page.goto(url);
    await travel(page, trace, 'file');
    expect(requests).toEqual([url]);
    await page.close();
  }, 60_000);

  it('shows trace text as text: nothing in a trace runs or becomes markup', async () => {
    const out = join(dir, 'hostile.html');
    const hostile = join(dir, 'hostile.json');
    await writeFile(hostile, JSON.stringify(hostileTrace()));
    expect((await runCli(['replay', hostile, '--html', out]).exit).code).toBe(0);
    const page = await browserContext().newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(out).href);
    await waitForHighlighted(page, ['deviceAuth.requesting']);
    await expect(page.locator('#log li.event').first().textContent()).resolves.toContain('</script><script>window.pwned=1</script>');
    await expect(page.locator('#context').textContent()).resolves.toContain('<img src=x onerror=');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('the live viewer: a moment clicked while the flow runs stays on screen until "live"', async () => {
    const clientSecret = distinctiveSecret('client-secret');
    const live = await startMockServer({ interval: 0.1, clientSecret });
    const viewer = await serveInspector({ secrets: [clientSecret] });
    try {
      const code = live.waitFor('code');
      const flow = runFlow({ baseUrl: live.url, clientId: live.clientId, clientSecret, inspect: viewer.inspect });
      const { userCode } = await code;
      const page = await browserContext().newPage();
      await page.goto(viewer.url);
      const firstAnswer = page.locator('#log li.event', { hasText: 'xstate.done.actor.pollToken' }).first();
      await firstAnswer.waitFor();
      await firstAnswer.click();
      const pinned = await shown(page);
      expect(pinned.travelling).toBe(true);
      expect(pinned.active).toEqual(['deviceAuth.awaitingUser', 'deviceAuth.awaitingUser.waiting']);
      expect(pinned.context).toMatchObject({ attempt: 1 });

      live.approve(userCode);
      await flow;
      await page.locator('#log li.state', { hasText: 'authorized' }).waitFor();
      // The flow ended while the page looked at the past: the past is still what it shows.
      expect(await shown(page)).toEqual(pinned);
      await expect(page.locator('#live').textContent()).resolves.toBe('back to live');

      await page.locator('#live').click();
      await waitForHighlighted(page, ['deviceAuth.authorized']);
      expect((await shown(page)).travelling).toBe(false);
      await page.close();
    } finally {
      await viewer.close();
      await live.close();
    }
  }, 60_000);
});
