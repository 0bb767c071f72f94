/**
 * The viewer outlives the flow: after `end()` the server keeps answering with the final state
 * until `close()`, so a person who opens the URL a few seconds late still sees how the flow
 * ended. `clients` and `waitForClient()` tell the caller when a page is watching.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { machineToDot } from '../../scripts/visualize/dot.js';
import { renderSvg } from '../../scripts/visualize/render-svg.js';
import { serveInspector, type InspectorServer } from '../../src/inspect/serve-inspector.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { collectSse, isRootSnapshot } from './support/sse-client.js';

const toggle = createMachine({
  id: 'toggle',
  initial: 'off',
  states: { off: { on: { flip: 'on' } }, on: { on: { flip: 'done' } }, done: { type: 'final' } },
});

/** Settles `promise` against a marker, to assert it is still pending without waiting on time. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const winner = await Promise.race([promise.then(() => 'settled', () => 'settled'), Promise.resolve().then(() => marker)]);
  return winner === marker;
}

describe('serveInspector: after the flow ends', () => {
  let viewer: InspectorServer | undefined;
  afterEach(async () => {
    await viewer?.close();
  });

  it('end() tells open pages the flow ended, and a page opened later still gets the final state', async () => {
    viewer = await serveInspector({ machine: toggle, diagramSvg: await renderSvg(machineToDot(toggle)) });
    const actor = createActor(toggle, { inspect: viewer.inspect }).start();
    const live = await collectSse(viewer.url);
    actor.send({ type: 'flip' });
    actor.send({ type: 'flip' });
    await live.waitFor((message) => isRootSnapshot(message) && message.snapshot.status === 'done');
    expect(viewer.ended).toBe(false);

    viewer.end();
    expect(viewer.ended).toBe(true);
    expect(viewer.clients).toBe(0);
    await live.ended;
    expect(live.messages.at(-1)?.type).toBe('end');
    // Nothing after the end reaches anyone, live or late.
    actor.send({ type: 'flip' });
    createActor(toggle, { inspect: viewer.inspect }).start();

    const page = await fetch(viewer.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>toggle.done</title>');
    const late = await collectSse(viewer.url);
    await late.ended;
    const roots = late.messages.filter((message) => message.type === '@xstate.actor' && message.parentId === null);
    expect(roots).toHaveLength(1);
    const snapshots = late.messages.filter(isRootSnapshot);
    expect(snapshots.at(-1)).toMatchObject({ stateIds: ['toggle.done'], snapshot: { status: 'done', value: 'done' } });
    expect(late.messages.at(-1)).toEqual(live.messages.at(-1));
    expect(late.messages.filter((message) => message.type === 'end')).toHaveLength(1);

    viewer.end();
    await viewer.close();
    expect(viewer.ended).toBe(true);
    await expect(fetch(viewer.url)).rejects.toThrow();
  });

  it('close() without end() still ends open pages first', async () => {
    viewer = await serveInspector({ machine: toggle });
    createActor(toggle, { inspect: viewer.inspect }).start();
    const live = await collectSse(viewer.url);
    await viewer.close();
    await live.ended;
    expect(live.messages.at(-1)?.type).toBe('end');
  });

  it('clients counts the pages connected to the event stream', async () => {
    viewer = await serveInspector({ machine: toggle });
    expect(viewer.clients).toBe(0);
    const first = await collectSse(viewer.url);
    expect(viewer.clients).toBe(1);
    const second = await collectSse(viewer.url);
    expect(viewer.clients).toBe(2);
    // Loading the page itself is not watching; the event stream is.
    await (await fetch(viewer.url)).text();
    expect(viewer.clients).toBe(2);
    first.stop();
    await vi.waitFor(() => expect(viewer?.clients).toBe(1));
    second.stop();
    await vi.waitFor(() => expect(viewer?.clients).toBe(0));
  });

  it('waitForClient() resolves when a page connects, at once when one is connected', async () => {
    viewer = await serveInspector({ machine: toggle });
    const waiting = viewer.waitForClient();
    const alsoWaiting = viewer.waitForClient(new AbortController().signal);
    expect(await isPending(waiting)).toBe(true);
    await (await fetch(viewer.url)).text();
    expect(await isPending(waiting)).toBe(true);
    const page = await collectSse(viewer.url);
    await expect(waiting).resolves.toBeUndefined();
    await expect(alsoWaiting).resolves.toBeUndefined();
    await expect(viewer.waitForClient()).resolves.toBeUndefined();
    page.stop();
  });

  it('waitForClient() resolves for a page that connects after end(): it is shown the final state', async () => {
    viewer = await serveInspector({ machine: toggle });
    viewer.end();
    const waiting = viewer.waitForClient();
    expect(await isPending(waiting)).toBe(true);
    const late = await collectSse(viewer.url);
    await expect(waiting).resolves.toBeUndefined();
    await late.ended;
    expect(late.messages.map((message) => message.type)).toEqual(['end']);
  });

  it('waitForClient() rejects with ABORTED when the signal aborts or the server closes', async () => {
    viewer = await serveInspector({ machine: toggle });
    const controller = new AbortController();
    const aborted = viewer.waitForClient(controller.signal);
    const reason = new Error('person pressed Ctrl+C');
    controller.abort(reason);
    await expect(aborted).rejects.toSatisfy((error) => error instanceof DeviceAuthError && error.code === 'ABORTED' && error.cause === reason);
    await expect(viewer.waitForClient(controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });

    const closing = viewer.waitForClient();
    await viewer.close();
    await expect(closing).rejects.toMatchObject({ code: 'ABORTED', message: 'inspector: closed before a viewer page connected' });
    await expect(viewer.waitForClient()).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
