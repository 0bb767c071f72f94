/**
 * Token times are validated where they enter: a server's `created_at` in milliseconds or an
 * absurd `expires_in` is an INVALID_RESPONSE naming the field, and a token file with such values
 * is unreadable (signed out, with the store's warning) instead of crashing whoever formats
 * `expiresAt` as a date ("RangeError: Invalid time value").
 */
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { fromStoredToken } from '../../src/core/token.js';
import type { HttpResponse } from '../../src/core/http-message.js';
import { createRfc8628Dialect } from '../../src/services/rfc8628/rfc8628-dialect.js';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import type { TokenStoreWarning } from '../../src/services/stores/token-store.js';
import { createTraktDialect } from '../../src/services/trakt/trakt-dialect.js';

const NOW = Date.UTC(2025, 0, 1);
const trakt = createTraktDialect({ clientId: 'id', clientSecret: 'secret' });
const rfc = createRfc8628Dialect({ clientId: 'id', deviceAuthorizationEndpoint: 'https://id.example/device', tokenEndpoint: 'https://id.example/token' });
const ok = (body: unknown): HttpResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const body = {
  access_token: 'a',
  token_type: 'bearer',
  expires_in: 604_800,
  refresh_token: 'r',
  scope: 'public',
  created_at: 1_735_689_600,
};
const stored = { ...body, expires_at: body.created_at + body.expires_in };

/** Every accepted token must be formattable as a date: this is what crashed the CLI. */
function expectValidDate(expiresAt: number) {
  expect(() => new Date(expiresAt).toISOString()).not.toThrow();
}

function invalid(run: () => unknown): DeviceAuthError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('INVALID_RESPONSE');
    return error as DeviceAuthError;
  }
  throw new Error('expected INVALID_RESPONSE');
}

describe('a token answer with impossible times is an INVALID_RESPONSE naming the field', () => {
  it.each([
    ['created_at in milliseconds', { created_at: 1_735_689_600_000 }, '"created_at"', /milliseconds/],
    ['created_at 1e308', { created_at: 1e308 }, '"created_at"', /100 years/],
    ['created_at before 2000', { created_at: 86_400 }, '"created_at"', /2000-01-01/],
    ['created_at negative', { created_at: -1 }, '"created_at"', /positive number/],
    ['expires_in 1e308', { expires_in: 1e308 }, '"expires_in"', /10 years/],
    ['expires_in eleven years', { expires_in: 11 * 365 * 86_400 }, '"expires_in"', /10 years/],
    ['expires_in zero', { expires_in: 0 }, '"expires_in"', /positive number/],
  ])('Trakt poll: %s', (_, change, field, detail) => {
    const outcome = trakt.classifyTokenResponse(ok({ ...body, ...change }), NOW);
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'INVALID_RESPONSE' } });
    const { message } = (outcome as { error: DeviceAuthError }).error;
    expect(message).toContain(`Trakt token response: ${field} must be`);
    expect(message).toMatch(detail);
  });

  it('Trakt refresh: created_at in milliseconds', () => {
    const error = invalid(() => trakt.parseRefreshResponse(ok({ ...body, created_at: 1_735_689_600_000 }), NOW));
    expect(error.message).toContain('"created_at"');
  });

  it('RFC 8628 token (no created_at: the receive time stands in): expires_in 1e308', () => {
    const outcome = rfc.classifyTokenResponse(ok({ access_token: 'a', token_type: 'Bearer', expires_in: 1e308 }), NOW);
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'INVALID_RESPONSE' } });
    expect((outcome as { error: DeviceAuthError }).error.message).toContain('"expires_in"');
  });

  it('accepts the edges: created_at now and 99 years ahead, expires_in 10 years and fractional', () => {
    for (const change of [{ created_at: NOW / 1000 }, { created_at: NOW / 1000 + 99 * 365 * 86_400 }, { expires_in: 10 * 365 * 86_400 }, { expires_in: 3599.5 }]) {
      const outcome = trakt.classifyTokenResponse(ok({ ...body, ...change }), NOW);
      expect(outcome.type).toBe('authorized');
      if (outcome.type === 'authorized') expectValidDate(outcome.token.expiresAt);
    }
  });
});

describe('a stored token with impossible times is unreadable (fromStoredToken → undefined)', () => {
  it.each([
    ['created_at 1e308', { created_at: 1e308 }],
    ['created_at in milliseconds', { created_at: 1_735_689_600_000 }],
    ['expires_in 1e308', { expires_in: 1e308 }],
    ['expires_in eleven years', { expires_in: 11 * 365 * 86_400 }],
  ])('%s', (_, change) => {
    expect(fromStoredToken({ ...stored, ...change }, NOW)).toBeUndefined();
  });

  it('still reads sane tokens, including old ones written by other programs', () => {
    const token = fromStoredToken(stored, NOW);
    expect(token).toMatchObject({ createdAt: body.created_at, expiresAt: (body.created_at + body.expires_in) * 1000 });
    expectValidDate(token!.expiresAt);
    expect(fromStoredToken({ ...stored, created_at: 10, expires_in: 7200 }, NOW)).toMatchObject({ expiresAt: 7_210_000 });
  });

  it('defaults "now" to the clock', () => {
    expect(fromStoredToken({ ...stored, created_at: Date.now() / 1000 })).toBeDefined();
    expect(fromStoredToken({ ...stored, created_at: Date.now() })).toBeUndefined();
  });

  it('a token file with created_at 1e308 is read as signed out, with the corrupt-file warning', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'token-times-'));
    try {
      const path = join(dir, 'token.json');
      await fs.writeFile(path, JSON.stringify({ ...stored, created_at: 1e308 }), { mode: 0o600 });
      const warnings: TokenStoreWarning[] = [];
      const store = createFileTokenStore({ path, onWarning: (warning) => warnings.push(warning) });
      expect(await store.get()).toBeUndefined();
      expect(warnings).toMatchObject([{ code: 'TOKEN_STORE_CORRUPT', location: path }]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
