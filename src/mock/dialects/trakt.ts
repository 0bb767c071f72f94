/**
 * The Trakt dialect (the default): Trakt's paths and JSON bodies, its `trakt-api-*` headers and
 * its status-code answers to polls (docs/protocol.md). The routes are `MOCK_ROUTES`.
 */

import type { MockDialect } from './mock-dialect.js';
import { MOCK_ROUTES } from '../routes.js';
import { checkTraktHeaders } from '../trakt-headers.js';

/** Trakt's rules: its headers on every API request; polling too fast is a 429 and keeps the interval. */
export const TRAKT_DIALECT: MockDialect = {
  name: 'trakt',
  routes: MOCK_ROUTES,
  checkApiRequest: (request, options) => checkTraktHeaders(request.headers, options.clientId),
  slowDownIncrementMs: 0,
};
