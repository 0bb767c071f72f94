/**
 * `createRedactedWebSocketInspector` end to end: a whole flow against the embedded server, the
 * inspector's real WebSocket client sending to a WebSocket server on 127.0.0.1 (standing in for
 * `@statelyai/inspect/server`, which listens on every interface), every frame scanned for secrets.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { StatelyInspectionEvent } from '@statelyai/inspect';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createRedactedWebSocketInspector, type StatelyWebSocketInspector } from '../../src/inspect/stately-inspectors.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { distinctiveSecret, runFlow } from './support/flows.js';
import { expectNoSecrets } from './support/secrets.js';

/** A loopback WebSocket server that keeps every text frame and lets a test wait for one. */
async function startReceiver() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const frames: string[] = [];
  const waiters: Array<{ predicate: (event: StatelyInspectionEvent) => boolean; resolve: () => void }> = [];
  server.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      const frame = data.toString('utf8');
      frames.push(frame);
      const event = JSON.parse(frame) as StatelyInspectionEvent;
      for (const waiter of [...waiters]) {
        if (waiter.predicate(event)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    frames,
    waitFor: (predicate: (event: StatelyInspectionEvent) => boolean) =>
      new Promise<void>((resolve) => {
        if (frames.some((frame) => predicate(JSON.parse(frame) as StatelyInspectionEvent))) resolve();
        else waiters.push({ predicate, resolve });
      }),
    close: () => new Promise<void>((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }),
  };
}

const isDoneSnapshot = (event: StatelyInspectionEvent): boolean =>
  event.type === '@xstate.snapshot' && (event.snapshot as { status?: string; value?: unknown }).value === 'authorized';

describe('createRedactedWebSocketInspector', () => {
  let server: MockServer | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  let inspector: StatelyWebSocketInspector | undefined;
  afterEach(async () => {
    inspector?.stop();
    await receiver?.close();
    await server?.close();
  });

  it('sends no secret in any frame of a whole flow, even when the caller serializes one in', async () => {
    const clientSecret = distinctiveSecret('client-secret');
    server = await startMockServer({ interval: 0.05, clientSecret, autoApproveAfterPolls: 2 });
    receiver = await startReceiver();
    inspector = createRedactedWebSocketInspector({
      url: receiver.url,
      secrets: [clientSecret],
      // A careless caller hook: redaction still runs after it.
      serialize: (event) => ({ ...event, debug: `client secret is ${clientSecret}` }) as unknown as StatelyInspectionEvent,
    });

    const { snapshot, secrets } = await runFlow({ baseUrl: server.url, clientId: server.clientId, clientSecret, inspect: inspector.inspect });
    expect(snapshot.value).toBe('authorized');
    expect(Object.keys(secrets)).toHaveLength(4);
    await receiver.waitFor(isDoneSnapshot);

    expectNoSecrets('the WebSocket frames', receiver.frames.join('\n'), secrets);
    const events = receiver.frames.map((frame) => JSON.parse(frame) as StatelyInspectionEvent & { debug?: string });
    expect(events.every((event) => typeof event._version === 'string' && typeof event.sessionId === 'string')).toBe(true);
    expect(events.every((event) => event.debug === 'client secret is [redacted]')).toBe(true);
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(['@xstate.actor', '@xstate.event', '@xstate.snapshot']));
    const root = events.find((event) => event.type === '@xstate.actor' && event.name === 'deviceAuth');
    expect(root?.type === '@xstate.actor' && root.definition).toContain('"awaitingUser"');
    const done = events.find(isDoneSnapshot);
    expect(done?.type === '@xstate.snapshot' && (done.snapshot as { context?: unknown }).context).toMatchObject({
      codes: { deviceCode: '[redacted]' },
      token: { accessToken: '[redacted]', refreshToken: '[redacted]', tokenType: 'bearer' },
    });
    const pollDone = events.find((event) => event.type === '@xstate.event' && event.event.type === 'xstate.done.actor.pollToken' && (event.event as { output?: { outcome?: { type?: string } } }).output?.outcome?.type === 'authorized');
    expect(pollDone?.type === '@xstate.event' && pollDone.event).toMatchObject({ output: { outcome: { token: { accessToken: '[redacted]' } } } });
  });
});
