/**
 * `POST /oauth/device/code` (docs/protocol.md): body `{"client_id"}` → 200 with a fresh device code.
 */

import type { RouteHandler } from '../context.js';
import { jsonReply } from '../reply.js';
import { readJsonFields } from '../request-body.js';
import { issueDeviceCode } from '../device-flow-steps.js';
import { checkClient } from './client-auth.js';

/** The 200 body of `POST /oauth/device/code`. */
export interface MockDeviceCodeBody {
  device_code: string;
  user_code: string;
  verification_url: string;
  /** Seconds; may be a fraction on the mock. */
  expires_in: number;
  /** Seconds; may be a fraction on the mock. */
  interval: number;
}

/** Issues a device code for the configured client. */
export const deviceCodeRoute: RouteHandler = (request, context) => {
  const fields = readJsonFields(request, ['client_id'], 'device code request');
  if (!fields.ok) return fields.reply;
  const refused = checkClient(context, fields.value.client_id);
  if (refused !== undefined) return refused;
  const { options } = context;
  const record = issueDeviceCode(context);
  const body: MockDeviceCodeBody = {
    device_code: record.deviceCode,
    user_code: record.userCode,
    verification_url: context.verificationUrl,
    expires_in: options.expiresIn,
    interval: options.interval,
  };
  return jsonReply(200, body);
};
