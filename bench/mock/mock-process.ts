/**
 * The embedded mock in its own process, so its CPU never counts against a client. Started by
 * `bench/run.ts` with an IPC channel; answers {@link MockRequest}s (start a server, reset or read
 * its counters, read this process's CPU).
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { MockServer, MockServerOptions } from '../../src/mock/index.js';
import { wallNow } from '../lib/clock.js';
import type { MockAnswer, MockRequest, ServerAddress, ServerSpec } from './protocol.js';
import { collectStats, type StatsCollector } from './server-stats.js';

/**
 * Idle keep-alive connections stay open for a minute: with Node's default 5 s, a loaded machine's
 * late timers let the server close a connection just as a client reuses it ("other side closed"),
 * and clients that do not retry (the bare loop, the peers) fail sign-ins over a race of the bench,
 * not of the library. The mock's `node:http` server is not exposed, so its `createServer` is
 * wrapped before the mock is loaded.
 */
function keepConnectionsAlive(): void {
  const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');
  const original = http.createServer;
  http.createServer = ((...args: Parameters<typeof original>) => {
    const server = original(...args);
    server.keepAliveTimeout = 60_000;
    return server;
  }) as typeof original;
  syncBuiltinESMExports();
}

keepConnectionsAlive();
const { startMockServer } = await import('../../src/mock/index.js');

const servers = new Map<number, { server: MockServer; stats: StatsCollector }>();

async function start(spec: ServerSpec): Promise<ServerAddress> {
  const options: MockServerOptions & { dialect?: string } = {
    interval: spec.interval,
    autoApproveAfterPolls: spec.autoApproveAfterPolls,
    expiresIn: 1800,
    logLimit: 0,
    maxDeviceCodes: Infinity,
    maxTokenPairs: Infinity,
    now: wallNow,
    ...(spec.mode === 'rfc8628' ? { dialect: 'rfc8628' } : {}),
  };
  const server = await startMockServer(options);
  if (spec.mode === 'rfc8628') {
    const probe = await fetch(`${server.url}/device_authorization`, { method: 'POST', headers: { 'user-agent': 'bench-probe' } });
    await probe.arrayBuffer();
    if (probe.status === 404) {
      await server.close();
      throw new Error('this mock has no RFC 8628 mode yet (POST /device_authorization answers 404)');
    }
  }
  const id = servers.size + 1;
  servers.set(id, { server, stats: collectStats(server, spec.interval * 1000) });
  return { id, mode: spec.mode, url: server.url, clientId: server.clientId, clientSecret: server.clientSecret };
}

function entry(id: number): { server: MockServer; stats: StatsCollector } {
  const found = servers.get(id);
  if (found === undefined) throw new Error(`no server ${id}`);
  return found;
}

async function answer(request: MockRequest): Promise<unknown> {
  switch (request.type) {
    case 'start':
      return start(request.spec);
    case 'reset':
      entry(request.id).stats.reset();
      return null;
    case 'stats':
      return entry(request.id).stats.read();
    case 'cpu':
      return process.cpuUsage();
  }
}

process.on('message', (message: MockRequest) => {
  answer(message).then(
    (value) => process.send?.({ seq: message.seq, ok: true, value } satisfies MockAnswer),
    (error: unknown) => process.send?.({ seq: message.seq, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies MockAnswer),
  );
});
process.on('disconnect', () => {
  Promise.all([...servers.values()].map(({ server }) => server.close())).finally(() => process.exit(0));
});
