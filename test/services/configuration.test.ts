import { describe, expect, it } from 'vitest';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { createRfc8628Services } from '../../src/services/rfc8628/rfc8628-services.js';
import { DeviceAuthError } from '../../src/core/errors.js';

function configurationError(build: () => unknown): DeviceAuthError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('CONFIGURATION');
    return error as DeviceAuthError;
  }
  throw new Error('expected a CONFIGURATION error');
}

describe('options are checked when the services are built', () => {
  it('Trakt needs a client id and a client secret', () => {
    expect(configurationError(() => createTraktServices({ clientId: '', clientSecret: 's' })).message).toMatch(/client id/);
    expect(configurationError(() => createTraktServices({ clientId: 'i', clientSecret: ' ' })).message).toMatch(/client secret/);
  });

  it('a base URL must be http(s), a User-Agent must not be empty', () => {
    expect(configurationError(() => createTraktServices({ clientId: 'i', clientSecret: 's', baseUrl: 'ftp://x' })).message).toMatch(/baseUrl/);
    expect(configurationError(() => createTraktServices({ clientId: 'i', clientSecret: 's', userAgent: '' })).message).toMatch(/User-Agent|userAgent/);
  });

  it('RFC 8628 needs a client id and two http(s) endpoints, and a secret for basic auth', () => {
    const endpoints = { deviceAuthorizationEndpoint: 'https://id.example/device', tokenEndpoint: 'https://id.example/token' };
    configurationError(() => createRfc8628Services({ clientId: '', ...endpoints }));
    expect(configurationError(() => createRfc8628Services({ clientId: 'c', ...endpoints, tokenEndpoint: 'nope' })).message).toMatch(/tokenEndpoint/);
    configurationError(() => createRfc8628Services({ clientId: 'c', ...endpoints, clientAuthentication: 'client_secret_basic' }));
  });
});
