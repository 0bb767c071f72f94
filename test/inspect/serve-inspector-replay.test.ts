/**
 * A page that connects late is sent the current state first: the actors, the latest snapshot of
 * each (even past the replay limit) and the recent events; then it follows live. After `close()`
 * every page is told the flow ended, and nothing listens any more.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serveInspector, type InspectorServer } from '../../src/inspect/serve-inspector.js';
import type { ViewerSnapshotMessage } from '../../src/inspect/viewer-messages.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { distinctiveSecret, runFlow } from './support/flows.js';
import { expectNoSecrets } from './support/secrets.js';
import { collectSse, isRootSnapshot } from './support/sse-client.js';

describe('serveInspector: late joiners', () => {
  let server: MockServer | undefined;
  let viewer: InspectorServer | undefined;
  afterEach(async () => {
    await viewer?.close();
    await server?.close();
  });

  it('a page opened mid-flow gets the current snapshot at once, then follows live to the end', async () => {
    const clientSecret = distinctiveSecret('client-secret');
    server = await startMockServer({ interval: 0.05, clientSecret });
    viewer = await serveInspector({ secrets: [clientSecret], replayLimit: 3 });
    const code = server.waitFor('code');
    const secondPending = server.waitFor('poll', (poll) => poll.outcome === 'pending' && poll.polls === 2);
    const flow = runFlow({ baseUrl: server.url, clientId: server.clientId, clientSecret, inspect: viewer.inspect });
    const { userCode } = await code;
    await secondPending;

    const late = await collectSse(viewer.url);
    // The replay arrives before anything live: wait for its last message, the latest root snapshot.
    const current = (await late.waitFor(
      (message) => isRootSnapshot(message) && JSON.stringify(message.snapshot.value).includes('awaitingUser'),
    )) as ViewerSnapshotMessage;
    const replayed = late.messages.slice(0, late.messages.indexOf(current) + 1);
    expect(replayed[0]).toMatchObject({ type: '@xstate.actor', seq: 1, parentId: null, machineId: 'deviceAuth' });
    expect(replayed.map((message) => message.seq)).toEqual([...replayed.map((message) => message.seq)].sort((a, b) => a - b));
    expect(current.stateIds?.[0]).toBe('deviceAuth.awaitingUser');
    expect(current.snapshot.context).toMatchObject({ codes: { userCode, deviceCode: '[redacted]' } });
    // Only the 3 most recent events and snapshots, plus actors and the latest snapshot of each.
    expect(replayed.filter((message) => message.type === '@xstate.event').length).toBeLessThanOrEqual(3);

    server.approve(userCode);
    const { secrets } = await flow;
    await late.waitFor((message) => isRootSnapshot(message) && message.snapshot.value === 'authorized');

    // A page opened after the flow ended still sees how it ended.
    const after = await collectSse(viewer.url);
    const final = (await after.waitFor((message) => isRootSnapshot(message) && message.snapshot.status === 'done')) as ViewerSnapshotMessage;
    expect(final.stateIds).toEqual(['deviceAuth.authorized']);

    await viewer.close();
    await Promise.all([late.ended, after.ended]);
    expect(late.messages.at(-1)?.type).toBe('end');
    expect(after.messages.at(-1)?.type).toBe('end');
    for (const stream of [late, after]) expectNoSecrets('a late page', stream.raw(), secrets);
    await expect(fetch(viewer.url)).rejects.toThrow();
  });
});
