/**
 * `createRedactedBrowserInspector` through Stately's real browser adapter, with a stand-in for
 * the window it opens: every message it would post to the Stately inspector is scanned for secrets.
 */
import type { StatelyInspectionEvent } from '@statelyai/inspect';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactedBrowserInspector } from '../../src/inspect/stately-inspectors.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { distinctiveSecret, runFlow } from './support/flows.js';
import { expectNoSecrets } from './support/secrets.js';

/** The parts of `window` Stately's browser adapter uses: `open()` for the inspector window, and messages. */
function fakeWindow() {
  const posted: string[] = [];
  const listeners: Array<(event: { data: unknown }) => void> = [];
  let onPost: () => void = () => undefined;
  const inspectorWindow = {
    postMessage(message: unknown) {
      // What a real postMessage would do: a structured clone (throws on functions and the like).
      posted.push(JSON.stringify(structuredClone(message)));
      onPost();
    },
  };
  const window = {
    open: () => inspectorWindow,
    addEventListener: (type: string, listener: (event: { data: unknown }) => void) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  return {
    window: window as unknown as Window,
    posted,
    /** The Stately inspector page says hello: the adapter sends what it held back, then everything live. */
    connect: () => listeners.forEach((listener) => listener({ data: { type: '@statelyai.connected' } })),
    until: (predicate: (event: StatelyInspectionEvent) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => posted.some((message) => predicate(JSON.parse(message) as StatelyInspectionEvent)) && resolve();
        onPost = check;
        check();
      }),
  };
}

describe('createRedactedBrowserInspector', () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('posts no secret to the inspector window, before or after it connects', async () => {
    const clientSecret = distinctiveSecret('client-secret');
    server = await startMockServer({ interval: 0.05, clientSecret, autoApproveAfterPolls: 1 });
    const target = fakeWindow();
    const inspector = createRedactedBrowserInspector({ window: target.window, secrets: [clientSecret], url: 'http://127.0.0.1:1/inspect' });

    let connected = false;
    const { snapshot, secrets } = await runFlow({
      baseUrl: server.url,
      clientId: server.clientId,
      clientSecret,
      inspect: {
        next(event) {
          inspector.inspect.next?.(event);
          // Connect half-way, once the codes are in: the held-back messages are replayed first.
          const value = event.type === '@xstate.snapshot' ? (event.snapshot as { value?: unknown }).value : undefined;
          if (!connected && typeof value === 'object' && value !== null && 'awaitingUser' in value) {
            connected = true;
            setTimeout(target.connect, 0);
          }
        },
      },
    });
    expect(snapshot.value).toBe('authorized');
    await target.until((event) => event.type === '@xstate.snapshot' && (event.snapshot as { value?: unknown }).value === 'authorized');
    inspector.stop();

    expectNoSecrets('the posted messages', target.posted.join('\n'), secrets);
    expect(target.posted.some((message) => message.includes('"deviceCode":"[redacted]"'))).toBe(true);
    expect(target.posted.some((message) => message.includes('"accessToken":"[redacted]"'))).toBe(true);
  });
});
