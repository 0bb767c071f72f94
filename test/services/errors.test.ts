import { describe, expect, it } from 'vitest';
import { DeviceAuthError, isDeviceAuthError, toDeviceAuthError } from '../../src/core/errors.js';

describe('DeviceAuthError', () => {
  it('carries a stable code, the status and the cause, and serializes without them leaking', () => {
    const cause = new Error('inner');
    const error = new DeviceAuthError('HTTP_STATUS', 'HTTP 503', { status: 503, cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DeviceAuthError', code: 'HTTP_STATUS', status: 503, cause });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'DeviceAuthError', code: 'HTTP_STATUS', message: 'HTTP 503', status: 503 });
    expect(new DeviceAuthError('NETWORK', 'down').toJSON()).toEqual({ name: 'DeviceAuthError', code: 'NETWORK', message: 'down' });
  });

  it('recognizes and wraps errors', () => {
    const error = new DeviceAuthError('TIMEOUT', 'slow');
    expect(isDeviceAuthError(error)).toBe(true);
    expect(isDeviceAuthError(error, 'TIMEOUT')).toBe(true);
    expect(isDeviceAuthError(error, 'NETWORK')).toBe(false);
    expect(isDeviceAuthError(new Error('x'))).toBe(false);
    expect(toDeviceAuthError(error)).toBe(error);
    expect(toDeviceAuthError(new Error('reset'))).toMatchObject({ code: 'NETWORK', message: 'reset' });
    expect(toDeviceAuthError('weird', 'UNEXPECTED')).toMatchObject({ code: 'UNEXPECTED', message: 'weird', cause: 'weird' });
  });
});
