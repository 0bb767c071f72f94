import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/index.js';
import { requestDeviceCode, startServer } from './support.js';

describe('server lifecycle', () => {
  it('listens on 127.0.0.1 on a free port by default', async () => {
    const server = await startServer();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.verificationUrl).toBe(`${server.url}/activate`);
  });

  it('closes idempotently and refuses connections afterwards', async () => {
    const server = await startMockServer();
    await requestDeviceCode(server);
    await Promise.all([server.close(), server.close()]);
    await expect(fetch(`${server.url}/activate`)).rejects.toThrow(TypeError);
  });

  it('reports a port that is taken as a CONFIGURATION error', async () => {
    const server = await startServer();
    await expect(startMockServer({ port: server.port })).rejects.toMatchObject({ code: 'CONFIGURATION' });
  });

  it('lets waitFor be cancelled with a signal', async () => {
    const server = await startServer();
    const controller = new AbortController();
    const waiting = server.waitFor('token', undefined, { signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
  });
});
