/**
 * A page that does not read cannot make the viewer buffer without limit: what waits for one page
 * is capped (`maxBufferedBytes`), a page that falls further behind is dropped (it leaves
 * `clients` and its connection is cut), a page that reads is never dropped however much flows,
 * and a page that (re)connects is sent the bounded replay and nothing more. The slow page is a
 * real socket on loopback that sends `GET /events` and never reads. Waits are on the server's
 * state and on events (at most one event-loop turn between sends), never on time.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assign, createActor, setup } from 'xstate';
import { DEFAULT_MAX_BUFFERED_BYTES } from '../../src/inspect/event-stream.js';
import { serveInspector, type InspectorServer } from '../../src/inspect/serve-inspector.js';
import type { ViewerMessage } from '../../src/inspect/viewer-messages.js';
import { distinctiveSecret } from './support/flows.js';
import { collectSse, isRootSnapshot } from './support/sse-client.js';

/** A machine whose context holds one big string: each `grow` makes a snapshot message of `size` bytes. */
const blobMachine = setup({
  types: {} as { context: { blob: string }; events: { type: 'grow'; n: number; size: number } },
}).createMachine({
  id: 'blob',
  context: { blob: '' },
  on: { grow: { actions: assign({ blob: ({ event }) => `blob #${event.n} `.padEnd(event.size, '.') }) } },
});

/** Whether `message` is the root snapshot after the `n`th `grow`. */
const grown = (n: number) => (message: ViewerMessage): boolean =>
  isRootSnapshot(message) && String((message.snapshot.context as { blob?: unknown } | undefined)?.blob).startsWith(`blob #${n} `);

/** One turn of the event loop, when a page that reads would read. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Connects to `/events` the way a page does and never reads: the socket's receive side is paused
 * before the request goes out. Resolves once the server counts it (call it with no page connected).
 */
async function connectWithoutReading(viewer: InspectorServer): Promise<Socket> {
  expect(viewer.clients).toBe(0);
  const socket = connect(viewer.port, '127.0.0.1');
  socket.pause();
  await once(socket, 'connect');
  const counted = viewer.waitForClient();
  socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${viewer.port}\r\nAccept: text/event-stream\r\n\r\n`);
  await counted;
  return socket;
}

describe('serveInspector: a page that does not read', () => {
  let viewer: InspectorServer | undefined;
  let slow: Socket | undefined;
  afterEach(async () => {
    slow?.destroy();
    await viewer?.close();
  });

  it('is dropped once it is maxBufferedBytes behind; the server never holds more for it; a page that reconnects gets the bounded replay', async () => {
    const blob = 1024 * 1024;
    const replayLimit = 4;
    viewer = await serveInspector({ machine: blobMachine, secrets: [distinctiveSecret('client-secret')], replayLimit });
    const actor = createActor(blobMachine, { inspect: viewer.inspect }).start();
    slow = await connectWithoutReading(viewer);
    // What of its replay (one actor, one empty snapshot) was still waiting when it was written.
    const replayLeft = viewer.bufferedBytes;
    expect(replayLeft).toBeLessThan(4096);
    const bound = DEFAULT_MAX_BUFFERED_BYTES + replayLeft;

    // Far more than the operating system's socket buffers and the cap together, were it all kept.
    const maxSends = 64;
    let sends = 0;
    let peak = 0;
    while (viewer.clients > 0 && sends < maxSends) {
      sends += 1;
      actor.send({ type: 'grow', n: sends, size: blob });
      peak = Math.max(peak, viewer.bufferedBytes);
      expect(viewer.bufferedBytes).toBeLessThanOrEqual(bound);
      await turn();
    }
    expect(viewer.clients).toBe(0);
    expect(viewer.droppedClients).toBe(1);
    expect(viewer.bufferedBytes).toBe(0);
    expect(sends).toBeLessThan(maxSends);
    // It really was buffering up to the cap when it was dropped.
    expect(peak).toBeGreaterThan(bound - 2 * blob);

    // Its connection was cut: reading now finds the end of the stream, and no `end` message.
    let received = '';
    slow.setEncoding('utf8');
    slow.on('data', (chunk: string) => (received += chunk));
    slow.resume();
    await once(slow, 'close');
    expect(received).toContain('HTTP/1.1 200');
    expect(received).not.toContain('"type":"end"');

    // A page that connects again is sent the bounded replay only, then follows live.
    const again = await collectSse(viewer.url);
    await again.waitFor(grown(sends));
    expect(viewer.clients).toBe(1);
    const events = again.messages.filter((message) => message.type === '@xstate.event');
    expect(events.length).toBeLessThanOrEqual(replayLimit);
    expect(again.messages.length).toBeLessThanOrEqual(1 + 1 + replayLimit);
    actor.send({ type: 'grow', n: sends + 1, size: 16 });
    await again.waitFor(grown(sends + 1));
    expect(viewer.droppedClients).toBe(1);
    again.stop();
  });

  it('a page that reads is never dropped, however many times the cap flows through it', async () => {
    const maxBufferedBytes = 256 * 1024;
    const blob = 64 * 1024;
    viewer = await serveInspector({ machine: blobMachine, maxBufferedBytes });
    const actor = createActor(blobMachine, { inspect: viewer.inspect }).start();
    const page = await collectSse(viewer.url);
    // 32 × 64 KiB: eight times the cap in all, each message more than write()'s high-water mark.
    for (let n = 1; n <= 32; n += 1) {
      actor.send({ type: 'grow', n, size: blob });
      await page.waitFor(grown(n));
    }
    expect(viewer.clients).toBe(1);
    expect(viewer.droppedClients).toBe(0);
    page.stop();
  });

  it('a page that connects into a busy flow is not dropped for its replay alone', async () => {
    const maxBufferedBytes = 1024 * 1024;
    const blob = 256 * 1024;
    viewer = await serveInspector({ machine: blobMachine, maxBufferedBytes, replayLimit: 96 });
    const actor = createActor(blobMachine, { inspect: viewer.inspect }).start();
    // 48 snapshots of 256 KiB in the replay: 12 MiB, more than loopback's socket buffers take at once
    // and twelve times the cap.
    for (let n = 1; n <= 48; n += 1) actor.send({ type: 'grow', n, size: blob });

    const counted = viewer.waitForClient();
    const opening = collectSse(viewer.url);
    await counted;
    // Still in the turn the page connected in: most of its replay is waiting, more than the cap.
    expect(viewer.bufferedBytes).toBeGreaterThan(maxBufferedBytes + blob);
    actor.send({ type: 'grow', n: 49, size: blob });
    expect(viewer.clients).toBe(1);

    const page = await opening;
    await page.waitFor(grown(49));
    expect(page.messages.filter(grown(1))).toHaveLength(1);
    expect(viewer.droppedClients).toBe(0);
    page.stop();
  });
});
