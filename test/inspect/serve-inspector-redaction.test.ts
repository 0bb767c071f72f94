/**
 * Whole flows through the offline viewer: every byte its event stream sends is checked for the
 * client secret, the device code and both tokens, read from the machine before redaction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serveInspector, type InspectorServer } from '../../src/inspect/serve-inspector.js';
import type { ViewerSnapshotMessage } from '../../src/inspect/viewer-messages.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/index.js';
import { distinctiveSecret, runFlow } from './support/flows.js';
import { expectNoSecrets } from './support/secrets.js';
import { collectSse, isRootSnapshot } from './support/sse-client.js';

/** Random numbers for the mock's fault injection: fault, server-error, 502; fault, rate-limit; then never again. */
function scriptedRandom(values: number[]): () => number {
  return () => values.shift() ?? 0.99;
}

const FLOWS: Array<{ name: string; mock: MockServerOptions; ending: string; polls: number }> = [
  { name: 'approved after two pending polls', mock: { autoApproveAfterPolls: 2 }, ending: 'authorized', polls: 3 },
  { name: 'denied on the first poll', mock: { autoDenyAfterPolls: 0 }, ending: 'denied', polls: 1 },
  {
    name: 'a 502 and a CDN 429 before the approval',
    mock: { autoApproveAfterPolls: 1, faultRate: 0.5, faults: ['server-error', 'rate-limit'], faultRetryAfter: 0, random: scriptedRandom([0, 0, 0, 0, 0.99]) },
    ending: 'authorized',
    polls: 4,
  },
];

describe('serveInspector: no secret in any message of a whole flow', () => {
  let server: MockServer | undefined;
  let viewer: InspectorServer | undefined;
  afterEach(async () => {
    await viewer?.close();
    await server?.close();
  });

  it.each(FLOWS)('$name', async ({ mock, ending, polls }) => {
    const clientSecret = distinctiveSecret('client-secret');
    server = await startMockServer({ interval: 0.05, clientSecret, ...mock });
    viewer = await serveInspector({ secrets: [clientSecret] });
    const stream = await collectSse(viewer.url);

    const { snapshot, secrets } = await runFlow({
      baseUrl: server.url,
      clientId: server.clientId,
      clientSecret,
      inspect: viewer.inspect,
      input: { slowDownStepSeconds: 0.01 },
    });
    expect(String(snapshot.value)).toBe(ending);
    expect(Object.keys(secrets)).toEqual(
      ending === 'authorized' ? ['client secret', 'device code', 'access token', 'refresh token'] : ['client secret', 'device code'],
    );
    await stream.waitFor((message) => isRootSnapshot(message) && message.snapshot.value === ending);
    await viewer.close();
    await stream.ended;

    expectNoSecrets('the event stream', stream.raw(), secrets);

    // The stream is whole and in order, and it carried the data the secrets sat in.
    const { messages } = stream;
    expect(messages.map((message) => message.seq)).toEqual(messages.map((_, index) => index + 1));
    expect(messages.at(-1)?.type).toBe('end');
    const events = messages.flatMap((message) => (message.type === '@xstate.event' ? [message.event.type] : []));
    expect(events.filter((type) => type === 'xstate.done.actor.pollToken')).toHaveLength(polls);
    const last = messages.filter(isRootSnapshot).at(-1)!;
    const context = last.snapshot.context as { codes: { deviceCode: string; userCode: string }; token: Record<string, unknown> | null };
    expect(context.codes.deviceCode).toBe('[redacted]');
    expect(context.codes.userCode).toMatch(/^[A-Z0-9]{8}$/);
    if (ending === 'authorized') {
      expect(context.token).toMatchObject({ accessToken: '[redacted]', refreshToken: '[redacted]', tokenType: 'bearer', scope: 'public' });
      expect(last.snapshot.output).toMatchObject({ accessToken: '[redacted]', refreshToken: '[redacted]' });
      expect(last.stateIds).toEqual(['deviceAuth.authorized']);
    }
    // Invoked actors are shown with their input and output, redacted too.
    const pollSnapshots = messages.filter(
      (message): message is ViewerSnapshotMessage => message.type === '@xstate.snapshot' && message.sessionId !== message.rootId && message.snapshot.input !== undefined,
    );
    expect(pollSnapshots.length).toBeGreaterThanOrEqual(polls);
    expect(pollSnapshots.every((message) => (message.snapshot.input as { deviceCode: string }).deviceCode === '[redacted]')).toBe(true);
  });

  it('a secret the app adds is scrubbed wherever it appears, under any name', async () => {
    const clientSecret = distinctiveSecret('client-secret');
    server = await startMockServer({ interval: 0.05, clientSecret, autoApproveAfterPolls: 0 });
    viewer = await serveInspector();
    viewer.redactor.addSecret(clientSecret);
    // Not a secret at all, but it appears in the codes (verificationUrl), so the check can fail.
    viewer.redactor.addSecret(server.url);
    const stream = await collectSse(viewer.url);
    const { secrets } = await runFlow({ baseUrl: server.url, clientId: server.clientId, clientSecret, inspect: viewer.inspect });
    await viewer.close();
    await stream.ended;
    expectNoSecrets('the event stream', stream.raw(), { ...secrets, 'server URL (added by the app)': server.url });
    expect(stream.raw()).toContain('"verificationUrl":"[redacted]/activate"');
  });
});
