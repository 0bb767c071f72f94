/**
 * The in-memory mock (`createMockFetch`, src/mock/fetch.ts) the waiting-memory benchmark uses: no
 * sockets, a long interval so the sign-ins wait quietly, every code remembered.
 */
import { createMockFetch, type MockFetch } from '../../src/mock/fetch.js';
import type { MockMode } from '../mock/protocol.js';
import { deviceCodeRequest } from './bare-requests.js';

/** A loopback origin (nothing listens; the fetch never leaves memory) so clients accept plain http. */
const WAITING_MOCK_URL = 'http://127.0.0.1:9';

/** An in-memory mock in `mode` with a 10-minute interval and no caps. */
export function createWaitingMock(mode: MockMode): MockFetch {
  return createMockFetch({
    url: WAITING_MOCK_URL,
    interval: 600,
    expiresIn: 1800,
    logLimit: 0,
    maxDeviceCodes: Infinity,
    maxTokenPairs: Infinity,
    ...(mode === 'rfc8628' ? { dialect: 'rfc8628' } : {}),
  } as Parameters<typeof createMockFetch>[0]);
}

/** Asks `mock` for `count` device codes with bare requests and drops the answers: the mock's own share of the heap. */
export async function issueCodesDirectly(mock: MockFetch, mode: MockMode, count: number): Promise<void> {
  const target = { mode, url: mock.url, clientId: mock.clientId, clientSecret: mock.clientSecret };
  await Promise.all(
    Array.from({ length: count }, async () => {
      const [url, init] = deviceCodeRequest(target);
      const response = await mock.fetch(url, init);
      if (!response.ok) throw new Error(`device code request answered ${response.status}`);
      await response.arrayBuffer();
    }),
  );
}
