import { describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { createMockFetch } from '../../src/mock/fetch.js';
import { MOCK_DEFAULTS, resolveMockOptions, type MockServerOptions } from '../../src/mock/index.js';
import { USER_AGENT } from './support.js';

function refusal(options: MockServerOptions): string {
  try {
    resolveMockOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('CONFIGURATION');
    return (error as DeviceAuthError).message;
  }
  throw new Error('the options were accepted');
}

describe('the rfc8628 options', () => {
  it('default to the Trakt dialect, rotating refresh tokens and RFC 6749 error statuses', () => {
    expect(MOCK_DEFAULTS).toMatchObject({ dialect: 'trakt', rotateRefreshTokens: true, errorStatus: 400 });
    expect(resolveMockOptions({})).toMatchObject({ dialect: 'trakt', rotateRefreshTokens: true, errorStatus: 400 });
    expect(resolveMockOptions({ dialect: 'rfc8628', rotateRefreshTokens: false, errorStatus: 200 })).toMatchObject({
      dialect: 'rfc8628',
      rotateRefreshTokens: false,
      errorStatus: 200,
    });
    expect(resolveMockOptions({ dialect: undefined, rotateRefreshTokens: undefined, errorStatus: undefined }).dialect).toBe('trakt');
  });

  it('name the option and the choices when a value is wrong', () => {
    expect(refusal({ dialect: 'oauth1' as never })).toBe('mock server: "dialect" must be one of "trakt", "rfc8628" (got "oauth1")');
    expect(refusal({ errorStatus: 401 as never })).toBe('mock server: "errorStatus" must be one of 400, 200 (got 401)');
    expect(refusal({ rotateRefreshTokens: 'no' as never })).toBe('mock server: "rotateRefreshTokens" must be true or false (got "no")');
    expect(() => createMockFetch({ dialect: 'x' as never })).toThrow(DeviceAuthError);
  });
});

describe('the request log of a busy mock', () => {
  it('keeps the newest logLimit entries, oldest first, however often it wrapped', async () => {
    const mock = createMockFetch({ dialect: 'rfc8628', logLimit: 3 });
    for (let index = 0; index < 10; index += 1) await mock.fetch(`${mock.url}/nowhere-${index}`, { headers: { 'User-Agent': USER_AGENT } });
    expect(mock.log.map((entry) => entry.path)).toEqual(['/nowhere-7', '/nowhere-8', '/nowhere-9']);
    mock.clearLog();
    await mock.fetch(`${mock.url}/again`, { headers: { 'User-Agent': USER_AGENT } });
    expect(mock.log.map((entry) => entry.path)).toEqual(['/again']);
  });
});
