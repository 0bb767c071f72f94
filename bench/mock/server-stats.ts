/** Counts what a mock server sees: requests, polls, early polls and the moment each code was approved. */
import type { MockServer } from '../../src/mock/index.js';
import { wallNow } from '../lib/clock.js';
import type { ServerStats } from './protocol.js';

/** Follows one server's events; `read()` gives the figures since the last `reset()`. */
export interface StatsCollector {
  reset(): void;
  read(): ServerStats;
}

/** The mock's own early-poll counter (`server.stats().earlyPolls`), on mocks that have one; read defensively. */
function mockEarlyCounter(server: MockServer): number | null {
  const stats = (server as unknown as { stats?: unknown }).stats;
  if (typeof stats !== 'function') return null;
  const early = (stats.call(server) as { earlyPolls?: unknown } | undefined)?.earlyPolls;
  return typeof early === 'number' ? early : null;
}

/**
 * Subscribes to `server`'s `request`, `code` and `poll` events. Arrival times come from this
 * process's clock ({@link wallNow}), the one the clients use for their token times.
 */
export function collectStats(server: MockServer, intervalMs: number): StatsCollector {
  let requests = 0;
  let polls = 0;
  let earlyPolls = 0;
  let minGapMs: number | null = null;
  let statuses: Record<string, number> = {};
  let approvedAt: Record<string, number> = {};
  let lastSeen = new Map<string, number>();
  let earlyBase = mockEarlyCounter(server);

  server.on('request', (entry) => {
    requests += 1;
    statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
  });
  server.on('code', (event) => lastSeen.set(event.userCode, wallNow()));
  server.on('poll', (event) => {
    const now = wallNow();
    polls += 1;
    if (event.userCode === undefined) return;
    const previous = lastSeen.get(event.userCode);
    if (previous !== undefined) {
      const gap = now - previous;
      if (gap < intervalMs) earlyPolls += 1;
      minGapMs = minGapMs === null ? gap : Math.min(minGapMs, gap);
    }
    lastSeen.set(event.userCode, now);
    if (event.outcome === 'approved') {
      approvedAt[event.userCode] = now;
      lastSeen.delete(event.userCode);
    }
  });

  return {
    reset() {
      requests = 0;
      polls = 0;
      earlyPolls = 0;
      minGapMs = null;
      statuses = {};
      approvedAt = {};
      lastSeen = new Map();
      earlyBase = mockEarlyCounter(server);
    },
    read() {
      const mockNow = mockEarlyCounter(server);
      return {
        requests,
        polls,
        earlyPolls,
        minGapMs,
        mockEarlyPolls: mockNow === null ? null : mockNow - (earlyBase ?? 0),
        statuses,
        approvedAt,
      };
    },
  };
}
