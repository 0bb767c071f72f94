/**
 * Trakt's header rules for API requests (docs/protocol.md, "Every request sends"), checked after the
 * `User-Agent` rule (see `blocked-page.ts`):
 *
 * - `trakt-api-version` must be `2`. Missing or different → **412** JSON `invalid_api_version`.
 *   Chosen over 400 on purpose: on `POST /oauth/device/token` a 400 means "pending", and a client
 *   that forgot the header would otherwise poll happily until its deadline.
 * - `trakt-api-key` must equal the configured client id. Missing or different → **403** JSON
 *   `invalid_api_key` (JSON, unlike the CDN's HTML 403, so clients can tell them apart).
 */

import { errorReply, type MockHeaders, type MockHttpReply } from './reply.js';

/** The only API version the mock (and Trakt) speaks. */
export const TRAKT_API_VERSION = '2';

/** Returns the error reply for a request breaking Trakt's header rules, or `undefined` when it follows them. */
export function checkTraktHeaders(headers: MockHeaders, clientId: string): MockHttpReply | undefined {
  const version = headers['trakt-api-version'];
  if (version === undefined || version.trim() !== TRAKT_API_VERSION) {
    const got = version === undefined ? 'it is missing' : `got ${JSON.stringify(version)}`;
    return errorReply(412, 'invalid_api_version', `the "trakt-api-version: ${TRAKT_API_VERSION}" header is required (${got})`);
  }
  const key = headers['trakt-api-key'];
  if (key === undefined || key.trim() === '') {
    return errorReply(403, 'invalid_api_key', 'the "trakt-api-key" header is required; send your client id');
  }
  if (key.trim() !== clientId) {
    return errorReply(403, 'invalid_api_key', 'the "trakt-api-key" header does not match a known client id');
  }
  return undefined;
}
