/**
 * `POST /device_authorization` (also GitHub's `POST /login/device/code`), RFC 8628 §3.1/§3.2:
 * the client (and optional `scope`) in, a device code out, with `verification_uri` (the mock's
 * `/activate` page) and `verification_uri_complete` (the page with the code filled in).
 */

import type { RouteHandler } from '../../context.js';
import { issueDeviceCode } from '../../device-flow-steps.js';
import { jsonReply } from '../../reply.js';
import { authenticateClient } from './client-auth.js';
import { readOAuthParams } from './params.js';

/** The 200 body of the `rfc8628` device authorization endpoint (RFC 8628 §3.2). */
export interface MockDeviceAuthorizationBody {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  /** Seconds; may be a fraction on the mock. */
  expires_in: number;
  /** Seconds; may be a fraction on the mock. */
  interval: number;
}

/** Issues a device code to the configured client. */
export const deviceAuthorizationRoute: RouteHandler = (request, context) => {
  const read = readOAuthParams(context, request);
  if (!read.ok) return read.reply;
  const refused = authenticateClient(context, request, read.params);
  if (refused !== undefined) return refused;
  const record = issueDeviceCode(context, read.params.get('scope'));
  const body: MockDeviceAuthorizationBody = {
    device_code: record.deviceCode,
    user_code: record.userCode,
    verification_uri: context.verificationUrl,
    verification_uri_complete: `${context.verificationUrl}/${record.userCode}`,
    expires_in: context.options.expiresIn,
    interval: context.options.interval,
  };
  return jsonReply(200, body);
};
