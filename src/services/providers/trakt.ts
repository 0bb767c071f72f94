/**
 * Trakt (docs/protocol.md; Trakt API "Authentication - Devices", https://trakt.docs.apiary.io/):
 * its own dialect (JSON bodies, answers told by status code, `trakt-api-key` headers), a
 * client secret always, refresh and revoke at `/oauth/token` and `/oauth/revoke`.
 */
import { TRAKT_API_URL } from '../trakt/trakt-dialect.js';
import type { TraktPreset } from './preset.js';

/** Options of {@link trakt}. */
export interface TraktPresetOptions {
  /** OAuth origin; default `https://api.trakt.tv` (`https://auth.trakt.tv` or a mock work the same). */
  baseUrl?: string | undefined;
  /** API origin for account lookups, when it differs from `baseUrl`. */
  apiUrl?: string | undefined;
}

/** The Trakt preset. */
export function trakt(options: TraktPresetOptions = {}): TraktPreset {
  return {
    kind: 'trakt',
    name: 'Trakt',
    baseUrl: options.baseUrl ?? TRAKT_API_URL,
    ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
    documentation: 'https://trakt.docs.apiary.io/#reference/authentication-devices',
  };
}
