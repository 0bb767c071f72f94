/**
 * Embedded mock servers for the widget tests: each test starts its own on 127.0.0.1:0 with the
 * pace it needs; every server started is closed after the test, whatever happened.
 */
import { afterEach } from 'vitest';
import { startMockServer, type MockServer, type MockServerOptions } from '../../../src/mock/index.js';

/** Returns `start(options)`, which starts a mock server closed after the current test. */
export function useMockServers(): (options: MockServerOptions) => Promise<MockServer> {
  const running: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  return async (options) => {
    const server = await startMockServer(options);
    running.push(server);
    return server;
  };
}
