/**
 * JSON control endpoints for programs and tests (not part of Trakt): `POST /mock/approve` and
 * `POST /mock/deny` with body `{"user_code"}`. They do what the HTML form does, and answer
 * 200 `{"user_code", "status": "approved"|"denied"}`, or an error: 404 `unknown_code`,
 * 409 `already_decided`, 410 `expired_code`.
 */

import type { RouteHandler } from '../context.js';
import type { MockDecision } from '../device-store.js';
import { errorReply, jsonReply } from '../reply.js';
import { readJsonFields } from '../request-body.js';
import { normalizeUserCode } from '../codes.js';

/** A handler that approves or denies the posted `user_code`. */
export function controlRoute(decision: MockDecision): RouteHandler {
  return (request, context) => {
    const fields = readJsonFields(request, ['user_code'], `${decision} request`);
    if (!fields.ok) return fields.reply;
    const userCode = normalizeUserCode(fields.value.user_code);
    const result = context.devices.decide(userCode, decision, 'control');
    switch (result) {
      case 'approved':
      case 'denied':
        return jsonReply(200, { user_code: userCode, status: result });
      case 'unknown':
        return errorReply(404, 'unknown_code', `no device code has the user code ${JSON.stringify(userCode)}`);
      case 'already-decided':
        return errorReply(409, 'already_decided', `user code ${JSON.stringify(userCode)} was already approved or denied`);
      case 'expired':
        return errorReply(410, 'expired_code', `user code ${JSON.stringify(userCode)} has expired`);
    }
  };
}
