/**
 * `POST /oauth/device/token` (docs/protocol.md): body `{"code", "client_id", "client_secret"}`. The
 * status code is the answer and bodies are empty, except the 200 token:
 * 400 pending, 404 unknown, 409 already used, 410 expired, 418 denied, 429 too fast
 * (`Retry-After` seconds and an `X-Ratelimit` JSON header, like Trakt), 200 once after approval.
 */

import type { RouteHandler } from '../context.js';
import type { PollOutcome } from '../device-store.js';
import { emptyReply, jsonReply, type MockHttpReply } from '../reply.js';
import { readJsonFields } from '../request-body.js';
import { notePace, pollDeviceCode } from '../device-flow-steps.js';
import { checkClient } from './client-auth.js';

/** Status code of each poll outcome. */
export const POLL_STATUS: Readonly<Record<PollOutcome['kind'], number>> = {
  approved: 200,
  pending: 400,
  unknown: 404,
  'already-used': 409,
  expired: 410,
  denied: 418,
  'too-fast': 429,
};

function tooFastReply(retryAfterSeconds: number, intervalMs: number, now: number): MockHttpReply {
  const limit = {
    name: 'DEVICE_TOKEN_POLL_LIMIT',
    period: intervalMs / 1000,
    limit: 1,
    remaining: 0,
    until: new Date(now + retryAfterSeconds * 1000).toISOString(),
  };
  return emptyReply(429, { 'Retry-After': String(retryAfterSeconds), 'X-Ratelimit': JSON.stringify(limit) });
}

/** Answers a token poll from the device store, issuing the token on the first poll after approval. */
export const deviceTokenRoute: RouteHandler = (request, context) => {
  const fields = readJsonFields(request, ['code', 'client_id', 'client_secret'], 'device token request');
  if (!fields.ok) return fields.reply;
  const refused = checkClient(context, fields.value.client_id, fields.value.client_secret);
  if (refused !== undefined) return refused;

  const poll = pollDeviceCode(context, fields.value.code, (outcome) => POLL_STATUS[outcome.kind]);
  const { result } = poll;
  if (result.kind === 'token') return notePace(jsonReply(200, result.token), poll);
  const { outcome } = result;
  if (outcome.kind === 'too-fast') return notePace(tooFastReply(outcome.retryAfterSeconds, outcome.record.intervalMs, poll.now), poll);
  return notePace(emptyReply(POLL_STATUS[outcome.kind]), poll);
};
