/**
 * Every `expires_in` and `interval` a server can send has a defined outcome: an INVALID_RESPONSE
 * naming the field, or a documented clamp. An interval below the floor (1 s; 1 ms on loopback,
 * where the embedded mock and test servers run) is raised and the codes say so
 * (`intervalRaisedFrom`); an interval longer than the codes live is kept (the machine polls once
 * before the deadline).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import type { HttpResponse } from '../../src/core/http-message.js';
import type { DeviceCodes } from '../../src/machines/device-auth.types.js';
import type { FetchLike } from '../../src/services/http/http.js';
import { createRfc8628Dialect } from '../../src/services/rfc8628/rfc8628-dialect.js';
import { createTraktDialect } from '../../src/services/trakt/trakt-dialect.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { runUntilSettled } from '../support/run-machine.js';

const remote = createTraktDialect({ clientId: 'id', clientSecret: 'secret' });
const loopback = createTraktDialect({ clientId: 'id', clientSecret: 'secret', baseUrl: 'http://127.0.0.1:9' });
const rfcRemote = createRfc8628Dialect({ clientId: 'c', deviceAuthorizationEndpoint: 'https://id.example/device', tokenEndpoint: 'https://id.example/token' });
const good = { device_code: 'dc', user_code: 'ABCD2345', verification_url: 'https://trakt.tv/activate', expires_in: 600, interval: 5 };
const answer = (change: Record<string, unknown>): HttpResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ...good, ...change }),
});
const timing = (codes: DeviceCodes) => ({ expiresIn: codes.expiresIn, interval: codes.interval, intervalRaisedFrom: codes.intervalRaisedFrom });

function invalid(run: () => unknown, field: string): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('INVALID_RESPONSE');
    expect((error as DeviceAuthError).message).toContain(`"${field}"`);
    return (error as DeviceAuthError).message;
  }
  throw new Error(`expected INVALID_RESPONSE naming ${field}`);
}

describe('interval', () => {
  it.each([
    ['0.001 s from a remote server → raised to 1 s, and said so', remote, 0.001, { interval: 1, intervalRaisedFrom: 0.001 }],
    ['0 from a remote server → raised to 1 s', remote, 0, { interval: 1, intervalRaisedFrom: 0 }],
    ['0.5 s from the RFC 8628 dialect → raised to 1 s', rfcRemote, 0.5, { interval: 1, intervalRaisedFrom: 0.5 }],
    ['1 s is the floor itself: kept', remote, 1, { interval: 1, intervalRaisedFrom: undefined }],
    ['fractional above the floor: kept', remote, 2.5, { interval: 2.5, intervalRaisedFrom: undefined }],
    ['longer than the codes live: kept (one poll before the deadline)', remote, 900, { interval: 900, intervalRaisedFrom: undefined }],
    ['0.01 s on loopback: kept', loopback, 0.01, { interval: 0.01, intervalRaisedFrom: undefined }],
    ['0 on loopback → raised to 1 ms', loopback, 0, { interval: 0.001, intervalRaisedFrom: 0 }],
    ['null → the default 5 s', remote, null, { interval: 5, intervalRaisedFrom: undefined }],
  ])('%s', (_, dialect, interval, expected) => {
    const codes = dialect.parseDeviceCodes(answer({ interval, verification_uri: good.verification_url }), 0);
    expect(timing(codes)).toEqual({ expiresIn: 600, ...expected });
  });

  it.each([
    ['negative', -1],
    ['a string', '5'],
    ['a boolean', true],
    ['beyond any timer (over 24 days)', 25 * 86_400],
    ['1e308', 1e308],
  ])('%s → INVALID_RESPONSE naming interval', (_, interval) => {
    invalid(() => remote.parseDeviceCodes(answer({ interval }), 0), 'interval');
    invalid(() => rfcRemote.parseDeviceCodes(answer({ interval, verification_uri: good.verification_url }), 0), 'interval');
  });
});

describe('expires_in', () => {
  it.each([
    ['zero', 0],
    ['negative', -600],
    ['a string', '600'],
    ['missing', undefined],
    ['over 24 days', 25 * 86_400],
    ['1e308', 1e308],
  ])('%s → INVALID_RESPONSE naming expires_in', (_, expiresIn) => {
    invalid(() => remote.parseDeviceCodes(answer({ expires_in: expiresIn }), 0), 'expires_in');
  });

  it('fractional is kept', () => {
    expect(remote.parseDeviceCodes(answer({ expires_in: 599.5 }), 0).expiresIn).toBe(599.5);
  });
});

describe('a raised interval end to end (simulated time, a remote https server)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('the codes event says interval 1 (raised from 0.001) and polls are 1 s apart', async () => {
    const polls: number[] = [];
    const fetch: FetchLike = async (url) => {
      if (url.endsWith('/oauth/device/code')) {
        return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), text: async () => JSON.stringify({ ...good, expires_in: 5, interval: 0.001 }) };
      }
      polls.push(Date.now());
      return { status: 400, headers: new Headers(), text: async () => '' };
    };
    const services = createTraktServices({ clientId: 'id', clientSecret: 'secret', baseUrl: 'https://api.trakt.example', fetch });
    const { events, snapshot } = await runUntilSettled(services);
    expect(events[0]).toMatchObject({ type: 'codes', interval: 1, intervalRaisedFrom: 0.001 });
    expect(polls).toEqual([1_000, 2_000, 3_000, 4_000]);
    expect(snapshot.value).toBe('expired');
  });
});
