/** Errors keep what helps debugging (name, message, code, status, cause) and lose secrets. */
import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from '../../src/redact/redact.js';
import { DeviceAuthError } from '../../src/core/errors.js';

describe('errors', () => {
  it('keeps name, message, code, status; scrubs known secrets from the message', () => {
    const error = new DeviceAuthError('HTTP_STATUS', 'token request with client secret CS-1 got 401', { status: 401 });
    expect(redact(error, { secrets: ['CS-1'] })).toEqual({
      name: 'DeviceAuthError',
      message: `token request with client secret ${REDACTED} got 401`,
      code: 'HTTP_STATUS',
      status: 401,
    });
  });

  it('redacts causes, nested causes and aggregate errors', () => {
    const root = Object.assign(new Error('socket hang up while sending Bearer abcdefghijklmnop'), { code: 'ECONNRESET' });
    const middle = new TypeError('fetch failed', { cause: root });
    const top = new DeviceAuthError('NETWORK', 'poll failed', { cause: { request: { body: { device_code: 'DC', client_id: 'id' } }, error: middle } });
    expect(redact(top)).toEqual({
      name: 'DeviceAuthError',
      message: 'poll failed',
      code: 'NETWORK',
      cause: {
        request: { body: { device_code: REDACTED, client_id: 'id' } },
        error: {
          name: 'TypeError',
          message: 'fetch failed',
          cause: { name: 'Error', message: `socket hang up while sending Bearer ${REDACTED}`, code: 'ECONNRESET' },
        },
      },
    });
    expect(redact(new AggregateError([new Error('a password=hunter22')], 'many'))).toEqual({
      name: 'AggregateError',
      message: 'many',
      errors: [{ name: 'Error', message: `a password=${REDACTED}` }],
    });
  });

  it('never copies the stack or other own properties that may hold a response', () => {
    const error = Object.assign(new Error('bad'), { response: { body: 'access_token leaked' } });
    expect(redact(error)).toEqual({ name: 'Error', message: 'bad' });
  });
});
